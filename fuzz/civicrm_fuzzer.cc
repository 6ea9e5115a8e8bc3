// Feeds arbitrary bytes to both CiviCRM export importers: the platform
// checks, and the formats' own promises: only events on their channel;
// contributions are donations with a non-negative value or refunds with a
// non-positive one; activities carry no value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/civicrm.h"
#include "platform_checks.h"

namespace {

using learnloop::fuzz::Require;

class CiviSink : public learnloop::fuzz::EventsOnlySink {
 public:
  explicit CiviSink(bool contributions) : contributions_(contributions) {}

  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.channel == "civicrm");
    if (contributions_) {
      Require(event.kind == "donation" || event.kind == "refund");
      Require(event.value.has_value() && (event.kind == "donation" ? *event.value >= 0 : *event.value <= 0));
    } else {
      Require(!event.value.has_value());
    }
    return EventsOnlySink::Event(event);
  }

 private:
  bool contributions_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CiviSink contributions(true);
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kCiviContributionsFormat, bytes, "contributions.csv",
                                             contributions);
  CiviSink activities(false);
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kCiviActivitiesFormat, bytes, "activities.csv",
                                             activities);
  return 0;
}
