#include "learnloop/app/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "learnloop/app/input.h"

namespace learnloop::app {
namespace {

struct Range {
  Day from = 0;
  Day to = 0;
};

// "FROM..TO", each part a day word of ParseDay.
Result<Range> ParseRange(std::string_view field, const std::string& text, Day today) {
  const size_t dots = text.find("..");
  if (dots == std::string::npos)
    return InvalidArgument(fmt::format("{} '{}': expected FROM..TO like 2024-05-01..2024-05-14", field, text));
  Range range;
  LL_ASSIGN_OR_RETURN(range.from, ParseDay(field, text.substr(0, dots), today));
  LL_ASSIGN_OR_RETURN(range.to, ParseDay(field, text.substr(dots + 2), today));
  return range;
}

// The plan form: everything comes from the stored plan.
Result<PeriodEvaluationRequest> PlanRequest(Workspace& ws, const Caller& caller, const Metrics& metrics,
                                            const EvaluationRequest& r, Day today, std::vector<std::string>* variants) {
  if (!r.metric.empty() || !r.window.empty() || !r.baseline.empty())
    return InvalidArgument("give either a PLAN or --metric/--window/--baseline, not both");
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, today));
  LL_ASSIGN_OR_RETURN(Plan plan, loop.GetPlan(*r.plan_id));
  *variants = plan.variants;
  return RequestForPlan(plan, metrics, today);
}

Result<PeriodEvaluationRequest> AdHocRequest(const EvaluationRequest& r, Day today) {
  if (r.metric.empty() || r.window.empty())
    return InvalidArgument("give a PLAN, or --metric NAME and --window FROM..TO (see --help)");
  PeriodEvaluationRequest p;
  p.metric = r.metric;
  p.today = today;
  LL_ASSIGN_OR_RETURN(Range window, ParseRange("--window", r.window, today));
  p.window_from = window.from;
  p.window_to = window.to;
  if (r.baseline.empty()) {
    // The same number of days just before the window.
    p.baseline_to = p.window_from - 1;
    p.baseline_from = p.baseline_to - (p.window_to - p.window_from);
  } else {
    LL_ASSIGN_OR_RETURN(Range baseline, ParseRange("--baseline", r.baseline, today));
    p.baseline_from = baseline.from;
    p.baseline_to = baseline.to;
  }
  if (!r.compare.empty()) p.compare = r.compare;
  p.guardrails = r.guardrails;
  p.expected_lift = r.expected_lift_percent / 100;
  p.higher_is_better = !r.lower_is_better;
  return p;
}

VariantOutcome ReadVariants(const Metrics& metrics, const PeriodEvaluationRequest& r,
                            const std::vector<std::string>& variants) {
  if (variants.empty()) return {};
  if (variants.size() != 2)
    return {std::nullopt, fmt::format("variants are compared two at a time; this has {}", variants.size())};
  auto c = CompareVariants(metrics, r.metric, variants[0], variants[1], r.window_from, std::min(r.window_to, r.today));
  if (!c.ok()) return {std::nullopt, c.status().message()};
  return {std::move(c).value(), ""};
}

}  // namespace

Result<EvaluationReport> Evaluate(Workspace& ws, const Caller& caller, const EvaluationRequest& request) {
  const Day today = caller.today.value_or(ws.Today());
  EvaluationReport report;
  LL_ASSIGN_OR_RETURN(report.group, ParseGroup(request.person));
  if (!report.group.empty() && request.plan_id)
    return InvalidArgument(
        "--person reads an ad hoc evaluation (--metric, --window) for one group; a plan is judged on everyone it "
        "reached");
  LL_ASSIGN_OR_RETURN(Metrics metrics, ws.LoadMetrics(report.group));
  std::vector<std::string> variants = request.variants;
  LL_ASSIGN_OR_RETURN(report.request, request.plan_id ? PlanRequest(ws, caller, metrics, request, today, &variants)
                                                      : AdHocRequest(request, today));
  LL_ASSIGN_OR_RETURN(report.evaluation, EvaluateMetricPeriods(metrics, report.request));
  report.variants = ReadVariants(metrics, report.request, variants);
  return report;
}

}  // namespace learnloop::app
