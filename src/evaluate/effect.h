// The plan's effect theta on the log scale with its standard error: the
// window vs the baseline of one series, or, with a comparison series, the
// difference in differences theta_plan - theta_comparison. Each series gets
// its own level, weekday terms and dispersion (the fully interacted model
// with a series indicator), so the two estimates are independent and their
// variances add; the degrees of freedom follow Welch-Satterthwaite.
#pragma once

#include <optional>

#include "evaluate/series_model.h"
#include "learnloop/evaluate.h"

namespace learnloop::evaluate {

struct EffectEstimate {
  double theta = 0;
  double se = 0;
  double df = 0;
  SeriesFit plan;
  std::optional<SeriesFit> comparison;
  int missing_days = 0;  // days without data in the periods used
};

// Checks the input (see EvaluateMetric for the errors) and fits the model.
Result<EffectEstimate> EstimateEffect(const EvaluationInput& input, bool counts);

// The standard error of theta had the window `window_days` days, each
// series keeping its current fitted effect.
double ProjectedSe(const EffectEstimate& estimate, Day window_first, int window_days);

// The information 1/se^2 expected at the end of a window of `planned_days`
// days with no effect, from the baselines alone: it depends on nothing the
// window shows, so tuning the always-valid interval with it keeps it valid.
Result<double> PlannedInformation(const EvaluationInput& input, int planned_days, bool counts);

// InvalidArgument unless `series` has a day with data, every value is a
// finite number >= 0 and some value is positive; `what` names it.
Status CheckHistory(const DaySeries& series, std::string_view what);

// The series' non-missing days between `from` and `to`, marked in_window.
std::vector<DayValue> DaysOf(const DaySeries& series, Day from, Day to, bool in_window);

}  // namespace learnloop::evaluate
