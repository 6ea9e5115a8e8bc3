// Feeds arbitrary bytes to the ActBlue contributions CSV importer: the
// platform checks, and the format's own promises: only donation and refund
// events, each with a finite value (negative only for a refund), and
// attributes of the donor fields only.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/actblue.h"
#include "platform_checks.h"

namespace {

using learnloop::fuzz::Require;

class ActBlueSink : public learnloop::fuzz::CheckingSink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    Require(event.kind == "donation" || event.kind == "refund");
    Require(event.value.has_value() && std::isfinite(*event.value));
    Require(event.kind == "refund" || *event.value >= 0);
    return CheckingSink::Event(event);
  }
  learnloop::Status Observation(const learnloop::Observation&) override {
    std::abort();  // the format yields no observations
  }
  learnloop::Status Attribute(const learnloop::PersonAttribute& attribute) override {
    for (std::string_view name :
         {"first_name", "last_name", "city", "state", "zip", "country", "employer", "occupation"})
      if (attribute.attribute == name) return CheckingSink::Attribute(attribute);
    std::abort();  // never a phone or an address
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ActBlueSink sink;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kActBlueFormat,
                                             std::string_view(reinterpret_cast<const char*>(data), size),
                                             "contributions.csv", sink);
  return 0;
}
