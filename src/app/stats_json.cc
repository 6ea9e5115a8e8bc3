#include <cmath>

#include "learnloop/app/stats.h"

namespace learnloop::json {
namespace {

// JSON has no infinity; an unbounded end is null.
Json Finite(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

}  // namespace

Json ToJson(const app::RateTestReport& report) {
  const RateTestResult& r = report.result;
  return {{"rate_ratio", Finite(r.rate_ratio)},
          {"ci_low", Finite(r.ci_low)},
          {"ci_high", Finite(r.ci_high)},
          {"p_value", r.p_value}};
}

Json ToJson(const app::BayesReport& report) {
  const BayesComparison& c = report.comparison;
  return {{"prob_b_beats_a", c.prob_b_beats_a},
          {"expected_loss_a", c.expected_loss_a},
          {"expected_loss_b", c.expected_loss_b}};
}

Json ToJson(const app::MeanTestReport& report) {
  const MeanTestResult& r = report.result;
  return {{"effect", r.effect}, {"ci_low", r.ci_low}, {"ci_high", r.ci_high}, {"p_value", r.p_value}};
}

Json ToJson(const app::AnomalyReport& report) { return {{"indices", report.indices}}; }

Json ToJson(const app::PowerReport& report) { return {{"days", report.days}}; }

}  // namespace learnloop::json
