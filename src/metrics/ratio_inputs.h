// The order in which ratio metrics resolve: each metric after the metrics
// it reads, each once. A chain of ratios that each read the one before
// twice (numerator and denominator) is a line, not a tree of 2^n paths.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metric_defs.h"

namespace learnloop::metrics {

using MetricIndex = std::map<std::string, const MetricDef*, std::less<>>;

// `defs` by name. Pointers stay valid while `defs` is not changed.
MetricIndex IndexByName(const std::vector<MetricDef>& defs);

// Walks what ratios read, depth first on a stack of its own (so a chain of
// any length cannot overflow the call stack), reaching each metric at most
// once over all the calls on one walk. Not thread-safe.
class RatioInputs {
 public:
  explicit RatioInputs(const MetricIndex& index) : index_(index) {}

  // Appends `root` and every metric it reads through ratios that no earlier
  // call reached, each after the metrics it reads; a name no metric has is
  // skipped. Returns the names around a cycle met on the way, the first
  // repeated last ("a", "b", "a"), or nothing.
  std::vector<std::string> Visit(const MetricDef& root, std::vector<const MetricDef*>& order);

 private:
  const MetricIndex& index_;
  std::set<const MetricDef*> done_;
};

}  // namespace learnloop::metrics
