#include "evaluate/test_series.h"

#include <cmath>

#include "demo/random.h"

namespace learnloop::evaluate {

DaySeries MakeSeries(Day first, int days, const std::function<double(Day)>& value) {
  DaySeries series{first, {}};
  for (Day d = first; d < first + days; ++d) series.values.emplace_back(value(d));
  return series;
}

DaySeries NoisySeries(Day first, int days, const std::function<double(Day)>& mean, double k, uint64_t seed) {
  demo::Rng rng(seed);
  return MakeSeries(first, days, [&](Day d) {
    // Gamma(k, 1/k) as a sum of exponentials needs an integer k; the tests
    // only use integers, and this keeps the helper independent of the
    // simulation's sampler.
    double gamma = 0;
    for (int i = 0; i < static_cast<int>(k); ++i) gamma += rng.Exponential(1.0 / k);
    return static_cast<double>(rng.Poisson(mean(d) * gamma));
  });
}

double UsualWeek(Day day) {
  const int w = IsoWeekday(day);
  return w >= 6 ? 10 : (w == 4 ? 30 : 20);
}

}  // namespace learnloop::evaluate
