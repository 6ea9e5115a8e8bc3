// Feeds arbitrary bytes to the Mailchimp audience export importer: the
// platform checks, and the format's own promises: only subscribe and
// unsubscribe events on the email channel, each naming a lower-case
// address, no observations, and attributes named without spaces.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/mailchimp.h"
#include "platform_checks.h"

namespace {

using learnloop::fuzz::Require;

class AudienceSink : public learnloop::fuzz::CheckingSink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.channel == "email" && (event.kind == "subscribe" || event.kind == "unsubscribe"));
    Require(learnloop::ingest::EmailPerson(event.person) == event.person);
    return CheckingSink::Event(event);
  }
  learnloop::Status Observation(const learnloop::Observation&) override {
    std::abort();  // the format yields no observations
  }
  learnloop::Status Attribute(const learnloop::PersonAttribute& attribute) override {
    Require(!attribute.attribute.empty() && attribute.attribute.find(' ') == std::string::npos);
    Require(!attribute.value.empty());
    return CheckingSink::Attribute(attribute);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  AudienceSink sink;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kMailchimpAudienceFormat,
                                             std::string_view(reinterpret_cast<const char*>(data), size),
                                             "subscribed.csv", sink);
  return 0;
}
