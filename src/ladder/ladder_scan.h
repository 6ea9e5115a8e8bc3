// Runs PersonSweep over every person of an event table, split over threads
// by person ranges, and gathers the per-person results the Ladder queries
// are made of.
#pragma once

#include <memory>
#include <vector>

#include "engine/event_table.h"
#include "ladder/compiled_ladder.h"
#include "ladder/ladder_rules.h"
#include "ladder/person_sweep.h"

namespace learnloop::ladder {

// First days each person reached, as of some day.
struct Progress {
  static constexpr Day kNever = INT32_MAX;
  std::vector<Day> first_day;  // per person: the first event's day
  // per person, `rungs` entries: the first day at that rung or higher
  std::vector<Day> first_at;
  size_t rungs = 0;
  Day FirstAt(engine::PersonId person, size_t rung) const { return first_at[person * rungs + rung]; }
};

class LadderScan {
 public:
  LadderScan(std::shared_ptr<const engine::EventTable> table, const LadderRules& rules);

  const engine::EventTable& table() const { return *table_; }
  const CompiledLadder& ladder() const { return ladder_; }

  // Each person's state at the end of `day`.
  std::vector<LadderState> StatesAsOf(Day day) const;
  // counts[state][i]: people in `state` (a rung or the audience, not absent)
  // on day from + i. Precondition: from <= to.
  std::vector<std::vector<int64_t>> DailyCounts(Day from, Day to) const;
  Progress ProgressAsOf(Day as_of) const;

 private:
  std::shared_ptr<const engine::EventTable> table_;
  CompiledLadder ladder_;
};

}  // namespace learnloop::ladder
