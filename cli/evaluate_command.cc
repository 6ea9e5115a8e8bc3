// `learnloop evaluate`: did a change work? Reads a metric over a baseline
// and a window (a plan's timebox) and prints the verdict in plain words;
// --details shows the statistics, --json everything with stable keys.
#include <fmt/format.h>

#include "loop_cli.h"
#include "person_group.h"

namespace learnloop::cli {
namespace {

struct EvaluateFlags {
  LoopFlags loop;
  std::string plan;
  app::EvaluationRequest request;
  bool details = false;
};

std::string Ratio(double low, double high) {
  return fmt::format("{:+.1f}% to {:+.1f}%", 100 * (low - 1), 100 * (high - 1));
}

std::string DetailsText(const Evaluation& e) {
  const EvaluationDetails& d = e.details;
  std::vector<std::vector<std::string>> rows = {
      {"", "value"},
      {"change (window / baseline)", fmt::format("{:+.1f}%", e.percent_change)},
      {"95% interval, fixed end", Ratio(e.ci_low, e.ci_high)},
      {"95% interval, valid for daily looks", Ratio(e.always_valid_low, e.always_valid_high)},
      {"chance the change is positive", fmt::format("{:.1f}%", 100 * e.prob_positive)},
      {"chance it reaches the expected lift", fmt::format("{:.1f}%", 100 * e.prob_reaches_expected)},
      {"difference per day", fmt::format("{:+.2f}", e.abs_diff_per_day)},
      {"per day: baseline / window", fmt::format("{:.2f} / {:.2f}", d.baseline_per_day, d.window_per_day)},
      {"days used: baseline / window", fmt::format("{} / {}", d.baseline_days, d.window_days)},
      {"model", d.model},
      {"dispersion (variance / mean)", fmt::format("{:.2f}", d.dispersion)},
      {"degrees of freedom", fmt::format("{:.1f}", d.df)}};
  for (const GuardrailReading& g : e.guardrails)
    rows.push_back({"guardrail " + g.name,
                    fmt::format("{:+.1f}% ({}){}", 100 * (g.ratio - 1), Ratio(g.always_valid_low, g.always_valid_high),
                                g.breached ? " BREACHED" : "")});
  std::string text = "\n" + FormatTable(rows);
  for (const std::string& note : d.notes) text += "note: " + note + "\n";
  return text;
}

void PrintEvaluation(const CliContext& ctx, const app::EvaluationReport& report, bool details) {
  const Evaluation& e = report.evaluation;
  const PeriodEvaluationRequest& r = report.request;
  std::ostream& out = *ctx.out;
  if (!report.group.empty()) out << fmt::format("People with {}\n", GroupText(report.group));
  out << fmt::format("{} ({}, window {}..{} vs baseline {}..{})\n", e.headline,
                     report.final() ? "final reading" : "interim reading", FormatDate(r.window_from),
                     FormatDate(r.window_to), FormatDate(r.baseline_from), FormatDate(r.baseline_to))
      << e.explanation << "\n";
  if (report.variants.comparison) out << report.variants.comparison->headline << "\n";
  if (!report.variants.why_not.empty()) out << "Variants not compared: " << report.variants.why_not << "\n";
  if (details) out << DetailsText(e);
}

Status RunEvaluate(CliContext& ctx, EvaluateFlags& flags) {
  if (!flags.plan.empty()) {
    LL_ASSIGN_OR_RETURN(flags.request.plan_id, ParseId("PLAN", flags.plan));
  }
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::EvaluationReport report, app::Evaluate(call.ws, call.caller, flags.request));
  return PrintResult(ctx, report, [&flags](const CliContext& c, const app::EvaluationReport& r) {
    PrintEvaluation(c, r, flags.details);
  });
}

void RegisterEvaluate(CLI::App& app, CliContext& ctx) {
  auto f = std::make_shared<EvaluateFlags>();
  app::EvaluationRequest& r = f->request;
  CLI::App* cmd = AddCommand(app, ctx, f, "evaluate",
                             "Did it work? Compare a plan's metric over its days with its baseline, honestly,\n"
                             "even if you look every day; or any metric over any window (--metric, --window)",
                             RunEvaluate);
  cmd->add_option("plan", f->plan, "A plan's number (see `learnloop plans`)");
  cmd->add_option("--metric", r.metric, "The metric to judge (see `learnloop metric list`)");
  cmd->add_option("--window", r.window, "The days to judge, FROM..TO (e.g. 2024-05-15..2024-05-28)");
  cmd->add_option("--baseline", r.baseline, "Days to compare with, FROM..TO (default: as many days just before)");
  cmd->add_option("--compare", r.compare, "A metric the plan did not touch, to subtract what changed anyway");
  cmd->add_option("--guardrail", r.guardrails, "A metric that must not rise by more than 20% (repeatable)");
  cmd->add_option("--variant", r.variants, "A content tag of an A/B test; give two (A first, then B)");
  cmd->add_option("--expected-lift", r.expected_lift_percent, "The change you hoped for, in percent")
      ->capture_default_str();
  cmd->add_flag("--lower-is-better", r.lower_is_better, "A fall is the good outcome (e.g. unsubscribes)");
  cmd->add_flag("--details", f->details, "Show the statistics behind the verdict");
  AddPersonOption(*cmd, r.person);
  AddLoopFlags(*cmd, f->loop, ctx);
}

const CommandRegistrar kRegistrar(55, RegisterEvaluate);

}  // namespace
}  // namespace learnloop::cli
