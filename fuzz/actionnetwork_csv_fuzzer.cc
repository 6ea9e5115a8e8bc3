// Feeds arbitrary bytes to both Action Network CSV importers: the platform
// checks, and the formats' own promises: only events on their channel; the
// activist export yields subscribe events and attributes that are never a
// phone number or an address; an action download yields its action's kinds
// only (a donation's value non-negative, a refund's non-positive, the
// others without one), read under names that say each action.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/actionnetwork_csv.h"
#include "ingest/platform_text.h"
#include "platform_checks.h"

namespace {

using learnloop::fuzz::Require;

class ActivistsSink : public learnloop::fuzz::CheckingSink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.channel == "actionnetwork" && event.kind == "subscribe" && !event.value.has_value());
    return CheckingSink::Event(event);
  }
  learnloop::Status Observation(const learnloop::Observation&) override {
    std::abort();  // the format yields no observations
  }
  learnloop::Status Attribute(const learnloop::PersonAttribute& attribute) override {
    const std::string name = learnloop::ingest::LowerAscii(attribute.attribute);
    Require(!name.starts_with("can2_"));  // Action Network's own columns
    for (std::string_view word : {"phone", "mobile", "sms", "street", "address"})
      Require(name.find(word) == std::string::npos);
    return CheckingSink::Attribute(attribute);
  }
};

class ActionsSink : public learnloop::fuzz::EventsOnlySink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.channel == "actionnetwork");
    if (event.kind == "donation" || event.kind == "refund") {
      Require(event.value.has_value() && (event.kind == "donation" ? *event.value >= 0 : *event.value <= 0));
    } else {
      Require(event.kind == "petition" || event.kind == "event_attend" || event.kind == "event_signup" ||
              event.kind == "form_submission" || event.kind == "outreach");
      Require(!event.value.has_value());
    }
    return EventsOnlySink::Event(event);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ActivistsSink activists;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kActionNetworkActivistsFormat, bytes, "activists.csv",
                                             activists);
  for (const char* file : {"signatures.csv", "rsvps.csv", "donations.csv", "letters.csv", "export.csv"}) {
    ActionsSink actions;
    (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kActionNetworkActionsFormat, bytes, file, actions);
  }
  return 0;
}
