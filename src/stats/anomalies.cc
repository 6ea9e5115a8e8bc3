#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>

#include "learnloop/stats.h"
#include "stats/checks.h"
#include "stats/robust.h"

namespace learnloop {
namespace {

// Scales a median absolute deviation to the standard deviation of a normal.
constexpr double kMadToSigma = 1.4826;

Status CheckOptions(size_t n, const AnomalyOptions& o) {
  if (o.period < 1) return InvalidArgument(fmt::format("the period must be 1 or more, got {}", o.period));
  if (n < 2 * static_cast<size_t>(o.period))
    return InvalidArgument(
        fmt::format("{} values are fewer than 2 periods of {}; give at least {}", n, o.period, 2 * o.period));
  LL_RETURN_IF_ERROR(stats::CheckProbability("alpha", o.alpha));
  if (!(o.max_anoms > 0 && o.max_anoms <= 0.5))
    return InvalidArgument(fmt::format("max-anoms must be above 0 and at most 0.5, got {}", o.max_anoms));
  return Status::Ok();
}

// Twitter's S-H-ESD: the remainder after the seasonal component and the
// overall median (not a trend, which anomalies would distort).
std::vector<double> Remainder(std::span<const double> values, int64_t period) {
  const std::vector<double> seasonal = stats::SeasonalComponent(values, period);
  const double median = stats::Median(values);
  std::vector<double> out(values.size());
  for (size_t i = 0; i < values.size(); ++i) out[i] = values[i] - seasonal[i % seasonal.size()] - median;
  return out;
}

// Robust spread; when more than half the points sit on the median (common
// with small counts) the MAD is 0 and the plain standard deviation, the
// original ESD's scale, takes over.
double Spread(std::span<const double> values, double median) {
  std::vector<double> dev(values.size());
  for (size_t i = 0; i < values.size(); ++i) dev[i] = std::fabs(values[i] - median);
  const double mad = stats::Median(dev);
  if (mad > 0) return kMadToSigma * mad;
  const double n = static_cast<double>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / (n - 1));
}

double Deviation(double value, double median, AnomalyDirection direction) {
  switch (direction) {
    case AnomalyDirection::kPositive:
      return value - median;
    case AnomalyDirection::kNegative:
      return median - value;
    case AnomalyDirection::kBoth:
      break;
  }
  return std::fabs(value - median);
}

// Rosner's critical value for the i-th (1-based) most extreme of n points.
double CriticalValue(size_t n, size_t i, const AnomalyOptions& o) {
  const double left = static_cast<double>(n - i);
  const double tails = o.direction == AnomalyDirection::kBoth ? 2 : 1;
  const double p = 1 - o.alpha / (tails * (left + 1));
  const double t = boost::math::quantile(boost::math::students_t(left - 1), p);
  return t * left / std::sqrt((left - 1 + t * t) * (left + 1));
}

}  // namespace

Result<std::vector<int64_t>> FindAnomalies(std::span<const double> values, const AnomalyOptions& options) {
  LL_RETURN_IF_ERROR(CheckOptions(values.size(), options));
  std::vector<double> rest = Remainder(values, options.period);
  std::vector<int64_t> index(values.size());
  std::iota(index.begin(), index.end(), 0);
  const size_t n = values.size();
  // Rosner's t critical values need n - i - 1 >= 1 degrees of freedom.
  const size_t max_outliers =
      std::min(static_cast<size_t>(std::floor(static_cast<double>(n) * options.max_anoms)), n >= 3 ? n - 2 : 0);
  std::vector<int64_t> removed;
  size_t found = 0;
  for (size_t i = 1; i <= max_outliers; ++i) {
    const double median = stats::Median(rest);
    const double spread = Spread(rest, median);
    if (spread == 0) break;
    size_t worst = 0;
    for (size_t j = 1; j < rest.size(); ++j)
      if (Deviation(rest[j], median, options.direction) > Deviation(rest[worst], median, options.direction)) worst = j;
    const double score = Deviation(rest[worst], median, options.direction) / spread;
    removed.push_back(index[worst]);
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(worst));
    index.erase(index.begin() + static_cast<std::ptrdiff_t>(worst));
    // Generalized ESD: the count is the largest i whose statistic exceeds
    // its critical value, even if some earlier ones did not.
    if (score > CriticalValue(n, i, options)) found = i;
  }
  removed.resize(found);
  std::sort(removed.begin(), removed.end());
  return removed;
}

}  // namespace learnloop
