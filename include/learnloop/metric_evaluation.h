// Evaluating declared metrics over a plan's periods: reads the series from
// Metrics and hands them to EvaluateMetric / EvaluatePlan. Used by
// `learnloop evaluate` (ad hoc and for a plan) and by the daily brief.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "learnloop/evaluate.h"
#include "learnloop/loop.h"
#include "learnloop/metrics.h"
#include "learnloop/stats.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop {

struct PeriodEvaluationRequest {
  std::string metric;
  Day baseline_from = 0;
  Day baseline_to = 0;
  Day window_from = 0;  // the plan's timebox; days after `today` are not read
  Day window_to = 0;
  Day today = 0;
  std::optional<std::string> compare;   // a metric the plan did not touch
  std::vector<std::string> guardrails;  // metrics that must not rise (e.g. unsubscribes) by more than 20%
  double expected_lift = 0.2;
  bool higher_is_better = true;
};

// InvalidArgument naming the flag-like field for periods that are empty,
// overlap or put the baseline after the window, and for a window that has
// not started by `today`; NotFound for an unknown metric.
Result<Evaluation> EvaluateMetricPeriods(const Metrics& metrics, const PeriodEvaluationRequest& request);

// The request for a plan that has started: its metric ("metric:NAME" or
// NAME; "rung:X" is read as the people entering rung X a day), its timebox
// as the window, its baseline, guardrails and expected lift (20% when it
// names none). FailedPrecondition for a plan that has not started; NotFound
// when its metric is not declared.
Result<PeriodEvaluationRequest> RequestForPlan(const Plan& plan, const Metrics& metrics, Day today);

// One variant of an A/B plan: its metric total over the window and its
// exposure (contents that carried the variant's tag).
struct VariantReading {
  std::string tag;
  double total = 0;
  int64_t exposure = 0;
};

// Variants A and B compared per exposure: the exact conditional rate test
// and the gamma-Poisson chance that B beats A.
struct VariantComparison {
  std::string metric;
  VariantReading a;
  VariantReading b;
  RateTestResult rate;    // rate B / rate A
  BayesComparison bayes;  // prob_b_beats_a, expected losses
  // People reached by each variant who then took an action (donated,
  // volunteered, signed, attended, hosted), compared beta-binomially.
  BinomialSample converted_a;
  BinomialSample converted_b;
  std::optional<BayesComparison> conversion;
  // Per-person sums of value on tagged events (e.g. donation amounts):
  // Welch on B - A, and on the relative lift B / A - 1 (delta method).
  std::optional<MeanTestResult> amount_difference;
  std::optional<MeanTestResult> amount_lift;
  std::string headline;  // plain words
};

// Compares two content tags on a count or people metric over [from, to].
// FailedPrecondition for other metric types or a tag no content carried.
Result<VariantComparison> CompareVariants(const Metrics& metrics, const std::string& metric, const std::string& tag_a,
                                          const std::string& tag_b, Day from, Day to);

// Days a plan on `metric` needs to detect `lift` (+0.2 = +20%), judged from
// the `history_days` days before `today`.
Result<int> DaysToDetectForMetric(const Metrics& metrics, const std::string& metric, double lift, Day today,
                                  int history_days = 56);

// The planning aid for a new plan: days its metric needs to show the
// plan's expected lift (20% when it names none), judged from the 56 days
// before `today` (`history_days`). Errors when the metric is not declared
// or too quiet.
Result<int> DaysToDetectForPlan(const Plan& plan, const Metrics& metrics, Day today, int history_days = 56);

// True for metrics whose daily values count events or people (the
// evaluation's count model); false for amounts, rates and ratios.
bool MetricCountsEvents(const Metrics& metrics, const std::string& metric);

}  // namespace learnloop
