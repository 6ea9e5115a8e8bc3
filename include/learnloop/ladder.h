// The ladder of engagement over a workspace's events: who stands on which
// rung as of a day, how counts move over time, who climbs and how fast.
// Rungs and their rules come from ladder.toml (see ladder_rules.h). Days are
// local days of the workspace time zone; "as of T" means the end of day T.
// A Ladder is immutable, cheap to copy and safe to use from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/time.h"

namespace learnloop {

namespace engine {
struct EventTable;
}
namespace ladder {
struct LadderRules;
class LadderScan;
}  // namespace ladder

// The state of people with events but on no rung.
inline constexpr std::string_view kAudienceName = "audience";

struct PersonRung {
  std::string person;
  std::string rung;  // a rung name or "audience"
  bool operator==(const PersonRung&) const = default;
};

struct RungCount {
  std::string name;
  int64_t people = 0;
  bool operator==(const RungCount&) const = default;
};

// Counts of people per rung as of a day; people without any event at or
// before `as_of` are not counted anywhere.
struct LadderSnapshot {
  Day as_of = 0;
  std::vector<RungCount> rungs;  // highest first
  int64_t audience = 0;
  bool operator==(const LadderSnapshot&) const = default;
};

struct RungSeries {
  std::vector<LadderSnapshot> points;  // in day order
};

// How people moved between two days. States are the rungs highest first,
// then "audience"; counts[a][b] is the number of people in state a on `from`
// and b on `to`. People without events by `from` start as audience.
struct TransitionMatrix {
  Day from = 0;
  Day to = 0;
  std::vector<std::string> states;
  std::vector<std::vector<int64_t>> counts;
  int64_t moved_up = 0;
  int64_t moved_down = 0;
  int64_t stayed = 0;
};

// Of the `base` people exactly on `from_rung` on the first day, `converted`
// stood on `to_rung` (the next rung up) or higher on the last day.
struct Conversion {
  std::string from_rung;
  std::string to_rung;
  int64_t base = 0;
  int64_t converted = 0;
  double rate = 0;  // converted / base; 0 when base is 0
};

// Days from first reaching `from_rung` (or higher) to first reaching
// `to_rung` (or higher), over the `people` who reached `from_rung` first.
struct ClimbTime {
  std::string from_rung;
  std::string to_rung;
  int64_t people = 0;
  std::optional<double> median_days;  // none when people is 0
};

struct CohortRow {
  std::string month;  // "2024-05": the month of the first event
  int64_t people = 0;
  std::vector<int64_t> counts;  // per column of CohortTable
};

// People by the month they first appeared, split by the highest rung they
// ever stood on up to `as_of`.
struct CohortTable {
  Day as_of = 0;
  std::vector<std::string> columns;  // rungs highest first, then "audience"
  std::vector<CohortRow> rows;       // oldest month first
};

// Where one person stood from `from` to `to` (both included): a rung, or
// kAudienceName.
struct PersonStay {
  Day from = 0;
  Day to = 0;
  std::string rung;
};

struct KindCount {
  std::string kind;
  int64_t events = 0;
};

// One person up to a day: what they did and how they moved on the ladder.
struct PersonStory {
  std::string person;
  Day first_seen = 0;
  Day last_seen = 0;  // the day of their last event up to the day asked
  int64_t events = 0;
  std::vector<KindCount> kinds;       // most events first, then by kind
  std::vector<std::string> channels;  // in the order first used
  std::vector<PersonStay> stays;      // from first_seen on, in order
};

class Ladder {
 public:
  // `rules` must come from ladder::ParseLadderRules.
  Ladder(std::shared_ptr<const engine::EventTable> table, ladder::LadderRules rules);

  const std::vector<std::string>& rung_names() const;  // highest first
  int64_t people() const;                              // people with any event

  // Everyone with an event at or before `t`, in the table's person order.
  std::vector<PersonRung> PeopleAsOf(Day t) const;
  LadderSnapshot CountsAsOf(Day t) const;
  // One snapshot per day of [from, to]; empty when from > to.
  RungSeries DailySeries(Day from, Day to) const;
  // One snapshot per ISO week touching [from, to], as of its Sunday, or as
  // of `to` for a last week that ends after `to`; empty when from > to.
  RungSeries WeeklySeries(Day from, Day to) const;
  // People counted are those with any event at or before `to`.
  TransitionMatrix Transitions(Day from, Day to) const;
  // One entry per adjacent pair of rungs, lowest pair first.
  std::vector<Conversion> Conversions(Day from, Day to) const;
  // One entry per adjacent pair of rungs, lowest pair first; people who
  // reached both rungs on the same day are left out.
  std::vector<ClimbTime> ClimbTimes(Day as_of) const;
  CohortTable Cohorts(Day as_of) const;
  // `person`'s story up to `as_of`; nullopt when they have no event by then.
  std::optional<PersonStory> Person(std::string_view person, Day as_of) const;

 private:
  std::shared_ptr<const ladder::LadderScan> scan_;
};

}  // namespace learnloop
