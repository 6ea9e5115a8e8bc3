#include "metrics/ratio_inputs.h"

#include <algorithm>
#include <utility>

namespace learnloop::metrics {

MetricIndex IndexByName(const std::vector<MetricDef>& defs) {
  MetricIndex index;
  for (const MetricDef& def : defs) index.emplace(def.name, &def);
  return index;
}

std::vector<std::string> RatioInputs::Visit(const MetricDef& root, std::vector<const MetricDef*>& order) {
  if (done_.contains(&root)) return {};
  // Each entry: a metric being resolved and how many of its inputs (0:
  // none, 1: the numerator, 2: both) have been looked at.
  std::vector<std::pair<const MetricDef*, int>> stack = {{&root, 0}};
  std::set<const MetricDef*> on_stack = {&root};
  while (!stack.empty()) {
    auto& [def, looked_at] = stack.back();
    if (def->type != MetricType::kRatio || looked_at == 2) {
      on_stack.erase(def);
      done_.insert(def);
      order.push_back(def);
      stack.pop_back();
      continue;
    }
    const std::string& name = looked_at++ == 0 ? def->numerator : def->denominator;
    auto found = index_.find(name);
    if (found == index_.end() || done_.contains(found->second)) continue;
    const MetricDef* input = found->second;
    if (on_stack.contains(input)) {
      auto start = std::find_if(stack.begin(), stack.end(), [&](const auto& entry) { return entry.first == input; });
      std::vector<std::string> cycle;
      for (auto entry = start; entry != stack.end(); ++entry) cycle.push_back(entry->first->name);
      cycle.push_back(input->name);
      return cycle;
    }
    on_stack.insert(input);
    stack.emplace_back(input, 0);
  }
  return {};
}

}  // namespace learnloop::metrics
