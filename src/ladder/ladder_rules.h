// Ladder rules as data: the rungs of the ladder of engagement and the rules
// that put a person on each, read from a workspace's ladder.toml. A person's
// rung as of day T is the highest rung whose rules all hold; no rung means
// "audience". Windows are W whole local days ending with T: (T-W, T].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "learnloop/ladder.h"
#include "learnloop/status.h"

namespace learnloop::ladder {

inline constexpr int32_t kMaxWindowDays = 36500;
// Conditions the engine tracks per person: a count or state rule is one, an
// exchange rule two.
inline constexpr int kMaxConditions = 64;

// At least `min_events` events of `kinds` in the window, falling on at least
// `min_distinct_weeks` ISO weeks and `min_distinct_days` days (0: no limit).
struct CountRule {
  std::vector<std::string> kinds;
  int32_t min_events = 1;
  int32_t min_distinct_weeks = 0;
  int32_t min_distinct_days = 0;
  bool operator==(const CountRule&) const = default;
};

// The person did one of `person_kinds` and the organization did one of
// `org_kinds` towards the person, both in the window.
struct ExchangeRule {
  std::vector<std::string> person_kinds;
  std::vector<std::string> org_kinds;
  bool operator==(const ExchangeRule&) const = default;
};

// The person's latest event among `on_kinds` and `off_kinds` at or before T
// is an "on" event: on some channel when `per_channel`, else over all
// channels together. Looks at all history, not a window.
struct StateRule {
  std::vector<std::string> on_kinds;
  std::vector<std::string> off_kinds;
  bool per_channel = true;
  bool operator==(const StateRule&) const = default;
};

struct Rule {
  std::variant<CountRule, ExchangeRule, StateRule> condition;
  int32_t window_days = 0;  // 0 for state rules, which look at all history
  bool operator==(const Rule&) const = default;
};

struct Rung {
  std::string name;
  std::vector<Rule> rules;  // all must hold; never empty
  bool operator==(const Rung&) const = default;
};

struct LadderRules {
  int32_t window_days = 90;  // the default every count or exchange rule inherits
  std::vector<Rung> rungs;   // highest first; never empty
  bool operator==(const LadderRules&) const = default;
};

// The kinds of a person's own events that count towards `rung`: its count
// rules' kinds, its exchanges' person kinds and its states' on kinds, each
// once, in the order the rules name them.
std::vector<std::string> PersonKindsOf(const Rung& rung);

// Every kind the rules name, each once, in the order they name them.
std::vector<std::string> KindsOf(const LadderRules& rules);

// The ladder.toml that `learnloop init` writes: DESIGN.md's default rules,
// with comments explaining how to change them.
std::string_view DefaultLadderToml();

// Parses and checks ladder.toml. Errors name `file_name`, the line and the
// key path ("ladder.toml:12: rung[2].rule[1].min_events: expected a positive
// integer"); unknown keys, an empty ladder, duplicate or reserved rung names
// and out-of-range numbers are all errors, so a typo cannot silently change
// the ladder. Kinds that no event has yet are fine.
Result<LadderRules> ParseLadderRules(std::string_view text, std::string_view file_name);

}  // namespace learnloop::ladder
