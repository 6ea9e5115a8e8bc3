// `learnloop evaluate`: did a change work? Reads a metric over a baseline
// and a window (a plan's timebox) and prints the verdict in plain words;
// --details shows the statistics, --json everything with stable keys.
#include <fmt/format.h>

#include <algorithm>

#include "cli_context.h"
#include "learnloop/metric_evaluation.h"
#include "loop_cli.h"
#include "person_group.h"

namespace learnloop::cli {
namespace {

using Json = nlohmann::ordered_json;

struct EvaluateFlags {
  std::string plan;
  std::string metric;
  std::string baseline;
  std::string window;
  std::string compare;
  std::vector<std::string> guardrails;
  std::vector<std::string> variants;
  double expected_lift_percent = 20;
  bool lower_is_better = false;
  bool details = false;
  std::string today = "today";
  std::vector<std::string> person;  // --person: judge the metric for one group
};

// "D1..D2", each part a date, today or today-N.
Result<std::pair<Day, Day>> ParseRange(std::string_view flag, const std::string& text, Day today) {
  size_t dots = text.find("..");
  if (dots == std::string::npos)
    return InvalidArgument(fmt::format("{} '{}': expected FROM..TO like 2024-05-01..2024-05-14", flag, text));
  LL_ASSIGN_OR_RETURN(Day from, ParseDayFlag(flag, text.substr(0, dots), today));
  LL_ASSIGN_OR_RETURN(Day to, ParseDayFlag(flag, text.substr(dots + 2), today));
  return std::pair<Day, Day>{from, to};
}

// The plan form: everything comes from the stored plan.
Result<PeriodEvaluationRequest> PlanRequest(Workspace& ws, const Metrics& metrics, const EvaluateFlags& f, Day today,
                                            std::vector<std::string>* variants) {
  if (!f.metric.empty() || !f.window.empty() || !f.baseline.empty())
    return InvalidArgument("give either a PLAN or --metric/--window/--baseline, not both");
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("PLAN", f.plan));
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop("", today));
  LL_ASSIGN_OR_RETURN(Plan plan, loop.GetPlan(id));
  *variants = plan.variants;
  return RequestForPlan(plan, metrics, today);
}

Result<PeriodEvaluationRequest> BuildRequest(const EvaluateFlags& f, Day today) {
  if (f.metric.empty() || f.window.empty())
    return InvalidArgument("give a PLAN, or --metric NAME and --window FROM..TO (see --help)");
  PeriodEvaluationRequest r;
  r.metric = f.metric;
  r.today = today;
  LL_ASSIGN_OR_RETURN(auto window, ParseRange("--window", f.window, today));
  r.window_from = window.first;
  r.window_to = window.second;
  if (f.baseline.empty()) {
    // The same number of days just before the window.
    r.baseline_to = r.window_from - 1;
    r.baseline_from = r.baseline_to - (r.window_to - r.window_from);
  } else {
    LL_ASSIGN_OR_RETURN(auto baseline, ParseRange("--baseline", f.baseline, today));
    r.baseline_from = baseline.first;
    r.baseline_to = baseline.second;
  }
  if (!f.compare.empty()) r.compare = f.compare;
  r.guardrails = f.guardrails;
  r.expected_lift = f.expected_lift_percent / 100;
  r.higher_is_better = !f.lower_is_better;
  return r;
}

Json IntervalJson(double low, double high) { return Json::array({low, high}); }

