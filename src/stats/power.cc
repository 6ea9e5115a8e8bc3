#include <fmt/format.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "learnloop/stats.h"
#include "stats/checks.h"

namespace learnloop {
namespace {

// Windows longer than this are reported as undetectable rather than planned.
constexpr double kMaxDays = 100000;

Status CheckPowerInputs(double mean, double dispersion, double lift, double alpha, double power,
                        int64_t baseline_days) {
  LL_RETURN_IF_ERROR(stats::CheckPositive("the baseline daily mean", mean));
  LL_RETURN_IF_ERROR(stats::CheckPositive("the dispersion (variance / mean)", dispersion));
  if (!std::isfinite(lift) || lift <= -1 || lift == 0)
    return InvalidArgument(fmt::format("the lift must be above -100% and not 0, got {}%", 100 * lift));
  LL_RETURN_IF_ERROR(stats::CheckProbability("alpha", alpha));
  if (!(power >= 0.5 && power < 1)) return InvalidArgument(fmt::format("power must be in [0.5, 1), got {}", power));
  if (baseline_days < 0)
    return InvalidArgument(
        fmt::format("baseline days must be 0 (as long as the window) or more, got {}", baseline_days));
  return Status::Ok();
}

}  // namespace

// With daily counts of mean mu and variance D*mu, the mean of d days has
// Var(log mean) ~ D / (d mu) (delta method). Detecting log(1 + lift) needs
// D/(d mu1) + D/(B mu0) <= (log(1 + lift) / (z_{1-alpha/2} + z_power))^2,
// where mu1 = mu0 (1 + lift) and B is the baseline's length.
Result<int64_t> DaysToDetect(double baseline_daily_mean, double dispersion, double lift, double alpha, double power,
                             int64_t baseline_days) {
  LL_RETURN_IF_ERROR(CheckPowerInputs(baseline_daily_mean, dispersion, lift, alpha, power, baseline_days));
  const boost::math::normal standard;
  const double z = boost::math::quantile(standard, 1 - alpha / 2) + boost::math::quantile(standard, power);
  const double budget = std::pow(std::log1p(lift) / z, 2);
  const double mean0 = baseline_daily_mean;
  const double mean1 = baseline_daily_mean * (1 + lift);
  double days;
  if (baseline_days == 0) {
    days = dispersion * (1 / mean0 + 1 / mean1) / budget;
  } else {
    const double left = budget - dispersion / (static_cast<double>(baseline_days) * mean0);
    if (left <= 0) {
      const double needed = std::floor(dispersion / (mean0 * budget)) + 1;
      return FailedPrecondition(
          fmt::format("a {:.3g}% change cannot be detected against {} baseline days however long the plan runs; "
                      "the baseline needs at least {:.0f} days",
                      100 * lift, baseline_days, needed));
    }
    days = dispersion / (mean1 * left);
  }
  if (days > kMaxDays)
    return FailedPrecondition(
        fmt::format("detecting a {:.3g}% change would take more than {:.0f} days: too small a change for this metric",
                    100 * lift, kMaxDays));
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(days - 1e-9)));
}

}  // namespace learnloop
