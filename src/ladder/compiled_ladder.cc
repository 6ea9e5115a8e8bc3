#include "ladder/compiled_ladder.h"

#include <algorithm>
#include <stdexcept>

namespace learnloop::ladder {
namespace {

class Compiler {
 public:
  Compiler(const engine::EventTable& table, CompiledLadder& out) : table_(table), out_(out) {
    out_.kind_counts.assign(table.kinds.size(), 0);
    out_.kind_on.assign(table.kinds.size(), 0);
    out_.kind_off.assign(table.kinds.size(), 0);
  }

  // Returns the bits of the conditions `rule` became.
  uint64_t Add(const Rule& rule) {
    if (const auto* count = std::get_if<CountRule>(&rule.condition)) {
      return AddCounter(count->kinds, rule.window_days, count->min_events, count->min_distinct_weeks,
                        count->min_distinct_days);
    }
    if (const auto* exchange = std::get_if<ExchangeRule>(&rule.condition)) {
      return AddCounter(exchange->person_kinds, rule.window_days, 1, 0, 0) |
             AddCounter(exchange->org_kinds, rule.window_days, 1, 0, 0);
    }
    const auto& state = std::get<StateRule>(rule.condition);
    Condition condition;
    condition.type = Condition::Type::kState;
    condition.per_channel = state.per_channel;
    uint64_t bit = Push(condition);
    MarkKinds(state.on_kinds, bit, out_.kind_on);
    MarkKinds(state.off_kinds, bit, out_.kind_off);
    return bit;
  }

 private:
  uint64_t Push(const Condition& condition) {
    if (out_.conditions.size() >= kMaxConditions) {
      throw std::logic_error("ladder rules exceed kMaxConditions; ParseLadderRules rejects those");
    }
    out_.conditions.push_back(condition);
    return uint64_t{1} << (out_.conditions.size() - 1);
  }

  uint64_t AddCounter(const std::vector<std::string>& kinds, int32_t window_days, int32_t min_events, int32_t min_weeks,
                      int32_t min_days) {
    uint64_t bit = Push({Condition::Type::kCounter, window_days, min_events, min_weeks, min_days, true});
    MarkKinds(kinds, bit, out_.kind_counts);
    auto window = std::find(out_.windows.begin(), out_.windows.end(), window_days);
    if (window == out_.windows.end()) {
      out_.windows.push_back(window_days);
      out_.window_counters.push_back(0);
      window = out_.windows.end() - 1;
    }
    out_.window_counters[window - out_.windows.begin()] |= bit;
    return bit;
  }

  void MarkKinds(const std::vector<std::string>& kinds, uint64_t bit, std::vector<uint64_t>& masks) {
    for (const std::string& kind : kinds) {
      if (auto id = table_.FindKind(kind)) masks[*id] |= bit;
    }
  }

  const engine::EventTable& table_;
  CompiledLadder& out_;
};

}  // namespace

CompiledLadder CompileLadder(const LadderRules& rules, const engine::EventTable& table) {
  CompiledLadder out;
  Compiler compiler(table, out);
  for (const Rung& rung : rules.rungs) {
    uint64_t needs = 0;
    for (const Rule& rule : rung.rules) needs |= compiler.Add(rule);
    out.rung_names.push_back(rung.name);
    out.rung_needs.push_back(needs);
  }
  return out;
}

}  // namespace learnloop::ladder
