// Feeds arbitrary bytes to the Mastodon API importer as an import reads a
// file (through ReadPlatformFile's checks): sniffing must not crash, and
// reading must end in records or a clean error naming the file. Every event
// must pass the readers' checks, every observation must name a post, a
// metric and a finite count, every attribute be a display name or a follow
// mark, and every post have a key, a time and UTF-8 text.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "event_checks.h"
#include "ingest/input_text.h"
#include "ingest/mastodon.h"

namespace {

using learnloop::fuzz::Require;

class CheckingSink : public learnloop::ingest::RecordSink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    learnloop::fuzz::CheckEvent(event);
    Require(!event.value.has_value());
    return learnloop::Status::Ok();
  }
  learnloop::Status Observation(const learnloop::Observation& o) override {
    Require(o.channel == "mastodon" && !o.content.empty());
    Require(learnloop::NameProblem(o.metric, "metric name").empty());
    Require(std::isfinite(o.value));
    return learnloop::Status::Ok();
  }
  // Display names, and which follow list an account is on.
  learnloop::Status Attribute(const learnloop::PersonAttribute& a) override {
    Require(a.person.starts_with('@') && !a.value.empty());
    Require(a.attribute == "display_name" || a.attribute == "follows_us" || a.attribute == "we_follow");
    return learnloop::Status::Ok();
  }
  // The organization's posts.
  learnloop::Status Content(const learnloop::ContentItem& item) override {
    Require(item.channel == "mastodon" && !item.key.empty() && item.published_at.has_value());
    Require(!learnloop::FindInvalidUtf8(item.text) && !learnloop::FindInvalidUtf8(item.tags));
    return learnloop::Status::Ok();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& format = learnloop::ingest::kMastodonApiFormat;
  (void)format.sniff(text.substr(0, learnloop::ingest::kSniffBytes));
  CheckingSink sink;
  learnloop::ingest::ReadReport report;
  learnloop::ingest::PlatformContext context{.file = "f.json", .channel = "", .zone = learnloop::TimeZone::Utc()};
  int64_t custom_kinds = 0;
  learnloop::Status status = learnloop::ingest::ReadPlatformFile(format, text, context, sink, report, custom_kinds);
  if (!status.ok()) Require(status.message().starts_with("f.json:"));
  Require(custom_kinds == 0 && report.records >= 0);
  Require(report.warnings.size() <= learnloop::ingest::ReadReport::kMaxWarnings);
  for (const auto& [reason, count] : report.skipped) Require(!reason.empty() && count > 0);
  return 0;
}
