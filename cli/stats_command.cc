// `learnloop stats`: the statistics behind evaluations, for analysts who
// have the numbers at hand. Each subcommand prints a plain-words table, or
// with --json the stable keys documented in docs/statistics.md.
#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "cli_context.h"
#include "learnloop/app/stats.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct StatsFlags {
  app::RateTestRequest rate;
  app::BayesRequest bayes;
  app::MeanTestRequest mean;
  app::AnomalyRequest anomalies;
  app::PowerRequest power;
  app::MetricPowerRequest metric_power;
};

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

Status RunRateTest(CliContext& ctx, StatsFlags& f) {
  LL_ASSIGN_OR_RETURN(app::RateTestReport report, app::TestRates(f.rate));
  return PrintResult(ctx, report, [&](const app::RateTestReport& r) {
    return "Rate of B compared with the rate of A (exact test)\n" +
           FormatTable({{"", "value"},
                        {"rate A per unit of exposure", Show(static_cast<double>(r.a.count) / r.a.exposure)},
                        {"rate B per unit of exposure", Show(static_cast<double>(r.b.count) / r.b.exposure)},
                        {"rate B / rate A", Show(r.result.rate_ratio)},
                        {"95% confidence range, low", Show(r.result.ci_low)},
                        {"95% confidence range, high", Show(r.result.ci_high)},
                        {"p-value (" + f.rate.alternative + ")", Show(r.result.p_value)}}) +
           Verdict(r.result.p_value);
  });
}

std::string ComparisonText(const BayesComparison& c, std::string_view what) {
  return fmt::format("Which {} is higher, B or A? (Bayesian comparison)\n", what) +
         FormatTable({{"", "value"},
                      {"chance B is higher than A", Percent(c.prob_b_beats_a)},
                      {"expected loss if we pick A", Show(c.expected_loss_a)},
                      {"expected loss if we pick B", Show(c.expected_loss_b)}}) +
         fmt::format(
             "Expected loss: how much {} we give up on average if we pick that group and the other "
             "is in fact better. Pick a group whose loss is small enough to live with.\n",
             what);
}

Status RunBetaAb(CliContext& ctx, StatsFlags& f) {
  LL_ASSIGN_OR_RETURN(app::BayesReport report, app::CompareProportions(f.bayes));
  return PrintResult(ctx, report, [](const app::BayesReport& r) { return ComparisonText(r.comparison, "proportion"); });
}

Status RunGammaAb(CliContext& ctx, StatsFlags& f) {
  LL_ASSIGN_OR_RETURN(app::BayesReport report, app::CompareRates(f.bayes));
  return PrintResult(ctx, report, [](const app::BayesReport& r) { return ComparisonText(r.comparison, "rate"); });
}

std::string MeanTestText(const app::MeanTestReport& r) {
  auto show = [&](double x) { return r.relative ? fmt::format("{:+.2f}%", 100 * x) : Show(x); };
  const double mean_a = r.a.sum / static_cast<double>(r.a.n);
  const double mean_b = r.b.sum / static_cast<double>(r.b.n);
  return "Mean of B compared with the mean of A (Welch's t-test)\n" +
         FormatTable({{"", "value"},
                      {"mean A", Show(mean_a)},
                      {"mean B", Show(mean_b)},
                      {r.relative ? "lift (B / A - 1)" : "difference (B - A)", show(r.result.effect)},
                      {"95% confidence range, low", show(r.result.ci_low)},
                      {"95% confidence range, high", show(r.result.ci_high)},
                      {"p-value", Show(r.result.p_value)},
                      {"degrees of freedom", fmt::format("{:.1f}", r.result.df)}}) +
         Verdict(r.result.p_value);
}

Status RunMeanTest(CliContext& ctx, StatsFlags& f) {
  LL_ASSIGN_OR_RETURN(app::MeanTestReport report, app::TestMeans(f.mean));
  return PrintResult(ctx, report, MeanTestText);
}

Status RunAnomalies(CliContext& ctx, StatsFlags& f) {
  f.anomalies.values.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  LL_ASSIGN_OR_RETURN(app::AnomalyReport report, app::DetectAnomalies(f.anomalies));
  const int64_t period = f.anomalies.options.period;
  return PrintResult(ctx, report, [period](const app::AnomalyReport& r) {
    if (r.indices.empty()) return fmt::format("No anomalies among {} values (period {}).\n", r.values.size(), period);
    std::vector<std::vector<std::string>> rows = {{"index", "line", "value"}};
    for (int64_t i : r.indices)
      rows.push_back({std::to_string(i), std::to_string(i + 1), Show(r.values[static_cast<size_t>(i)])});
    return fmt::format("{} anomalies among {} values (period {}); index counts from 0\n", r.indices.size(),
                       r.values.size(), period) +
           FormatTable(rows);
  });
}

// The metric form reads the metric's recent history from the workspace, so
// its weekday pattern and day-to-day noise decide the answer.
Status RunPowerForMetric(CliContext& ctx, const app::MetricPowerRequest& request) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::PowerReport report, app::DaysNeededForMetric(ws, request));
  return PrintResult(ctx, report, [&](const app::PowerReport& r) {
    return fmt::format(
        "Judged from the last {} days of {}, a plan needs about {} days to detect a {:+.4g}% change "
        "(80% power, 95% confidence).\n",
        request.history_days, request.metric, r.days, request.lift_percent);
  });
}

