#include <cmath>
#include <limits>

#include "learnloop/stats.h"
#include "stats/binomial_test.h"
#include "stats/checks.h"

namespace learnloop {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Conditional on n = xA + xB, xB ~ Binomial(n, p) with p = eB r / (eA + eB r)
// under rate ratio r; this maps p back to r.
double ProportionToRatio(double p, const CountSample& a, const CountSample& b) {
  if (p >= 1) return kInfinity;
  return p / (1 - p) * a.exposure / b.exposure;
}

}  // namespace

Result<RateTestResult> RateTest(CountSample a, CountSample b, Alternative alternative, double conf_level) {
  LL_RETURN_IF_ERROR(stats::CheckCountSample("group A", a));
  LL_RETURN_IF_ERROR(stats::CheckCountSample("group B", b));
  LL_RETURN_IF_ERROR(stats::CheckProbability("the confidence level", conf_level));
  if (a.count == 0 && b.count == 0)
    return FailedPrecondition("neither group has any events, so there is no rate to compare");
  const int64_t n = a.count + b.count;
  const double p_null = b.exposure / (a.exposure + b.exposure);
  const stats::Interval ci = stats::ClopperPearson(b.count, n, alternative, conf_level);
  RateTestResult out;
  out.rate_ratio = a.count == 0
                       ? kInfinity
                       : (static_cast<double>(b.count) / b.exposure) / (static_cast<double>(a.count) / a.exposure);
  out.ci_low = ProportionToRatio(ci.low, a, b);
  out.ci_high = ProportionToRatio(ci.high, a, b);
  out.p_value = stats::BinomialTestP(b.count, n, p_null, alternative);
  return out;
}

}  // namespace learnloop
