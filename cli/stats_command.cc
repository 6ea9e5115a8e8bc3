// `learnloop stats`: the statistics behind evaluations, for analysts who
// have the numbers at hand. Each subcommand prints a plain-words table, or
// with --json the stable keys documented in docs/statistics.md.
#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <map>

#include "cli_context.h"
#include "learnloop/metric_evaluation.h"
#include "learnloop/stats.h"

namespace learnloop::cli {
namespace {

using Json = nlohmann::ordered_json;

struct StatsFlags {
  std::string a;
  std::string b;
  std::string alternative = "two-sided";
  std::string prior;
  bool relative = false;
  int64_t period = 0;
  double alpha = 0.05;
  double max_anoms = 0.1;
  std::string direction = "both";
  double mean = 0;
  double dispersion = 1;
  double lift_percent = 0;
  int64_t baseline_days = 0;
  double power = 0.8;
  std::string metric;
  int history_days = 56;
  std::string today = "today";
};

// JSON has no infinity; an unbounded end is null.
Json Number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

std::string Show(double x) { return std::isfinite(x) ? fmt::format("{:.4g}", x) : "unbounded"; }

std::string Percent(double p) { return fmt::format("{:.1f}%", 100 * p); }

std::string Verdict(double p_value) {
  if (p_value < 0.05)
    return fmt::format(
        "A difference this large would turn up by chance only {} of the times the groups were "
        "truly alike: clear evidence of a difference.\n",
        Percent(p_value));
  return fmt::format(
      "A difference this large would turn up by chance {} of the times the groups were truly "
      "alike: not clear evidence; it may be noise.\n",
      Percent(p_value));
}

template <typename Sample>
using Parser = Result<Sample> (*)(std::string_view flag, std::string_view text);

template <typename Sample>
Result<std::pair<Sample, Sample>> ParseGroups(const StatsFlags& f, Parser<Sample> parse) {
  LL_ASSIGN_OR_RETURN(Sample a, parse("--a", f.a));
  LL_ASSIGN_OR_RETURN(Sample b, parse("--b", f.b));
  return std::pair<Sample, Sample>{a, b};
}

int RunRateTest(CliContext& ctx, const StatsFlags& f) {
  const std::map<std::string, Alternative> alternatives = {
      {"two-sided", Alternative::kTwoSided}, {"greater", Alternative::kGreater}, {"less", Alternative::kLess}};
  auto groups = ParseGroups(f, ParseCountSample);
  if (!groups.ok()) return Fail(ctx, groups.status());
  const auto& [a, b] = *groups;
  auto r = RateTest(a, b, alternatives.at(f.alternative));
  if (!r.ok()) return Fail(ctx, r.status());
  if (ctx.json) {
    PrintJson(ctx, {{"rate_ratio", Number(r->rate_ratio)},
                    {"ci_low", Number(r->ci_low)},
                    {"ci_high", Number(r->ci_high)},
                    {"p_value", r->p_value}});
    return 0;
  }
  *ctx.out << "Rate of B compared with the rate of A (exact test)\n"
           << FormatTable({{"", "value"},
                           {"rate A per unit of exposure", Show(static_cast<double>(a.count) / a.exposure)},
                           {"rate B per unit of exposure", Show(static_cast<double>(b.count) / b.exposure)},
                           {"rate B / rate A", Show(r->rate_ratio)},
                           {"95% confidence range, low", Show(r->ci_low)},
                           {"95% confidence range, high", Show(r->ci_high)},
                           {"p-value (" + f.alternative + ")", Show(r->p_value)}})
           << Verdict(r->p_value);
  return 0;
}

Result<std::pair<double, double>> PriorFlag(const std::string& text, std::pair<double, double> fallback) {
  if (text.empty()) return fallback;
  return ParseNumberPair("--prior", text);
}

int PrintComparison(CliContext& ctx, const BayesComparison& c, std::string_view what) {
  if (ctx.json) {
    PrintJson(ctx, {{"prob_b_beats_a", c.prob_b_beats_a},
                    {"expected_loss_a", c.expected_loss_a},
                    {"expected_loss_b", c.expected_loss_b}});
    return 0;
  }
  *ctx.out << fmt::format("Which {} is higher, B or A? (Bayesian comparison)\n", what)
           << FormatTable({{"", "value"},
                           {"chance B is higher than A", Percent(c.prob_b_beats_a)},
                           {"expected loss if we pick A", Show(c.expected_loss_a)},
                           {"expected loss if we pick B", Show(c.expected_loss_b)}})
           << fmt::format(
                  "Expected loss: how much {} we give up on average if we pick that group and the other "
                  "is in fact better. Pick a group whose loss is small enough to live with.\n",
                  what);
  return 0;
}

template <typename Sample, typename Prior>
int RunBayes(CliContext& ctx, const StatsFlags& f, Parser<Sample> parse,
             Result<BayesComparison> (*compare)(Sample, Sample, Prior), std::pair<double, double> default_prior,
             std::string_view what) {
  auto groups = ParseGroups(f, parse);
  if (!groups.ok()) return Fail(ctx, groups.status());
  auto prior = PriorFlag(f.prior, default_prior);
  if (!prior.ok()) return Fail(ctx, prior.status());
  auto r = compare(groups->first, groups->second, Prior{prior->first, prior->second});
  if (!r.ok()) return Fail(ctx, r.status());
  return PrintComparison(ctx, *r, what);
}

int RunBetaAb(CliContext& ctx, const StatsFlags& f) {
  return RunBayes(ctx, f, ParseBinomialSample, BetaAb, {1, 1}, "proportion");
}

int RunGammaAb(CliContext& ctx, const StatsFlags& f) {
  return RunBayes(ctx, f, ParseCountSample, GammaAb, {1, 0}, "rate");
}

int RunMeanTest(CliContext& ctx, const StatsFlags& f) {
  auto groups = ParseGroups(f, ParseMomentSums);
  if (!groups.ok()) return Fail(ctx, groups.status());
  const auto& [a, b] = *groups;
  auto r = MeanTest(a, b, f.relative);
  if (!r.ok()) return Fail(ctx, r.status());
  if (ctx.json) {
    PrintJson(ctx, {{"effect", r->effect}, {"ci_low", r->ci_low}, {"ci_high", r->ci_high}, {"p_value", r->p_value}});
    return 0;
  }
  auto show = [&](double x) { return f.relative ? fmt::format("{:+.2f}%", 100 * x) : Show(x); };
  const double mean_a = a.sum / static_cast<double>(a.n);
  const double mean_b = b.sum / static_cast<double>(b.n);
  *ctx.out << "Mean of B compared with the mean of A (Welch's t-test)\n"
           << FormatTable({{"", "value"},
                           {"mean A", Show(mean_a)},
                           {"mean B", Show(mean_b)},
                           {f.relative ? "lift (B / A - 1)" : "difference (B - A)", show(r->effect)},
                           {"95% confidence range, low", show(r->ci_low)},
                           {"95% confidence range, high", show(r->ci_high)},
                           {"p-value", Show(r->p_value)},
                           {"degrees of freedom", fmt::format("{:.1f}", r->df)}})
           << Verdict(r->p_value);
  return 0;
}

int RunAnomalies(CliContext& ctx, const StatsFlags& f) {
  const std::map<std::string, AnomalyDirection> directions = {
      {"both", AnomalyDirection::kBoth}, {"pos", AnomalyDirection::kPositive}, {"neg", AnomalyDirection::kNegative}};
  const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  auto values = ParseSeries(text, "stdin");
  if (!values.ok()) return Fail(ctx, values.status());
  AnomalyOptions options{f.period, f.alpha, f.max_anoms, directions.at(f.direction)};
  auto found = FindAnomalies(*values, options);
  if (!found.ok()) return Fail(ctx, found.status().WithContext("stdin"));
  if (ctx.json) {
    PrintJson(ctx, {{"indices", *found}});
    return 0;
  }
  if (found->empty()) {
    *ctx.out << fmt::format("No anomalies among {} values (period {}).\n", values->size(), f.period);
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"index", "line", "value"}};
  for (int64_t i : *found)
    rows.push_back({std::to_string(i), std::to_string(i + 1), Show((*values)[static_cast<size_t>(i)])});
  *ctx.out << fmt::format("{} anomalies among {} values (period {}); index counts from 0\n", found->size(),
                          values->size(), f.period)
           << FormatTable(rows);
  return 0;
}

// The metric form reads the metric's recent history from the workspace, so
// its weekday pattern and day-to-day noise decide the answer.
int RunPowerForMetric(CliContext& ctx, const StatsFlags& f) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto metrics = ws->LoadMetrics();
  if (!metrics.ok()) return Fail(ctx, metrics.status());
  auto today = ParseDayFlag("--today", f.today, ws->Today());
  if (!today.ok()) return Fail(ctx, today.status());
  auto days = DaysToDetectForMetric(*metrics, f.metric, f.lift_percent / 100, *today, f.history_days);
  if (!days.ok()) return Fail(ctx, days.status());
  if (ctx.json) {
    PrintJson(ctx, {{"days", *days}});
    return 0;
  }
  *ctx.out << fmt::format(
      "Judged from the last {} days of {}, a plan needs about {} days to detect a {:+.4g}% change "
      "(80% power, 95% confidence).\n",
      f.history_days, f.metric, *days, f.lift_percent);
  return 0;
}

