// The analysts' statistics: compare two groups (exact rate test, Bayesian
// proportions and rates, Welch's t-test), find anomalies in a series, and
// the days a plan needs to detect a change. Inputs are the text the user
// typed; errors are InvalidArgument naming the field and the form expected
// (see the parsers in learnloop/stats.h), or the statistic's own errors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "learnloop/json.h"
#include "learnloop/stats.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// Group A (the baseline or control) and group B (the change).
struct TwoGroupsRequest {
  std::string a;
  std::string b;
};

struct RateTestRequest : TwoGroupsRequest {  // COUNT:EXPOSURE each
  std::string alternative = "two-sided";     // or "greater" (B above A), "less"
};
struct RateTestReport {
  CountSample a;
  CountSample b;
  RateTestResult result;
};
Result<RateTestReport> TestRates(const RateTestRequest& request);

struct BayesRequest : TwoGroupsRequest {
  std::string prior;  // "A,B"; empty: uniform Beta(1,1) or flat Gamma(1,0)
};
struct BayesReport {
  BayesComparison comparison;
};
// Groups as SUCCESSES/TRIALS; the prior is Beta(A,B).
Result<BayesReport> CompareProportions(const BayesRequest& request);
// Groups as COUNT:EXPOSURE; the prior is Gamma(SHAPE,RATE).
Result<BayesReport> CompareRates(const BayesRequest& request);

struct MeanTestRequest : TwoGroupsRequest {  // SUM:SUMSQ:N each
  bool relative = false;                     // the lift mean B / mean A - 1
};
struct MeanTestReport {
  MomentSums a;
  MomentSums b;
  bool relative = false;
  MeanTestResult result;
};
Result<MeanTestReport> TestMeans(const MeanTestRequest& request);

struct AnomalyRequest {
  std::string values;            // one number per line
  std::string source = "stdin";  // names the values in errors
  AnomalyOptions options;
  std::string direction = "both";  // or "pos" (spikes), "neg" (dips); overrides options.direction
};
struct AnomalyReport {
  std::vector<double> values;
  std::vector<int64_t> indices;  // 0-based, ascending
};
Result<AnomalyReport> DetectAnomalies(const AnomalyRequest& request);

struct PowerReport {
  int64_t days = 0;
};
struct PowerRequest {
  double mean = 0;  // the baseline daily mean, > 0
  double dispersion = 1;
  double lift_percent = 0;
  int64_t baseline_days = 0;  // 0: as long as the plan
  double alpha = 0.05;
  double power = 0.8;
};
// Days a plan must run (see DaysToDetect); InvalidArgument without a mean.
Result<PowerReport> DaysNeeded(const PowerRequest& request);

struct MetricPowerRequest {
  std::string metric;
  double lift_percent = 0;
  int history_days = 56;
  std::string today = "today";  // the history ends on this day (see ParseDay)
};
// The same, judged from the metric's recent history in the workspace;
// NotFound for an unknown metric.
Result<PowerReport> DaysNeededForMetric(Workspace& ws, const MetricPowerRequest& request);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::RateTestReport& report);
Json ToJson(const app::BayesReport& report);
Json ToJson(const app::MeanTestReport& report);
Json ToJson(const app::AnomalyReport& report);
Json ToJson(const app::PowerReport& report);

}  // namespace learnloop::json