Json EvaluationJson(const Evaluation& e, const PeriodEvaluationRequest& r) {
  Json guardrails = Json::array();
  for (const GuardrailReading& g : e.guardrails)
    guardrails.push_back({{"name", g.name},
                          {"breached", g.breached},
                          {"ratio", g.ratio},
                          {"always_valid_interval", IntervalJson(g.always_valid_low, g.always_valid_high)}});
  const EvaluationDetails& d = e.details;
  Json more = e.more_days_needed ? Json(*e.more_days_needed) : Json(nullptr);
  return {{"metric", r.metric},
          {"baseline", {FormatDate(r.baseline_from), FormatDate(r.baseline_to)}},
          {"window", {FormatDate(r.window_from), FormatDate(r.window_to)}},
          {"final", r.today >= r.window_to},
          {"verdict", EvaluationVerdictName(e.verdict)},
          {"headline", e.headline},
          {"explanation", e.explanation},
          {"ratio", e.ratio},
          {"percent_change", e.percent_change},
          {"ci", IntervalJson(e.ci_low, e.ci_high)},
          {"always_valid_interval", IntervalJson(e.always_valid_low, e.always_valid_high)},
          {"prob_positive", e.prob_positive},
          {"prob_reaches_expected", e.prob_reaches_expected},
          {"abs_diff_per_day", e.abs_diff_per_day},
          {"more_days_needed", more},
          {"guardrails", guardrails},
          {"details",
           {{"model", d.model},
            {"log_effect", d.log_effect},
            {"log_effect_se", d.log_effect_se},
            {"df", d.df},
            {"dispersion", d.dispersion},
            {"weekday_terms", d.weekday_terms},
            {"baseline_days", d.baseline_days},
            {"window_days", d.window_days},
            {"days_left_out", d.days_left_out},
            {"baseline_per_day", d.baseline_per_day},
            {"window_per_day", d.window_per_day},
            {"notes", d.notes}}}};
}

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

// A/B variants are read beside the main evaluation; a variant comparison
// that cannot be made is reported, not fatal.
struct VariantOutcome {
  std::optional<VariantComparison> comparison;
  std::string why_not;
};

VariantOutcome ReadVariants(const Metrics& metrics, const PeriodEvaluationRequest& r,
                            const std::vector<std::string>& variants) {
  if (variants.empty()) return {};
  if (variants.size() != 2)
    return {std::nullopt, fmt::format("variants are compared two at a time; this has {}", variants.size())};
  auto c = CompareVariants(metrics, r.metric, variants[0], variants[1], r.window_from, std::min(r.window_to, r.today));
  if (!c.ok()) return {std::nullopt, c.status().message()};
  return {std::move(c).value(), ""};
}

Json MeanJson(const std::optional<MeanTestResult>& m) {
  if (!m) return nullptr;
  return {{"effect", m->effect}, {"ci", IntervalJson(m->ci_low, m->ci_high)}, {"p_value", m->p_value}};
}

Json ConversionJson(const VariantComparison& c) {
  Json out = {{"a", {{"acted", c.converted_a.successes}, {"reached", c.converted_a.trials}}},
              {"b", {{"acted", c.converted_b.successes}, {"reached", c.converted_b.trials}}}};
  out["prob_b_beats_a"] = c.conversion ? Json(c.conversion->prob_b_beats_a) : Json(nullptr);
  return out;
}

Json VariantsJson(const VariantOutcome& v) {
  if (!v.comparison) return v.why_not.empty() ? Json(nullptr) : Json({{"why_not", v.why_not}});
  const VariantComparison& c = *v.comparison;
  auto side = [](const VariantReading& r) {
    return Json{{"tag", r.tag}, {"total", r.total}, {"exposure", r.exposure}};
  };
  return {{"a", side(c.a)},
          {"b", side(c.b)},
          {"rate_ratio", c.rate.rate_ratio},
          {"ci", IntervalJson(c.rate.ci_low, c.rate.ci_high)},
          {"p_value", c.rate.p_value},
          {"prob_b_beats_a", c.bayes.prob_b_beats_a},
          {"expected_loss_a", c.bayes.expected_loss_a},
          {"expected_loss_b", c.bayes.expected_loss_b},
          {"conversion", ConversionJson(c)},
          {"amount_difference", MeanJson(c.amount_difference)},
          {"amount_lift", MeanJson(c.amount_lift)},
          {"headline", c.headline}};
}