int RunPower(CliContext& ctx, const StatsFlags& f) {
  if (!f.metric.empty()) return RunPowerForMetric(ctx, f);
  if (f.mean <= 0) return Fail(ctx, InvalidArgument("stats power needs --metric NAME or --mean M"));
  auto days = DaysToDetect(f.mean, f.dispersion, f.lift_percent / 100, f.alpha, f.power, f.baseline_days);
  if (!days.ok()) return Fail(ctx, days.status());
  if (ctx.json) {
    PrintJson(ctx, {{"days", *days}});
    return 0;
  }
  const std::string baseline =
      f.baseline_days == 0 ? "a baseline as long as the plan" : fmt::format("{} baseline days", f.baseline_days);
  *ctx.out << fmt::format(
      "To detect a {:+.4g}% change in a metric averaging {:.4g} a day (variance {:.3g} times the mean) against {}, "
      "with {:.0f}% power at alpha {:.3g}, run the plan for {} days.\n",
      f.lift_percent, f.mean, f.dispersion, baseline, 100 * f.power, f.alpha, *days);
  return 0;
}

using Runner = int (*)(CliContext&, const StatsFlags&);

CLI::App* AddStatsSubcommand(CLI::App& stats, CliContext& ctx, std::shared_ptr<StatsFlags> flags, const char* name,
                             const char* help, Runner runner) {
  CLI::App* cmd = stats.add_subcommand(name, help);
  AddJsonFlag(*cmd, ctx);
  cmd->callback([&ctx, flags, runner] { ctx.run = [&ctx, flags, runner] { return runner(ctx, *flags); }; });
  return cmd;
}

