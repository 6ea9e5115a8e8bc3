// The demo workspace generator: a synthetic organization's events in the
// canonical event format, so a new user sees a plausible ladder at once and
// benchmarks get realistic data at any size. Same options, same bytes.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "learnloop/event.h"
#include "learnloop/progress.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop {

using DemoFormat = EventFormat;  // the front ends' name; see learnloop/event.h

struct DemoOptions {
  int64_t people = 2000;  // supporters who find the org during the period; 1..10,000,000
  int days = 180;         // length of the period; 1..3650
  uint64_t seed = 1;      // different seeds give different organizations
  Day end_day = 0;        // the last day generated, inclusive; callers pass today
  // Names the org's website, which page views point to.
  std::string org_name = "Riverbend Climate Action";
};

struct DemoStats {
  int64_t events = 0;
  int64_t people = 0;      // simulated supporters (each has 1-3 identities)
  int64_t identities = 0;  // distinct `person` strings in the output
  std::map<std::string, int64_t> events_by_kind;
};

// InvalidArgument naming the flag (--people, --days) when out of range.
Status ValidateDemoOptions(const DemoOptions& options);

// About how many events GenerateDemoEvents writes for `options` (within
// ~5% for 10,000 people or more and 30 days or more; about 10 per person
// for 365 days), so callers can size a run to a target.
int64_t EstimateDemoEvents(const DemoOptions& options);

// Writes the organization's events for days end_day-days+1 ... end_day to
// `out`, sorted by ts, no two with the same identity. The model (channels,
// identities, posting calendar, engagement, conversations, actions, lapsing)
// is described in src/demo/simulator.h. IoError when the stream fails.
// With `people_out`, also writes the org's CRM export of everyone with an
// email identity there (CSV: email,city,membership; city empty for ~10%,
// membership "member" more often for the more engaged), for
// `learnloop people import --person-column email`. With `progress`, reports
// the days generated so far, of options.days.
Result<DemoStats> GenerateDemoEvents(const DemoOptions& options, std::ostream& out,
                                     DemoFormat format = DemoFormat::kCsv, std::ostream* people_out = nullptr,
                                     Progress* progress = nullptr);

}  // namespace learnloop
