// Ladder rules bound to one event table: every rule becomes one or two
// conditions (a windowed event counter, or an on/off state over all
// history), each a bit in a 64-bit mask, and every kind id of the table gets
// the masks of the conditions it feeds. A rung holds when all bits it needs
// are satisfied.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/event_table.h"
#include "ladder/ladder_rules.h"

namespace learnloop::ladder {

struct Condition {
  enum class Type { kCounter, kState };
  Type type = Type::kCounter;
  // A counter counts matching events in a trailing window and is satisfied
  // when every minimum is met (a minimum of 0 always is).
  int32_t window_days = 0;
  int32_t min_events = 1;
  int32_t min_distinct_weeks = 0;
  int32_t min_distinct_days = 0;
  // A state is on when the latest on/off event is an "on", per channel or
  // over all channels together.
  bool per_channel = true;
};

struct CompiledLadder {
  std::vector<Condition> conditions;  // bit i is conditions[i]

  // Indexed by rung, highest first: the condition bits each rung needs.
  std::vector<std::string> rung_names;
  std::vector<uint64_t> rung_needs;

  // Indexed by the table's kind ids.
  std::vector<uint64_t> kind_counts;  // counters the kind counts in
  std::vector<uint64_t> kind_on;      // states the kind switches on
  std::vector<uint64_t> kind_off;     // states the kind switches off

  // The distinct counter windows and, for each, the counters using it.
  std::vector<int32_t> windows;
  std::vector<uint64_t> window_counters;

  int rung_count() const { return static_cast<int>(rung_names.size()); }
};

// Precondition: `rules` came from ParseLadderRules (at most kMaxConditions
// conditions). Kinds the table lacks are simply never seen.
CompiledLadder CompileLadder(const LadderRules& rules, const engine::EventTable& table);

}  // namespace learnloop::ladder