void AddGroups(CLI::App& cmd, StatsFlags& f, const char* form) {
  cmd.add_option("--a", f.a, fmt::format("Group A (the baseline or control) as {}", form))->required();
  cmd.add_option("--b", f.b, fmt::format("Group B (the change) as {}", form))->required();
}

void RegisterStats(CLI::App& app, CliContext& ctx) {
  auto f = std::make_shared<StatsFlags>();
  CLI::App* stats = app.add_subcommand(
      "stats", "Statistics for analysts: compare two groups, find anomalies in a series, plan a test's length");
  stats->require_subcommand(1);
  CLI::App* rate = AddStatsSubcommand(*stats, ctx, f, "rate-test", "Exact test of rate B / rate A", RunRateTest);
  AddGroups(*rate, *f, "COUNT:EXPOSURE");
  rate->add_option("--alternative", f->alternative, "two-sided, greater (B above A) or less")
      ->check(CLI::IsMember({"two-sided", "greater", "less"}))
      ->capture_default_str();
  CLI::App* beta =
      AddStatsSubcommand(*stats, ctx, f, "beta-ab", "Chance that proportion B beats A (Bayesian)", RunBetaAb);
  AddGroups(*beta, *f, "SUCCESSES/TRIALS");
  beta->add_option("--prior", f->prior, "Beta prior A,B (default 1,1: uniform)");
  CLI::App* gamma = AddStatsSubcommand(*stats, ctx, f, "gamma-ab", "Chance that rate B beats A (Bayesian)", RunGammaAb);
  AddGroups(*gamma, *f, "COUNT:EXPOSURE");
  gamma->add_option("--prior", f->prior, "Gamma prior SHAPE,RATE (default 1,0: flat)");
  CLI::App* mean = AddStatsSubcommand(*stats, ctx, f, "mean-test", "Welch t-test of mean B - mean A", RunMeanTest);
  AddGroups(*mean, *f, "SUM:SUMSQ:N");
  mean->add_flag("--relative", f->relative, "Report the lift mean B / mean A - 1 instead of the difference");
  CLI::App* anomalies = AddStatsSubcommand(*stats, ctx, f, "anomalies",
                                           "Anomalies in a series read from stdin, one number per line", RunAnomalies);
  anomalies->add_option("--period", f->period, "Points per seasonal cycle (7 for daily data)")->required();
  anomalies->add_option("--alpha", f->alpha, "Significance level")->capture_default_str();
  anomalies->add_option("--max-anoms", f->max_anoms, "Largest share of points reported")->capture_default_str();
  anomalies->add_option("--direction", f->direction, "both, pos (spikes) or neg (dips)")
      ->check(CLI::IsMember({"both", "pos", "neg"}))
      ->capture_default_str();
  CLI::App* power =
      AddStatsSubcommand(*stats, ctx, f, "power", "Days a plan must run to detect a change in a metric", RunPower);
  CLI::Option* metric = power->add_option("--metric", f->metric, "A workspace metric: read its recent history");
  power->add_option("--history-days", f->history_days, "With --metric: days of history to judge from")
      ->capture_default_str();
  power->add_option("--today", f->today, "With --metric: the history ends on this day")->capture_default_str();
  power->add_option("--mean", f->mean, "The metric's baseline daily mean")->excludes(metric);
  power->add_option("--dispersion", f->dispersion, "Variance / mean of the daily values (1: Poisson)")
      ->capture_default_str();
  power->add_option("--lift", f->lift_percent, "Change to detect, in percent (10 or -20)")->required();
  power->add_option("--baseline-days", f->baseline_days, "Baseline length (0: as long as the plan)")
      ->capture_default_str();
  power->add_option("--alpha", f->alpha, "Two-sided significance level")->capture_default_str();
  power->add_option("--power", f->power, "Chance of detecting a real change")->capture_default_str();
}

const CommandRegistrar kRegistrar(60, RegisterStats);

}  // namespace
}  // namespace learnloop::cli