Status RunPower(CliContext& ctx, StatsFlags& f) {
  f.metric_power.lift_percent = f.power.lift_percent;
  if (!f.metric_power.metric.empty()) return RunPowerForMetric(ctx, f.metric_power);
  const app::PowerRequest& p = f.power;
  LL_ASSIGN_OR_RETURN(app::PowerReport report, app::DaysNeeded(p));
  return PrintResult(ctx, report, [&](const app::PowerReport& r) {
    const std::string baseline =
        p.baseline_days == 0 ? "a baseline as long as the plan" : fmt::format("{} baseline days", p.baseline_days);
    return fmt::format(
        "To detect a {:+.4g}% change in a metric averaging {:.4g} a day (variance {:.3g} times the mean) against "
        "{}, with {:.0f}% power at alpha {:.3g}, run the plan for {} days.\n",
        p.lift_percent, p.mean, p.dispersion, baseline, 100 * p.power, p.alpha, r.days);
  });
}

using Runner = Status (*)(CliContext&, StatsFlags&);

CLI::App* AddStatsSubcommand(CLI::App& stats, CliContext& ctx, const std::shared_ptr<StatsFlags>& flags,
                             const char* name, const char* help, Runner runner) {
  CLI::App* cmd = AddCommand(stats, ctx, flags, name, help, runner);
  AddJsonFlag(*cmd, ctx);
  return cmd;
}

void AddGroups(CLI::App& cmd, app::TwoGroupsRequest& groups, const char* form) {
  cmd.add_option("--a", groups.a, fmt::format("Group A (the baseline or control) as {}", form))->required();
  cmd.add_option("--b", groups.b, fmt::format("Group B (the change) as {}", form))->required();
}

void AddAnomalies(CLI::App& stats, CliContext& ctx, const std::shared_ptr<StatsFlags>& f) {
  CLI::App* anomalies = AddStatsSubcommand(stats, ctx, f, "anomalies",
                                           "Anomalies in a series read from stdin, one number per line", RunAnomalies);
  AnomalyOptions& options = f->anomalies.options;
  anomalies->add_option("--period", options.period, "Points per seasonal cycle (7 for daily data)")->required();
  anomalies->add_option("--alpha", options.alpha, "Significance level")->capture_default_str();
  anomalies->add_option("--max-anoms", options.max_anoms, "Largest share of points reported")->capture_default_str();
  anomalies->add_option("--direction", f->anomalies.direction, "both, pos (spikes) or neg (dips)")
      ->check(CLI::IsMember({"both", "pos", "neg"}))
      ->capture_default_str();
}

void AddPower(CLI::App& stats, CliContext& ctx, const std::shared_ptr<StatsFlags>& f) {
  CLI::App* power =
      AddStatsSubcommand(stats, ctx, f, "power", "Days a plan must run to detect a change in a metric", RunPower);
  app::PowerRequest& p = f->power;
  app::MetricPowerRequest& m = f->metric_power;
  CLI::Option* metric = power->add_option("--metric", m.metric, "A workspace metric: read its recent history");
  power->add_option("--history-days", m.history_days, "With --metric: days of history to judge from")
      ->capture_default_str();
  power->add_option("--today", m.today, "With --metric: the history ends on this day")->capture_default_str();
  power->add_option("--mean", p.mean, "The metric's baseline daily mean")->excludes(metric);
  power->add_option("--dispersion", p.dispersion, "Variance / mean of the daily values (1: Poisson)")
      ->capture_default_str();
  power->add_option("--lift", p.lift_percent, "Change to detect, in percent (10 or -20)")->required();
  power->add_option("--baseline-days", p.baseline_days, "Baseline length (0: as long as the plan)")
      ->capture_default_str();
  power->add_option("--alpha", p.alpha, "Two-sided significance level")->capture_default_str();
  power->add_option("--power", p.power, "Chance of detecting a real change")->capture_default_str();
}

void RegisterStats(CLI::App& app, CliContext& ctx) {
  auto f = std::make_shared<StatsFlags>();
  CLI::App* stats = app.add_subcommand(
      "stats", "Statistics for analysts: compare two groups, find anomalies in a series, plan a test's length");
  stats->require_subcommand(1);
  CLI::App* rate = AddStatsSubcommand(*stats, ctx, f, "rate-test", "Exact test of rate B / rate A", RunRateTest);
  AddGroups(*rate, f->rate, "COUNT:EXPOSURE");
  rate->add_option("--alternative", f->rate.alternative, "two-sided, greater (B above A) or less")
      ->check(CLI::IsMember({"two-sided", "greater", "less"}))
      ->capture_default_str();
  CLI::App* beta =
      AddStatsSubcommand(*stats, ctx, f, "beta-ab", "Chance that proportion B beats A (Bayesian)", RunBetaAb);
  AddGroups(*beta, f->bayes, "SUCCESSES/TRIALS");
  beta->add_option("--prior", f->bayes.prior, "Beta prior A,B (default 1,1: uniform)");
  CLI::App* gamma = AddStatsSubcommand(*stats, ctx, f, "gamma-ab", "Chance that rate B beats A (Bayesian)", RunGammaAb);
  AddGroups(*gamma, f->bayes, "COUNT:EXPOSURE");
  gamma->add_option("--prior", f->bayes.prior, "Gamma prior SHAPE,RATE (default 1,0: flat)");
  CLI::App* mean = AddStatsSubcommand(*stats, ctx, f, "mean-test", "Welch t-test of mean B - mean A", RunMeanTest);
  AddGroups(*mean, f->mean, "SUM:SUMSQ:N");
  mean->add_flag("--relative", f->mean.relative, "Report the lift mean B / mean A - 1 instead of the difference");
  AddAnomalies(*stats, ctx, f);
  AddPower(*stats, ctx, f);
}

const CommandRegistrar kRegistrar(60, RegisterStats);

}  // namespace
}  // namespace learnloop::cli
