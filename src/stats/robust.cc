#include "stats/robust.h"

#include <algorithm>

namespace learnloop::stats {

double Median(std::span<const double> values) {
  std::vector<double> v(values.begin(), values.end());
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  return (upper + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid))) / 2;
}

namespace {

// The median over one cycle around each point: a purely periodic series
// gives a constant, so the trend holds no seasonality.
std::vector<double> MovingMedianTrend(std::span<const double> values, size_t period) {
  std::vector<double> trend(values.size());
  const size_t last_start = values.size() - period;
  for (size_t i = 0; i < values.size(); ++i) {
    const size_t start = std::min(i >= period / 2 ? i - period / 2 : 0, last_start);
    trend[i] = Median(values.subspan(start, period));
  }
  return trend;
}

}  // namespace

std::vector<double> SeasonalComponent(std::span<const double> values, int64_t period) {
  const auto p = static_cast<size_t>(period);
  const std::vector<double> trend = MovingMedianTrend(values, p);
  std::vector<double> seasonal(p);
  std::vector<double> phase_values;
  for (size_t phase = 0; phase < p; ++phase) {
    phase_values.clear();
    for (size_t i = phase; i < values.size(); i += p) phase_values.push_back(values[i] - trend[i]);
    seasonal[phase] = Median(phase_values);
  }
  const double center = Median(seasonal);
  for (double& s : seasonal) s -= center;
  return seasonal;
}

}  // namespace learnloop::stats
