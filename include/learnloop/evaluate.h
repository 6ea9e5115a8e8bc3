// Honest evaluation of a micro-plan: did its metric change in the plan's
// window compared with its baseline (or with an untouched comparison
// metric), adjusting for the day of the week and for counts that vary more
// than chance alone would make them? The daily reading stays valid when the
// team looks every day and stops as soon as it looks decided. The methods,
// their assumptions and the measured error rates are in docs/evaluation.md.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop {

// One value per day from first_day on; nullopt marks a day without data
// (left out of every fit). Values are non-negative: counts, amounts, rates.
struct DaySeries {
  Day first_day = 0;
  std::vector<std::optional<double>> values;

  Day last_day() const { return first_day + static_cast<Day>(values.size()) - 1; }
};

// The plan's metric before the plan (baseline) and during it (window, the
// days so far or all of them). A comparison is a metric the plan did not
// touch; only its days inside the baseline's and window's spans are used.
struct EvaluationInput {
  DaySeries baseline;
  DaySeries window;
  std::optional<DaySeries> comparison;
};

struct EvaluationOptions {
  std::string metric_name = "the metric";  // used in the sentences
  double expected_lift = 0.2;              // the hoped-for change: +0.2 is +20%, -0.1 is -10%
  bool higher_is_better = true;
  bool is_final = false;  // the timebox has ended; otherwise an interim (daily) reading
  int planned_days = 0;   // the timebox length in days; 0 means the window's length
  bool counts = true;     // values count events; false for amounts and rates
  double alpha = 0.05;    // 1 - confidence level of both intervals
};

// A metric that must not get worse, e.g. unsubscribes. It is breached when
// the always-valid interval lies entirely beyond `tolerance` on the harmful
// side (for unsubscribes, up by more than 20%).
struct GuardrailInput {
  std::string name;
  EvaluationInput data;
  bool higher_is_better = false;
  double tolerance = 0.2;
  bool counts = true;
};

enum class EvaluationVerdict { kWin, kLoss, kInconclusive, kGuardrailBreached };
std::string_view EvaluationVerdictName(
    EvaluationVerdict verdict);  // "win", "loss", "inconclusive", "guardrail_breached"

// What --details shows: the model behind the numbers.
struct EvaluationDetails {
  std::string model;         // e.g. "log-linear quasi-Poisson, window vs baseline, weekday terms"
  double log_effect = 0;     // theta: log of the ratio
  double log_effect_se = 0;  // its standard error
  double df = 0;             // residual degrees of freedom of the t intervals
  double dispersion = 1;     // variance / mean of the plan's metric (quasi-Poisson scale)
  std::optional<double> comparison_dispersion;
  bool weekday_terms = false;  // false when too few days per weekday
  double rho = 0;              // mixture precision of the always-valid interval, tuned to the timebox
  int baseline_days = 0;       // days used in the fit
  int window_days = 0;
  int days_left_out = 0;  // missing days and days of weekdays with no events at all
  double baseline_per_day = 0;
  double window_per_day = 0;
  std::vector<std::string> notes;  // adjustments made, in words
};

// The always-valid reading of one guardrail.
struct GuardrailReading {
  std::string name;
  bool breached = false;
  double ratio = 1;
  double always_valid_low = 1;
  double always_valid_high = 1;
};

// Ratios are window / baseline (for a comparison, relative to how the
// comparison moved); percent change = 100 * (ratio - 1).
struct Evaluation {
  EvaluationVerdict verdict = EvaluationVerdict::kInconclusive;
  std::string headline;     // one plain sentence
  std::string explanation;  // one or two plain sentences more
  double ratio = 1;
  double percent_change = 0;
  double ci_low = 1, ci_high = 1;                      // fixed-horizon 95% interval of the ratio
  double always_valid_low = 1, always_valid_high = 1;  // valid however often one looks
  double prob_positive = 0.5;                          // P(ratio > 1), approximate posterior (flat prior)
  double prob_reaches_expected = 0;                    // P(change at least as large as expected_lift)
  double abs_diff_per_day = 0;                         // units per day the plan added (negative: removed)
  std::optional<int> more_days_needed;                 // when inconclusive: days that would likely settle it
  std::vector<GuardrailReading> guardrails;
  EvaluationDetails details;
};

// Evaluates one metric: against its baseline, or, when input.comparison is
// set, by difference in differences against the comparison. The verdict
// comes from the always-valid interval, so daily looks do not inflate false
// wins. InvalidArgument for empty or overlapping periods, negative values,
// an all-zero baseline or too few days to fit the model.
Result<Evaluation> EvaluateMetric(const EvaluationInput& input, const EvaluationOptions& options);

// EvaluateMetric, then each guardrail the same way; any breach turns the
// verdict into kGuardrailBreached and says which guardrail in the headline.
Result<Evaluation> EvaluatePlan(const EvaluationInput& primary, std::span<const GuardrailInput> guardrails,
                                const EvaluationOptions& options);

struct DaysToDetectOptions {
  double alpha = 0.05;
  double power = 0.8;
  bool counts = true;
  int max_days = 365;
};

// Planning aid: the fewest window days after `history` (used as the
// baseline) for which a change of `lift` (+0.2 = +20%) would be detected
// with the given power by the fixed-horizon interval, using the history's
// weekday pattern and dispersion. FailedPrecondition beyond max_days;
// InvalidArgument for unusable history or lift <= -1 or lift == 0.
Result<int> DaysToDetect(const DaySeries& history, double lift, const DaysToDetectOptions& options = {});

}  // namespace learnloop
