// Feeds arbitrary bytes to the Mastodon account archive importer: the
// platform checks, and the format's own promises: only org_reply events on
// its channel, each naming a person "@name@host" and a post; no value, no
// observations, no attributes; posts with a key and a time.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/mastodon_archive.h"
#include "platform_checks.h"

namespace {

using learnloop::fuzz::Require;

class ArchiveSink : public learnloop::fuzz::EventsOnlySink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.channel == "mastodon" && event.kind == "org_reply");
    Require(event.person.starts_with('@') && event.person.find('@', 1) != std::string_view::npos);
    Require(!event.content.empty() && !event.value.has_value());
    return EventsOnlySink::Event(event);
  }
  learnloop::Status Content(const learnloop::ContentItem& item) override {
    Require(item.channel == "mastodon" && item.published_at.has_value());
    return EventsOnlySink::Content(item);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ArchiveSink sink;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kMastodonArchiveFormat,
                                             std::string_view(reinterpret_cast<const char*>(data), size), "outbox.json",
                                             sink);
  return 0;
}
