#include "evaluate/effect.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace learnloop::evaluate {
namespace {

Status CheckValues(const DaySeries& series, std::string_view what) {
  for (size_t i = 0; i < series.values.size(); ++i) {
    const std::optional<double>& v = series.values[i];
    if (v && !(std::isfinite(*v) && *v >= 0)) {
      return InvalidArgument(std::string(what) + " on " + FormatDate(series.first_day + static_cast<Day>(i)) +
                             ": value " + std::to_string(*v) + " is not allowed; expected a number >= 0");
    }
  }
  return Status::Ok();
}

Status CheckInput(const EvaluationInput& input) {
  LL_RETURN_IF_ERROR(CheckValues(input.baseline, "baseline"));
  LL_RETURN_IF_ERROR(CheckValues(input.window, "window"));
  if (input.comparison) LL_RETURN_IF_ERROR(CheckValues(*input.comparison, "comparison"));
  const DaySeries& b = input.baseline;
  const DaySeries& w = input.window;
  if (!b.values.empty() && !w.values.empty() && w.first_day <= b.last_day() && b.first_day <= w.last_day()) {
    return InvalidArgument("the window (" + FormatDate(w.first_day) + " to " + FormatDate(w.last_day()) +
                           ") overlaps the baseline (" + FormatDate(b.first_day) + " to " + FormatDate(b.last_day()) +
                           "); expected separate periods");
  }
  return Status::Ok();
}

// The baseline days of `baseline` and the window days of `window` (the same
// series for a comparison); errors name `what`.
Result<std::vector<DayValue>> PeriodDays(const EvaluationInput& input, const DaySeries& baseline,
                                         const DaySeries& window, const std::string& what) {
  std::vector<DayValue> days = DaysOf(baseline, input.baseline.first_day, input.baseline.last_day(), false);
  if (days.empty()) return InvalidArgument(what + " baseline has no days with data");
  if (std::none_of(days.begin(), days.end(), [](const DayValue& d) { return d.value > 0; })) {
    return InvalidArgument(what + " baseline is zero on every day, so there is no level to compare against");
  }
  const size_t baseline_days = days.size();
  for (const DayValue& d : DaysOf(window, input.window.first_day, input.window.last_day(), true)) days.push_back(d);
  if (days.size() == baseline_days) return InvalidArgument(what + " window has no days with data");
  return days;
}

}  // namespace

Status CheckHistory(const DaySeries& series, std::string_view what) {
  LL_RETURN_IF_ERROR(CheckValues(series, what));
  const std::vector<DayValue> days = DaysOf(series, series.first_day, series.last_day(), false);
  if (days.empty()) return InvalidArgument(std::string(what) + " has no days with data");
  if (std::none_of(days.begin(), days.end(), [](const DayValue& d) { return d.value > 0; })) {
    return InvalidArgument(std::string(what) + " is zero on every day, so there is no level to work from");
  }
  return Status::Ok();
}

std::vector<DayValue> DaysOf(const DaySeries& series, Day from, Day to, bool in_window) {
  std::vector<DayValue> days;
  for (size_t i = 0; i < series.values.size(); ++i) {
    const Day day = series.first_day + static_cast<Day>(i);
    if (day >= from && day <= to && series.values[i]) days.push_back({day, *series.values[i], in_window});
  }
  return days;
}

Result<EffectEstimate> EstimateEffect(const EvaluationInput& input, bool counts) {
  LL_RETURN_IF_ERROR(CheckInput(input));
  LL_ASSIGN_OR_RETURN(std::vector<DayValue> plan_days, PeriodDays(input, input.baseline, input.window, "the"));
  EffectEstimate estimate;
  estimate.missing_days =
      static_cast<int>(input.baseline.values.size() + input.window.values.size() - plan_days.size());
  LL_ASSIGN_OR_RETURN(estimate.plan, FitSeries(std::move(plan_days), counts));
  estimate.theta = estimate.plan.effect;
  double variance = estimate.plan.variance();
  estimate.df = estimate.plan.df;
  if (input.comparison) {
    LL_ASSIGN_OR_RETURN(std::vector<DayValue> days,
                        PeriodDays(input, *input.comparison, *input.comparison, "the comparison's"));
    LL_ASSIGN_OR_RETURN(SeriesFit comparison, FitSeries(std::move(days), counts));
    const double vc = comparison.variance();
    estimate.theta -= comparison.effect;
    estimate.df =
        (variance + vc) * (variance + vc) / (variance * variance / estimate.plan.df + vc * vc / comparison.df);
    variance += vc;
    estimate.comparison = std::move(comparison);
  }
  estimate.se = std::sqrt(variance);
  return estimate;
}

double ProjectedSe(const EffectEstimate& estimate, Day window_first, int window_days) {
  double variance = ProjectedVariance(estimate.plan, window_first, window_days, estimate.plan.effect);
  if (estimate.comparison) {
    variance += ProjectedVariance(*estimate.comparison, window_first, window_days, estimate.comparison->effect);
  }
  return std::sqrt(variance);
}

Result<double> PlannedInformation(const EvaluationInput& input, int planned_days, bool counts) {
  const Day from = input.baseline.first_day;
  const Day to = input.baseline.last_day();
  LL_ASSIGN_OR_RETURN(SeriesFit plan, FitSeries(DaysOf(input.baseline, from, to, false), counts));
  double variance = ProjectedVariance(plan, input.window.first_day, planned_days, 0);
  if (input.comparison) {
    LL_ASSIGN_OR_RETURN(SeriesFit comparison, FitSeries(DaysOf(*input.comparison, from, to, false), counts));
    variance += ProjectedVariance(comparison, input.window.first_day, planned_days, 0);
  }
  if (!std::isfinite(variance)) {
    return InvalidArgument("the planned window holds no weekday on which the metric has ever had events");
  }
  return 1 / variance;
}

}  // namespace learnloop::evaluate
