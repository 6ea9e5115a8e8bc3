// The public evaluation API: fits the effect, adds the fixed-horizon and the
// always-valid interval, the chances, the verdict and the sentences.
#include "learnloop/evaluate.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "evaluate/confidence_sequence.h"
#include "evaluate/effect.h"
#include "evaluate/verdict.h"

namespace learnloop {
namespace {

using evaluate::EffectEstimate;

int PlannedDays(const EvaluationInput& input, const EvaluationOptions& options) {
  return options.planned_days > 0 ? options.planned_days : static_cast<int>(input.window.values.size());
}

Status CheckOptions(const EvaluationOptions& options) {
  if (!(options.alpha > 0 && options.alpha < 1)) return InvalidArgument("alpha must lie between 0 and 1");
  if (!(options.expected_lift > -1)) return InvalidArgument("the expected lift must be above -100%");
  if (options.planned_days < 0) return InvalidArgument("planned days must be 0 or more");
  return Status::Ok();
}

// The smallest number of extra window days after which the always-valid
// interval would exclude no change, were the current estimate the truth.
// The interval narrows as days are added, so a binary search finds it.
std::optional<int> MoreDaysNeeded(const EffectEstimate& estimate, const EvaluationInput& input, double rho,
                                  double alpha, int max_extra) {
  const int now = static_cast<int>(input.window.values.size());
  auto settles = [&](int extra) {
    const double se = evaluate::ProjectedSe(estimate, input.window.first_day, now + extra);
    return std::abs(estimate.theta) > evaluate::AlwaysValidHalfWidth(se, rho, alpha);
  };
  if (!settles(max_extra)) return std::nullopt;
  int low = 1, high = max_extra;
  while (low < high) {
    const int mid = (low + high) / 2;
    settles(mid) ? high = mid : low = mid + 1;
  }
  return low;
}

void FillDetails(Evaluation& e, const EffectEstimate& estimate, double rho) {
  EvaluationDetails& d = e.details;
  const evaluate::SeriesFit& plan = estimate.plan;
  d.model = estimate.comparison ? "log-linear quasi-Poisson, difference in differences against a comparison"
                                : "log-linear quasi-Poisson, window vs baseline";
  if (plan.weekday_terms) d.model += ", weekday terms";
  d.log_effect = estimate.theta;
  d.log_effect_se = estimate.se;
  d.df = estimate.df;
  d.dispersion = plan.dispersion;
  if (estimate.comparison) d.comparison_dispersion = estimate.comparison->dispersion;
  d.weekday_terms = plan.weekday_terms;
  d.rho = rho;
  for (const evaluate::DayValue& day : plan.used) ++(day.in_window ? d.window_days : d.baseline_days);
  d.days_left_out = estimate.missing_days + plan.left_out;
  d.baseline_per_day = plan.baseline_per_day;
  d.window_per_day = plan.window_per_day;
  d.notes = plan.notes;
  if (estimate.comparison) {
    for (const std::string& note : estimate.comparison->notes) d.notes.push_back("comparison: " + note);
  }
}

void FillNumbers(Evaluation& e, const EffectEstimate& estimate, double rho, const EvaluationOptions& options) {
  const double theta = estimate.theta;
  const double se = estimate.se;
  const boost::math::students_t t(estimate.df);
  const double fixed = se * boost::math::quantile(t, 1 - options.alpha / 2);
  const double always = evaluate::AlwaysValidHalfWidth(se, rho, options.alpha);
  e.ratio = std::exp(theta);
  e.percent_change = 100 * (e.ratio - 1);
  e.ci_low = std::exp(theta - fixed);
  e.ci_high = std::exp(theta + fixed);
  e.always_valid_low = std::exp(theta - always);
  e.always_valid_high = std::exp(theta + always);
  // Under a flat prior the posterior of theta is approximately
  // theta_hat + se * T_df, the same t that gives the fixed interval.
  e.prob_positive = boost::math::cdf(t, theta / se);
  const double target = std::log1p(options.expected_lift);
  e.prob_reaches_expected = options.expected_lift >= 0 ? boost::math::cdf(t, (theta - target) / se)
                                                       : boost::math::cdf(t, (target - theta) / se);
  e.abs_diff_per_day = estimate.plan.fitted_window_per_day * (1 - std::exp(-theta));
  e.verdict = evaluate::DecideVerdict(theta - always, theta + always, options.higher_is_better);
}

}  // namespace

std::string_view EvaluationVerdictName(EvaluationVerdict verdict) {
  switch (verdict) {
    case EvaluationVerdict::kWin:
      return "win";
    case EvaluationVerdict::kLoss:
      return "loss";
    case EvaluationVerdict::kInconclusive:
      return "inconclusive";
    case EvaluationVerdict::kGuardrailBreached:
      return "guardrail_breached";
  }
  return "unknown";
}

Result<Evaluation> EvaluateMetric(const EvaluationInput& input, const EvaluationOptions& options) {
  LL_RETURN_IF_ERROR(CheckOptions(options));
  LL_ASSIGN_OR_RETURN(EffectEstimate estimate, evaluate::EstimateEffect(input, options.counts));
  const int planned = PlannedDays(input, options);
  LL_ASSIGN_OR_RETURN(double information, evaluate::PlannedInformation(input, planned, options.counts));
  const double rho = evaluate::TunedRho(information, options.alpha);
  Evaluation e;
  FillNumbers(e, estimate, rho, options);
  FillDetails(e, estimate, rho);
  if (e.verdict == EvaluationVerdict::kInconclusive) {
    e.more_days_needed = MoreDaysNeeded(estimate, input, rho, options.alpha, 2 * std::max(planned, 7));
  }
  evaluate::WriteSentences(e, options, input.comparison.has_value());
  return e;
}

Result<Evaluation> EvaluatePlan(const EvaluationInput& primary, std::span<const GuardrailInput> guardrails,
                                const EvaluationOptions& options) {
  LL_ASSIGN_OR_RETURN(Evaluation e, EvaluateMetric(primary, options));
  for (const GuardrailInput& guardrail : guardrails) {
    EvaluationOptions guardrail_options = options;
    guardrail_options.metric_name = guardrail.name;
    guardrail_options.higher_is_better = guardrail.higher_is_better;
    guardrail_options.counts = guardrail.counts;
    LL_ASSIGN_OR_RETURN(Evaluation g, EvaluateMetric(guardrail.data, guardrail_options));
    GuardrailReading reading{guardrail.name, false, g.ratio, g.always_valid_low, g.always_valid_high};
    reading.breached = evaluate::GuardrailBreached(std::log(g.always_valid_low), std::log(g.always_valid_high),
                                                   guardrail.higher_is_better, guardrail.tolerance);
    if (reading.breached) e.verdict = EvaluationVerdict::kGuardrailBreached;
    e.guardrails.push_back(std::move(reading));
  }
  evaluate::WriteSentences(e, options, primary.comparison.has_value());
  return e;
}

Result<int> DaysToDetect(const DaySeries& history, double lift, const DaysToDetectOptions& options) {
  if (!(lift > -1) || lift == 0 || !std::isfinite(lift)) {
    return InvalidArgument("the lift to detect must be a change other than 0 and above -100%");
  }
  if (!(options.alpha > 0 && options.alpha < 1 && options.power > 0 && options.power < 1)) {
    return InvalidArgument("alpha and power must lie between 0 and 1");
  }
  LL_RETURN_IF_ERROR(evaluate::CheckHistory(history, "the history"));
  LL_ASSIGN_OR_RETURN(
      evaluate::SeriesFit fit,
      evaluate::FitSeries(evaluate::DaysOf(history, history.first_day, history.last_day(), false), options.counts));
  const boost::math::normal z;
  const double needed = boost::math::quantile(z, 1 - options.alpha / 2) + boost::math::quantile(z, options.power);
  const double theta = std::log1p(lift);
  auto detects = [&](int days) {
    const double variance = evaluate::ProjectedVariance(fit, history.last_day() + 1, days, theta);
    return std::abs(theta) / std::sqrt(variance) >= needed;
  };
  if (options.max_days < 1 || !detects(options.max_days)) {
    return FailedPrecondition("a change of " + evaluate::FormatPercent(1 + lift) + " would need more than " +
                              std::to_string(options.max_days) + " days to detect");
  }
  int low = 1, high = options.max_days;
  while (low < high) {
    const int mid = (low + high) / 2;
    detects(mid) ? high = mid : low = mid + 1;
  }
  return low;
}

}  // namespace learnloop
