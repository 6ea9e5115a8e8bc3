// Robust summaries and the seasonal decomposition S-H-ESD works on.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace learnloop::stats {

// Median of a non-empty set of values.
double Median(std::span<const double> values);

// Per-phase seasonal component, one value per phase 0..period-1, centered
// so its median is 0. The trend is removed first with a moving median over
// one full cycle (windows clamped inside the series so each spans a whole
// cycle); the component is then each phase's median of what is left.
// Precondition: period >= 1 and values.size() >= period.
std::vector<double> SeasonalComponent(std::span<const double> values, int64_t period);

}  // namespace learnloop::stats
