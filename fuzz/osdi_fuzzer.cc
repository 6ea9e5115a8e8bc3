// Feeds arbitrary bytes to the Action Network / OSDI importer: the platform
// checks, and the format's own promises: only events, on its channel, each
// with a time, a person and a kind it names; a value only on donations.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/osdi.h"
#include "platform_checks.h"

namespace {

using learnloop::fuzz::Require;

class OsdiSink : public learnloop::fuzz::EventsOnlySink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.channel == "actionnetwork");
    Require(event.kind == "petition" || event.kind == "event_attend" || event.kind == "event_signup" ||
            event.kind == "donation" || event.kind == "outreach" || event.kind == "form_submission");
    Require(event.value.has_value() == (event.kind == "donation"));
    Require(!event.value || *event.value >= 0);
    return EventsOnlySink::Event(event);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  OsdiSink sink;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kOsdiFormat,
                                             std::string_view(reinterpret_cast<const char*>(data), size),
                                             "signatures.json", sink);
  return 0;
}
