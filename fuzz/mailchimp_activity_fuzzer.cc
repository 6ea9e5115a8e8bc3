// Feeds arbitrary bytes to the Mailchimp email-activity importer: the
// platform checks, and the format's own promises: only open and click
// events on the email channel, each naming a lower-case address, and no
// observations or attributes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/mailchimp.h"
#include "platform_checks.h"

namespace {

using learnloop::fuzz::Require;

class ActivitySink : public learnloop::fuzz::EventsOnlySink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.channel == "email" && (event.kind == "open" || event.kind == "click"));
    Require(learnloop::ingest::EmailPerson(event.person) == event.person && event.tags.empty());
    return EventsOnlySink::Event(event);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ActivitySink sink;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kMailchimpActivityFormat,
                                             std::string_view(reinterpret_cast<const char*>(data), size),
                                             "activity.json", sink);
  return 0;
}
