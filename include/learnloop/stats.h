// Statistics for honest evaluation: exact and Bayesian comparisons of two
// groups, Welch's t-test, seasonal anomaly detection and sample-size planning.
// Every function is pure; bad numbers come back as InvalidArgument naming
// what was wrong, never as NaN. docs/statistics.md explains each in plain words.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "learnloop/status.h"

namespace learnloop {

// Which difference a test looks for: any, B above A, or B below A.
enum class Alternative { kTwoSided, kGreater, kLess };

// `count` events seen over `exposure` (days, people, sends...); exposure > 0.
struct CountSample {
  int64_t count = 0;
  double exposure = 0;
};

struct RateTestResult {
  double rate_ratio = 0;  // (count B / exposure B) / (count A / exposure A); +inf when A has no events
  double ci_low = 0;
  double ci_high = 0;  // +inf when A has no events or for a one-sided "greater" interval
  double p_value = 1;
};

// Exact conditional test of rate B / rate A = 1 (what R's
// poisson.test(c(xB, xA), c(eB, eA)) computes) with its Clopper-Pearson
// interval at `conf_level`. FailedPrecondition when both counts are zero.
Result<RateTestResult> RateTest(CountSample a, CountSample b, Alternative alternative = Alternative::kTwoSided,
                                double conf_level = 0.95);

// `successes` out of `trials`; 0 <= successes <= trials.
struct BinomialSample {
  int64_t successes = 0;
  int64_t trials = 0;
};

// Beta(alpha, beta) prior on a proportion; the default is uniform.
struct BetaPrior {
  double alpha = 1;
  double beta = 1;
};

// Gamma(shape, rate) prior on a rate per unit of exposure; the default
// (shape 1, rate 0) is flat on the rate, so the posterior is Gamma(count + 1, exposure).
struct GammaPrior {
  double shape = 1;
  double rate = 0;
};

struct BayesComparison {
  double prob_b_beats_a = 0.5;
  double expected_loss_a = 0;  // E[max(B - A, 0)]: what choosing A gives up on average
  double expected_loss_b = 0;  // E[max(A - B, 0)]
};

// Independent Beta posteriors for two proportions.
Result<BayesComparison> BetaAb(BinomialSample a, BinomialSample b, BetaPrior prior = {});
// Independent Gamma posteriors for two Poisson rates per unit of exposure.
Result<BayesComparison> GammaAb(CountSample a, CountSample b, GammaPrior prior = {});

// A group summarized by the sum of its values, the sum of their squares and
// their number (n >= 2), so callers need not keep the values.
struct MomentSums {
  double sum = 0;
  double sum_sq = 0;
  int64_t n = 0;
};

struct MeanTestResult {
  double effect = 0;  // mean B - mean A, or with `relative` the lift mean B / mean A - 1
  double ci_low = 0;  // 95% interval
  double ci_high = 0;
  double p_value = 1;
  double df = 0;  // Welch-Satterthwaite degrees of freedom of the t distribution used
};

// Welch's two-sample t-test of B - A. With `relative`, the lift and its
// delta-method standard error (needs mean A != 0), with t on Satterthwaite df.
// FailedPrecondition when neither group varies.
Result<MeanTestResult> MeanTest(MomentSums a, MomentSums b, bool relative = false);

enum class AnomalyDirection { kBoth, kPositive, kNegative };

struct AnomalyOptions {
  int64_t period = 7;  // points per seasonal cycle, >= 1; the series needs >= 2 cycles
  double alpha = 0.05;
  double max_anoms = 0.1;  // at most this share of the points is reported, (0, 0.5]
  AnomalyDirection direction = AnomalyDirection::kBoth;
};

// Seasonal Hybrid ESD (Hochenbaum, Vallis, Kejariwal 2017): 0-based indices
// of the anomalous points, ascending.
Result<std::vector<int64_t>> FindAnomalies(std::span<const double> values, const AnomalyOptions& options);

// Days a window must run so that a daily-count metric's mean, compared with
// the mean of `baseline_days` days before it (0: a baseline as long as the
// window) on the log scale, detects a change of `lift` (0.1 = +10%) with the
// given two-sided alpha and power. `dispersion` is the variance-to-mean ratio
// of the daily counts (1 for Poisson). FailedPrecondition when the baseline
// is too short for any window to reach the power.
Result<int64_t> DaysToDetect(double baseline_daily_mean, double dispersion, double lift, double alpha = 0.05,
                             double power = 0.8, int64_t baseline_days = 0);

// Parsers for the analyst command line; errors name `flag` and the expected
// form, e.g. "--a '12:x': expected COUNT:EXPOSURE like 12:1000".
Result<CountSample> ParseCountSample(std::string_view flag, std::string_view text);               // COUNT:EXPOSURE
Result<BinomialSample> ParseBinomialSample(std::string_view flag, std::string_view text);         // SUCCESSES/TRIALS
Result<MomentSums> ParseMomentSums(std::string_view flag, std::string_view text);                 // SUM:SUMSQ:N
Result<std::pair<double, double>> ParseNumberPair(std::string_view flag, std::string_view text);  // A,B

// One number per line (surrounding blanks and a final newline allowed);
// errors name `source` and the line.
Result<std::vector<double>> ParseSeries(std::string_view text, std::string_view source);

}  // namespace learnloop
