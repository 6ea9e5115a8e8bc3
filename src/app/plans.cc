#include "learnloop/app/plans.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <utility>

#include "learnloop/app/input.h"
#include "learnloop/metric_evaluation.h"

namespace learnloop::app {
namespace {

Result<std::optional<Day>> OptionalDay(std::string_view field, const std::string& text, Day today) {
  if (text.empty()) return std::optional<Day>();
  LL_ASSIGN_OR_RETURN(Day day, ParseDay(field, text, today));
  return std::optional<Day>(day);
}

// A new plan starts from the tactic's suggestions; the fields then
// override them.
Status ApplyTactic(LearningLoop& loop, const std::string& name, Plan& plan) {
  LL_ASSIGN_OR_RETURN(auto tactics, loop.Tactics());
  auto it = std::find_if(tactics.begin(), tactics.end(), [&](const Tactic& t) { return t.name == name; });
  if (it == tactics.end()) {
    std::vector<std::string> names;
    names.reserve(tactics.size());
    for (const Tactic& t : tactics) names.push_back(t.name);
    return NotFound(fmt::format("there is no tactic '{}' in {}; the tactics are: {}", name, kTacticsFileName,
                                fmt::join(names, ", ")));
  }
  plan.title = it->title;
  plan.hypothesis = it->hypothesis;
  plan.metric = it->metric;
  plan.step_from = it->step;
  plan.timebox_days = it->timebox_days;
  plan.effort = it->effort;
  plan.tactic = it->name;
  return Status::Ok();
}

// Only the days given change; `end` sets the timebox from the start.
Status ApplyDays(const PlanFields& fields, Day today, Plan& plan) {
  LL_ASSIGN_OR_RETURN(auto start, OptionalDay("--start", fields.start, today));
  if (start) plan.start = start;
  LL_ASSIGN_OR_RETURN(auto end, OptionalDay("--end", fields.end, today));
  if (end) {
    const Day from = plan.start.value_or(today);
    if (*end < from)
      return InvalidArgument(fmt::format("--end {} is before the start {}", FormatDate(*end), FormatDate(from)));
    plan.timebox_days = *end - from + 1;
  }
  LL_ASSIGN_OR_RETURN(auto baseline_from, OptionalDay("--baseline-from", fields.baseline_from, today));
  LL_ASSIGN_OR_RETURN(auto baseline_to, OptionalDay("--baseline-to", fields.baseline_to, today));
  if (baseline_from) plan.baseline_from = baseline_from;
  if (baseline_to) plan.baseline_to = baseline_to;
  return Status::Ok();
}

Status ApplyFields(const PlanFields& fields, Day today, Plan& plan) {
  if (!fields.title.empty()) plan.title = fields.title;
  if (fields.goal_id) plan.goal_id = *fields.goal_id;
  if (!fields.hypothesis.empty()) plan.hypothesis = fields.hypothesis;
  if (!fields.metric.empty()) plan.metric = fields.metric;
  if (!fields.step.empty()) {
    plan.step_from = fields.step;
    plan.step_to.clear();
  }
  if (!fields.guardrails.empty()) plan.guardrails = fields.guardrails;
  if (!fields.variants.empty()) plan.variants = fields.variants;
  if (fields.timebox_days) plan.timebox_days = *fields.timebox_days;
  if (!fields.long_reason.empty()) plan.long_reason = fields.long_reason;
  if (!fields.effort.empty()) {
    LL_ASSIGN_OR_RETURN(plan.effort, ParseEffort(fields.effort));
  }
  if (fields.expected_lift) plan.expected_lift = *fields.expected_lift;
  if (!fields.owner.empty()) plan.owner = fields.owner;
  return ApplyDays(fields, today, plan);
}

// A timebox shorter than the metric needs to show the expected change
// cannot teach anything. No warning when the metrics do not load.
std::optional<PowerWarning> CheckPower(Workspace& ws, const Plan& plan, Day today) {
  auto metrics = ws.LoadMetrics();
  if (!metrics.ok()) return std::nullopt;
  auto days = DaysToDetectForPlan(plan, *metrics, today);
  PowerWarning warning{plan.metric, plan.expected_lift != 0 ? plan.expected_lift : 20, std::nullopt, ""};
  if (!days.ok()) {
    if (days.status().code() != StatusCode::kFailedPrecondition) return std::nullopt;
    warning.why = days.status().message();
    return warning;
  }
  if (*days <= plan.timebox_days) return std::nullopt;
  warning.days_needed = *days;
  return warning;
}

}  // namespace

Result<PlanAdded> AddPlan(Workspace& ws, const Caller& caller, const PlanRequest& request) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  Plan plan;
  if (!request.tactic.empty()) LL_RETURN_IF_ERROR(ApplyTactic(loop, request.tactic, plan));
  LL_RETURN_IF_ERROR(ApplyFields(request.fields, loop.options().today, plan));
  if (plan.owner.empty()) plan.owner = loop.options().actor;
  PlanAdded added;
  LL_ASSIGN_OR_RETURN(added.plan, loop.AddPlan(std::move(plan)));
  added.warning = CheckPower(ws, added.plan, loop.options().today);
  return added;
}

Result<Plan> EditPlan(Workspace& ws, const Caller& caller, int64_t id, const PlanFields& fields) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Plan plan, loop.GetPlan(id));
  LL_RETURN_IF_ERROR(ApplyFields(fields, loop.options().today, plan));
  return loop.EditPlan(std::move(plan));
}

Result<Deleted> DeletePlan(Workspace& ws, const Caller& caller, int64_t id) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Plan plan, loop.GetPlan(id));
  LL_RETURN_IF_ERROR(loop.DeletePlan(id));
  return Deleted{id, plan.title};
}

Result<Plan> NextPlan(Workspace& ws, const Caller& caller, int64_t id, const PlanFields& changes) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Plan next, loop.NextPlan(id));
  Plan changed = next;
  LL_RETURN_IF_ERROR(ApplyFields(changes, loop.options().today, changed));
  // Changes equal to what the plan holds are no change, and no history.
  if (json::ToJson(changed) == json::ToJson(next)) return next;
  return loop.EditPlan(std::move(changed));
}

Result<PlanDetail> ShowPlan(Workspace& ws, const Caller& caller, int64_t id) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  PlanDetail detail;
  LL_ASSIGN_OR_RETURN(detail.plan, loop.GetPlan(id));
  LL_ASSIGN_OR_RETURN(detail.lineage, loop.Lineage(id));
  LL_ASSIGN_OR_RETURN(detail.checkins, loop.CheckIns(id));
  LL_ASSIGN_OR_RETURN(std::vector<Reflection> reflections, loop.Reflections());
  LL_ASSIGN_OR_RETURN(detail.history, loop.History("plan", id));
  for (Reflection& r : reflections)
    if (r.plan_id == id) detail.reflection = std::move(r);
  return detail;
}

Result<PlanList> ListPlans(Workspace& ws, const Caller& caller) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  PlanList list;
  LL_ASSIGN_OR_RETURN(list.plans, loop.Plans());
  return list;
}

}  // namespace learnloop::app
