// Feeds arbitrary bytes to the Mobilize attendances importer: the platform
// checks, and the format's own promises: only event_signup and event_attend
// events without a value, and name and ZIP attributes only.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/mobilize.h"
#include "platform_checks.h"

namespace {

using learnloop::fuzz::Require;

class MobilizeSink : public learnloop::fuzz::CheckingSink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.kind == "event_signup" || event.kind == "event_attend");
    Require(!event.value.has_value() && !event.content.empty());
    return CheckingSink::Event(event);
  }
  learnloop::Status Observation(const learnloop::Observation&) override {
    std::abort();  // the format yields no observations
  }
  learnloop::Status Attribute(const learnloop::PersonAttribute& attribute) override {
    Require(attribute.attribute == "first_name" || attribute.attribute == "last_name" || attribute.attribute == "zip");
    Require(!attribute.value.empty());
    return CheckingSink::Attribute(attribute);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  MobilizeSink sink;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kMobilizeFormat,
                                             std::string_view(reinterpret_cast<const char*>(data), size),
                                             "attendances.json", sink);
  return 0;
}
