// Feeds arbitrary bytes to the Bluesky API importer (platform_checks.h says
// what every format must do); on top, every event carries no value and
// every observation names a post by its at:// URI, and every error
// follows the file name with ': '.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/bluesky.h"
#include "platform_checks.h"

namespace {

class BlueskySink : public learnloop::fuzz::CheckingSink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    learnloop::fuzz::Require(!event.value.has_value());
    return CheckingSink::Event(event);
  }
  learnloop::Status Observation(const learnloop::Observation& o) override {
    learnloop::fuzz::Require(o.content.starts_with("at://"));
    return CheckingSink::Observation(o);
  }
  learnloop::Status Attribute(const learnloop::PersonAttribute& a) override {
    learnloop::fuzz::Require(a.attribute == "display_name" && !a.value.empty());
    return CheckingSink::Attribute(a);
  }
  learnloop::Status Content(const learnloop::ContentItem& item) override {
    learnloop::fuzz::Require(item.key.starts_with("at://") && item.published_at.has_value());
    return CheckingSink::Content(item);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  BlueskySink sink;
  const learnloop::Status status = learnloop::fuzz::CheckPlatformFormat(
      learnloop::ingest::kBlueskyFormat, std::string_view(reinterpret_cast<const char*>(data), size), "f.json", sink);
  // Its errors all name a JSON path after the file.
  if (!status.ok()) learnloop::fuzz::Require(status.message().starts_with("f.json:"));
  return 0;
}
