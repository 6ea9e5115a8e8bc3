#include <fmt/format.h>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "learnloop/stats.h"

namespace learnloop {
namespace {

constexpr double kConfLevel = 0.95;

struct GroupMoments {
  double n = 0;
  double mean = 0;
  double variance = 0;
};

Result<GroupMoments> Moments(std::string_view group, const MomentSums& s) {
  if (s.n < 2) return InvalidArgument(fmt::format("{}: needs at least 2 values, got N={}", group, s.n));
  if (!std::isfinite(s.sum) || !std::isfinite(s.sum_sq))
    return InvalidArgument(fmt::format("{}: SUM and SUMSQ must be finite numbers", group));
  const double n = static_cast<double>(s.n);
  const double centered = s.sum_sq - s.sum * s.sum / n;
  // Rounding in the caller's sums may leave a tiny negative remainder for
  // constant values; anything larger means the sums do not belong together.
  if (centered < -1e-9 * std::max(1.0, s.sum_sq))
    return InvalidArgument(fmt::format("{}: SUMSQ ({}) is smaller than SUM^2/N ({}), which no set of numbers gives",
                                       group, s.sum_sq, s.sum * s.sum / n));
  return GroupMoments{n, s.sum / n, std::max(0.0, centered) / (n - 1)};
}

// Welch-Satterthwaite degrees of freedom for a sum of two independent
// variance estimates with n_a - 1 and n_b - 1 degrees of freedom.
double Satterthwaite(double part_a, double n_a, double part_b, double n_b) {
  const double total = part_a + part_b;
  return total * total / (part_a * part_a / (n_a - 1) + part_b * part_b / (n_b - 1));
}

MeanTestResult TInterval(double effect, double part_a, double n_a, double part_b, double n_b) {
  const double se = std::sqrt(part_a + part_b);
  const double df = Satterthwaite(part_a, n_a, part_b, n_b);
  const boost::math::students_t dist(df);
  const double q = boost::math::quantile(dist, 1 - (1 - kConfLevel) / 2);
  const double p = 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(effect) / se));
  return {effect, effect - q * se, effect + q * se, std::min(1.0, p), df};
}

}  // namespace

Result<MeanTestResult> MeanTest(MomentSums a, MomentSums b, bool relative) {
  LL_ASSIGN_OR_RETURN(GroupMoments ma, Moments("group A", a));
  LL_ASSIGN_OR_RETURN(GroupMoments mb, Moments("group B", b));
  if (ma.variance == 0 && mb.variance == 0)
    return FailedPrecondition("neither group's values vary, so there is no noise to judge a difference against");
  if (!relative) return TInterval(mb.mean - ma.mean, ma.variance / ma.n, ma.n, mb.variance / mb.n, mb.n);
  if (ma.mean == 0) return FailedPrecondition("group A's mean is 0, so a relative change (lift) is undefined");
  // Delta method for mB/mA: Var ~ Var(mB)/mA^2 + mB^2 Var(mA)/mA^4; each
  // part is a scaled variance estimate, so Satterthwaite still applies.
  const double scale = ma.mean * ma.mean;
  const double part_b = mb.variance / mb.n / scale;
  const double part_a = mb.mean * mb.mean * ma.variance / ma.n / (scale * scale);
  if (part_a + part_b == 0)
    return FailedPrecondition("group B's mean is 0 and its values do not vary, so the lift has no noise to judge");
  return TInterval(mb.mean / ma.mean - 1, part_a, ma.n, part_b, mb.n);
}

}  // namespace learnloop
