// What both feed readers must do with any bytes, read as an import reads a
// file (through ReadPlatformFile's checks): sniffing never crashes, and
// reading ends in contents or a clean error naming the file. A feed yields
// no events, observations or attributes; every content item is on "web",
// has a key and UTF-8 text within the length kept.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

#include "ingest/feed.h"
#include "platform_checks.h"

namespace learnloop::fuzz {

class FeedSink : public CheckingSink {
 public:
  Status Event(const EventView&) override { std::abort(); }
  Status Observation(const learnloop::Observation&) override { std::abort(); }
  Status Attribute(const PersonAttribute&) override { std::abort(); }
  Status Content(const ContentItem& item) override {
    Require(item.channel == "web" && item.text.size() <= ingest::kMaxContentTextBytes);
    return CheckingSink::Content(item);
  }
};

inline void CheckFeedFormat(const ingest::PlatformFormat& format, std::string_view bytes, const std::string& file) {
  (void)format.sniff(bytes.substr(0, ingest::kSniffBytes));
  FeedSink sink;
  ingest::ReadReport report;
  const ingest::PlatformContext context{.file = file, .channel = "", .zone = TimeZone::Utc()};
  int64_t custom_kinds = 0;
  Status status = ingest::ReadPlatformFile(format, bytes, context, sink, report, custom_kinds);
  if (!status.ok()) Require(status.message().starts_with(file + ": "));
  Require(custom_kinds == 0 && report.records >= 0);
  Require(report.warnings.size() <= ingest::ReadReport::kMaxWarnings);
  for (const auto& [reason, count] : report.skipped) Require(!reason.empty() && count > 0);
}

}  // namespace learnloop::fuzz
