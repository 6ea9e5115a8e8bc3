#include "evaluate/simulation.h"

#include <array>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <vector>

#include "demo/random.h"
#include "learnloop/evaluate.h"

namespace learnloop::evaluate {
namespace {

constexpr double kAlpha = 0.05;
constexpr Day kBaselineStart = 19'800;  // a Monday in 2024; any day works

// A gamma variate with mean 1 and shape k >= 1 (Marsaglia & Tsang 2000), so
// Poisson(mu * G) is negative binomial with mean mu and size k.
double Gamma1(demo::Rng& rng, double k) {
  const double d = k - 1.0 / 3;
  const double c = 1 / std::sqrt(9 * d);
  for (;;) {
    const double x = rng.Normal();
    const double v = std::pow(1 + c * x, 3);
    if (v <= 0) continue;
    if (std::log(rng.Uniform()) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v / k;
  }
}

// One metric's daily means: a level of 5-50 a day (log-uniform), weekends
// at about half the weekday level and a livelier Thursday (newsletter day),
// as in the demo organization; plus its overdispersion.
struct MetricShape {
  std::array<double, 8> mean{};
  double size = 0;  // negative binomial size: smaller is noisier
};

MetricShape RandomShape(demo::Rng& rng) {
  MetricShape shape;
  const double level = std::exp(std::log(5.0) + rng.Uniform() * std::log(10.0));
  for (int w = 1; w <= 7; ++w) {
    const double usual = w >= 6 ? 0.5 : (w == 4 ? 1.4 : 1.0);
    shape.mean[w] = level * usual * (0.85 + 0.3 * rng.Uniform());
  }
  shape.size = 2 + 18 * rng.Uniform();
  return shape;
}

std::vector<std::optional<double>> Draw(demo::Rng& rng, const MetricShape& shape, Day first, int days, double factor) {
  std::vector<std::optional<double>> values;
  for (Day d = first; d < first + days; ++d) {
    const double mu = shape.mean[IsoWeekday(d)] * factor * Gamma1(rng, shape.size);
    values.emplace_back(static_cast<double>(rng.Poisson(mu)));
  }
  return values;
}

// Welch's two-sample t-test of the window's days against the baseline's.
bool NaiveTestRejects(const std::vector<std::optional<double>>& baseline,
                      const std::vector<std::optional<double>>& window, int window_days) {
  auto moments = [](const std::vector<std::optional<double>>& v, int n) {
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) sum += *v[i];
    const double mean = sum / n;
    for (int i = 0; i < n; ++i) sum2 += (*v[i] - mean) * (*v[i] - mean);
    return std::pair{mean, sum2 / (n - 1) / n};
  };
  const auto [mb, vb] = moments(baseline, static_cast<int>(baseline.size()));
  const auto [mw, vw] = moments(window, window_days);
  if (vb + vw <= 0) return mb != mw;
  const double df =
      (vb + vw) * (vb + vw) / (vb * vb / (static_cast<double>(baseline.size()) - 1) + vw * vw / (window_days - 1));
  const double t = std::abs(mw - mb) / std::sqrt(vb + vw);
  return 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(df), t)) < kAlpha;
}

// The whole window; each look takes its first days.
EvaluationInput RandomPlan(demo::Rng& rng, const SimulationConfig& config) {
  const Day window_start = kBaselineStart + config.baseline_days;
  const MetricShape shape = RandomShape(rng);
  // A shift both series share in the window (a season, the news), which
  // only the comparison can remove; without a comparison there is none.
  const double shift = config.with_comparison ? std::exp(0.2 * rng.Normal()) : 1.0;
  EvaluationInput plan;
  plan.baseline = {kBaselineStart, Draw(rng, shape, kBaselineStart, config.baseline_days, 1)};
  plan.window = {window_start, Draw(rng, shape, window_start, config.window_days, shift * (1 + config.lift))};
  if (config.with_comparison) {
    const MetricShape other = RandomShape(rng);
    DaySeries comparison{kBaselineStart, Draw(rng, other, kBaselineStart, config.baseline_days, 1)};
    for (const auto& v : Draw(rng, other, window_start, config.window_days, shift)) comparison.values.push_back(v);
    plan.comparison = std::move(comparison);
  }
  return plan;
}

void SimulateOne(const SimulationConfig& config, demo::Rng& rng, SimulationTally& tally) {
  const EvaluationInput plan = RandomPlan(rng, config);
  const double truth = std::log1p(config.lift);
  EvaluationOptions options;
  options.planned_days = config.window_days;
  bool changed = false, won = false, always_covered = true, naive = false;
  for (int look = 1; look <= config.window_days; ++look) {
    EvaluationInput input = plan;
    input.window.values.resize(look);
    options.is_final = look == config.window_days;
    Result<Evaluation> e = EvaluateMetric(input, options);
    if (!e.ok()) {
      ++tally.failed_evaluations;
      return;
    }
    changed |= e->verdict != EvaluationVerdict::kInconclusive;
    won |= e->verdict == EvaluationVerdict::kWin;
    always_covered &= std::log(e->always_valid_low) <= truth && truth <= std::log(e->always_valid_high);
    if (look >= 2) naive |= NaiveTestRejects(plan.baseline.values, plan.window.values, look);
    if (options.is_final) {
      tally.fixed_covers_at_end += std::log(e->ci_low) <= truth && truth <= std::log(e->ci_high);
      tally.always_valid_covers_at_end +=
          std::log(e->always_valid_low) <= truth && truth <= std::log(e->always_valid_high);
      tally.fixed_detects_at_end += e->ci_low > 1 || e->ci_high < 1;
    }
  }
  ++tally.plans;
  tally.changed_any_look += changed;
  tally.won_any_look += won;
  tally.always_valid_covers_every_look += always_covered;
  tally.naive_changed_any_look += naive;
}

}  // namespace

SimulationTally SimulatePlans(const SimulationConfig& config) {
  SimulationTally tally;
  demo::Rng rng(config.seed, 0xe7a1);
  for (int i = 0; i < config.plans; ++i) SimulateOne(config, rng, tally);
  return tally;
}

}  // namespace learnloop::evaluate