int RunEvaluate(CliContext& ctx, const EvaluateFlags& f) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto today = ParseDayFlag("--today", f.today, ws->Today());
  if (!today.ok()) return Fail(ctx, today.status());
  auto group = ParseGroup(f.person);
  if (!group.ok()) return Fail(ctx, group.status());
  if (!group->empty() && !f.plan.empty())
    return Fail(ctx, InvalidArgument("--person reads an ad hoc evaluation (--metric, --window) for one group; a plan "
                                     "is judged on everyone it reached"));
  auto metrics = ws->LoadMetrics(*group);
  if (!metrics.ok()) return Fail(ctx, metrics.status());
  std::vector<std::string> variants = f.variants;
  auto request = f.plan.empty() ? BuildRequest(f, *today) : PlanRequest(*ws, *metrics, f, *today, &variants);
  if (!request.ok()) return Fail(ctx, request.status());
  auto e = EvaluateMetricPeriods(*metrics, *request);
  if (!e.ok()) return Fail(ctx, e.status());
  VariantOutcome variant = ReadVariants(*metrics, *request, variants);
  if (ctx.json) {
    Json doc = EvaluationJson(*e, *request);
    doc["variants"] = VariantsJson(variant);
    if (!group->empty()) doc["group"] = GroupJson(*group);
    PrintJson(ctx, doc);
    return 0;
  }
  const bool final = request->today >= request->window_to;
  if (!group->empty()) *ctx.out << fmt::format("People with {}\n", GroupText(*group));
  *ctx.out << fmt::format("{} ({}, window {}..{} vs baseline {}..{})\n", e->headline,
                          final ? "final reading" : "interim reading", FormatDate(request->window_from),
                          FormatDate(request->window_to), FormatDate(request->baseline_from),
                          FormatDate(request->baseline_to))
           << e->explanation << "\n";
  if (variant.comparison) *ctx.out << variant.comparison->headline << "\n";
  if (!variant.why_not.empty()) *ctx.out << "Variants not compared: " << variant.why_not << "\n";
  if (f.details) *ctx.out << DetailsText(*e);
  return 0;
}

void RegisterEvaluate(CLI::App& app, CliContext& ctx) {
  auto f = std::make_shared<EvaluateFlags>();
  CLI::App* cmd = app.add_subcommand("evaluate",
                                     "Did it work? Compare a plan's metric over its days with its baseline, honestly,\n"
                                     "even if you look every day; or any metric over any window (--metric, --window)");
  cmd->add_option("plan", f->plan, "A plan's number (see `learnloop plans`)");
  cmd->add_option("--metric", f->metric, "The metric to judge (see `learnloop metric list`)");
  cmd->add_option("--window", f->window, "The days to judge, FROM..TO (e.g. 2024-05-15..2024-05-28)");
  cmd->add_option("--baseline", f->baseline, "Days to compare with, FROM..TO (default: as many days just before)");
  cmd->add_option("--compare", f->compare, "A metric the plan did not touch, to subtract what changed anyway");
  cmd->add_option("--guardrail", f->guardrails, "A metric that must not rise by more than 20% (repeatable)");
  cmd->add_option("--variant", f->variants, "A content tag of an A/B test; give two (A first, then B)");
  cmd->add_option("--expected-lift", f->expected_lift_percent, "The change you hoped for, in percent")
      ->capture_default_str();
  cmd->add_flag("--lower-is-better", f->lower_is_better, "A fall is the good outcome (e.g. unsubscribes)");
  cmd->add_flag("--details", f->details, "Show the statistics behind the verdict");
  AddPersonOption(*cmd, f->person);
  cmd->add_option("--today", f->today, "Read the data as of this day (for replays and tests)")->capture_default_str();
  AddJsonFlag(*cmd, ctx);
  cmd->callback([&ctx, f] { ctx.run = [&ctx, f] { return RunEvaluate(ctx, *f); }; });
}

const CommandRegistrar kRegistrar(55, RegisterEvaluate);

}  // namespace
}  // namespace learnloop::cli
