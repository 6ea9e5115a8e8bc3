#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "learnloop/loop.h"
#include "loop/history.h"
#include "loop/loop_store.h"
#include "loop/names.h"
#include "loop/validate.h"

namespace learnloop {
namespace {

constexpr int32_t kMaxTimeboxDays = 90;

Status NeverStarted(const Plan& plan, std::string_view action) {
  return FailedPrecondition(
      fmt::format("plan {} ({}) was never started, so there is nothing to {} yet; start it "
                  "with `learnloop plan start {}`",
                  plan.id, PlanStateName(plan.state), action, plan.id));
}

Status StillRunning(const Plan& plan, std::string_view action) {
  return FailedPrecondition(
      fmt::format("plan {} is still running until {}; review it first with `learnloop plan "
                  "review {} --verdict win|loss|inconclusive`, then {}",
                  plan.id, FormatDate(plan.end()), plan.id, action));
}

bool HasStarted(const Plan& plan) { return plan.state != PlanState::kIdea && plan.state != PlanState::kPlanned; }

// "Reply week (loop 2)" -> "Reply week".
std::string BaseTitle(const std::string& title) {
  const size_t suffix = title.rfind(" (loop ");
  if (suffix == std::string::npos || title.back() != ')') return title;
  return title.substr(0, suffix);
}

}  // namespace

Status LearningLoop::SavePlan(const std::optional<Plan>& before, Plan& after, const LoopOptions& by) {
  return Write([&]() -> Status {
    LL_ASSIGN_OR_RETURN(after.id, store_->SavePlan(after));
    std::optional<loop::Fields> old_fields;
    if (before) old_fields = loop::FieldsOf(*before);
    return loop::RecordChanges(*store_, "plan", after.id, old_fields, loop::FieldsOf(after), by);
  });
}

Status LearningLoop::CheckPlanFields(Plan& plan) {
  plan.title = loop::Trim(plan.title);
  if (plan.title.empty()) return InvalidArgument("a plan needs a title, e.g. \"A week of replying to every comment\"");
  if (plan.goal_id == 0)
    return InvalidArgument(
        "a plan must serve a goal, so that short plans are not random: give --goal ID (see `learnloop goal list`, "
        "or add one with `learnloop goal add`)");
  LL_ASSIGN_OR_RETURN(Goal goal, GetGoal(plan.goal_id));
  LL_RETURN_IF_ERROR(loop::CheckHypothesis(plan.hypothesis));
  plan.metric = loop::Trim(plan.metric);
  if (plan.metric.empty())
    return InvalidArgument(
        "a plan needs a primary metric, e.g. --metric rung:relationship or a metric of metrics.toml");
  LL_RETURN_IF_ERROR(CheckMetric(plan.metric));
  for (const std::string& guardrail : plan.guardrails)
    LL_RETURN_IF_ERROR(CheckMetric(guardrail).WithContext("guardrail"));
  std::string step = plan.step_to.empty() ? plan.step_from : plan.step_from + " -> " + plan.step_to;
  if (loop::Trim(step).empty()) {
    // The step follows the metric (or the goal's metric) when it names a rung.
    std::string rung = loop::RungOfMetric(plan.metric);
    if (rung.empty()) rung = loop::RungOfMetric(goal.metric);
    if (rung.empty())
      return InvalidArgument(
          "which ladder step does the plan aim to move? give --step, e.g. 'engagement -> "
          "relationship', since neither its metric nor its goal names a rung");
    auto at = std::find(config_.rung_names.begin(), config_.rung_names.end(), rung);
    step = at + 1 == config_.rung_names.end() ? rung : *(at + 1) + " -> " + rung;
  }
  LL_ASSIGN_OR_RETURN(auto parsed_step, loop::ParseLadderStep(step, config_.rung_names));
  std::tie(plan.step_from, plan.step_to) = parsed_step;
  if (plan.timebox_days < 1 || plan.timebox_days > kMaxTimeboxDays)
    return InvalidArgument(fmt::format("the timebox must be 1 to {} days, not {}", kMaxTimeboxDays, plan.timebox_days));
  plan.long_reason = loop::Trim(plan.long_reason);
  if (plan.timebox_days > kMaxShortTimeboxDays && plan.long_reason.empty())
    return InvalidArgument(
        fmt::format("a timebox of {} days is longer than {}: micro-plans stay short so the loop "
                    "keeps learning; split it, or give --long REASON to say why it needs more",
                    plan.timebox_days, kMaxShortTimeboxDays));
  if (!std::isfinite(plan.expected_lift) || plan.expected_lift < 0 || plan.expected_lift > 1000)
    return InvalidArgument("the expected lift is a percentage from 0 to 1000");
  if (plan.baseline_from.has_value() != plan.baseline_to.has_value())
    return InvalidArgument("give both ends of the baseline period, or neither for the default");
  if (plan.baseline_from && *plan.baseline_from > *plan.baseline_to)
    return InvalidArgument("the baseline period ends before it begins");
  if (plan.start && plan.baseline_to && *plan.baseline_to >= *plan.start)
    return InvalidArgument("the baseline period must end before the plan starts");
  return Status::Ok();
}

Result<Plan> LearningLoop::AddPlan(Plan plan) {
  LL_RETURN_IF_ERROR(CheckPlanFields(plan));
  plan.id = 0;
  plan.state = plan.start ? PlanState::kPlanned : PlanState::kIdea;
  plan.created_on = options_.today;
  LL_RETURN_IF_ERROR(SavePlan(std::nullopt, plan, options_));
  return plan;
}

Result<Plan> LearningLoop::EditPlan(Plan plan) {
  LL_ASSIGN_OR_RETURN(Plan before, GetPlan(plan.id));
  if (HasStarted(before))
    return FailedPrecondition(
        fmt::format("plan {} has started ({}); what it tested stays as it was, so the "
                    "evaluation stays honest: change the next loop instead",
                    plan.id, PlanStateName(before.state)));
  LL_RETURN_IF_ERROR(CheckPlanFields(plan));
  plan.state = plan.start ? PlanState::kPlanned : PlanState::kIdea;
  plan.parent_id = before.parent_id;
  plan.next_id = before.next_id;
  plan.loop_number = before.loop_number;
  plan.created_on = before.created_on;
  LL_RETURN_IF_ERROR(SavePlan(before, plan, options_));
  return plan;
}

Status LearningLoop::DeletePlan(int64_t id) {
  return Write([&]() -> Status {
    LL_ASSIGN_OR_RETURN(Plan plan, GetPlan(id));
    if (HasStarted(plan))
      return FailedPrecondition(
          fmt::format("plan {} has started ({}); its run, check-ins and learnings stay on record: review it and decide "
                      "to abandon it instead",
                      id, PlanStateName(plan.state)));
    LL_RETURN_IF_ERROR(store_->DeletePlan(id));
    return loop::RecordDeletion(*store_, "plan", id, plan.title, options_);
  });
}

Result<Plan> LearningLoop::StartPlan(int64_t id, std::optional<Day> start) {
  // Counting the running plans and saving this one share one write
  // transaction, so two starts at once cannot both pass the limit.
  LL_RETURN_IF_ERROR(Write([&]() -> Status {
    LL_ASSIGN_OR_RETURN(Plan plan, GetPlan(id));
    if (HasStarted(plan))
      return FailedPrecondition(
          fmt::format("plan {} is already {} (started {})", id, PlanStateName(plan.state), FormatDate(*plan.start)));
    const Day day = start.value_or(plan.start.value_or(options_.today));
    if (day > options_.today)
      return InvalidArgument(
          fmt::format("a plan cannot start in the future ({}); to schedule it, keep it planned "
                      "and start it on the day",
                      FormatDate(day)));
    LL_ASSIGN_OR_RETURN(auto plans, Plans());
    const auto running =
        std::count_if(plans.begin(), plans.end(), [](const Plan& p) { return p.state == PlanState::kRunning; });
    if (running >= config_.wip_limit)
      return FailedPrecondition(
          fmt::format("{} plans are already running and the work-in-progress limit is {}: "
                      "finish one first (`learnloop plan review ID --verdict ...`), or raise "
                      "wip_limit in {}",
                      running, config_.wip_limit, kLoopConfigFileName));
    const Plan before = plan;
    plan.state = PlanState::kRunning;
    plan.start = day;
    if (plan.baseline_to && *plan.baseline_to >= day)
      return InvalidArgument("the baseline period must end before the plan starts");
    if (!plan.baseline_from) {
      plan.baseline_from = day - plan.timebox_days;
      plan.baseline_to = day - 1;
    }
    LL_RETURN_IF_ERROR(SavePlan(before, plan, options_));
    // A plan started on a past day may already be past its end.
    return ReviewOverduePlans();
  }));
  return GetPlan(id);
}

Result<CheckIn> LearningLoop::AddCheckIn(CheckIn note) {
  LL_ASSIGN_OR_RETURN(Plan plan, GetPlan(note.plan_id));
  if (!HasStarted(plan)) return NeverStarted(plan, "check in on");
  if (plan.state != PlanState::kRunning)
    return FailedPrecondition(
        fmt::format("plan {} is no longer running ({}); put what you learned in its "
                    "reflection: `learnloop plan reflect {}`",
                    plan.id, PlanStateName(plan.state), plan.id));
  if (note.day == 0) note.day = options_.today;
  if (note.day < *plan.start || note.day > options_.today)
    return InvalidArgument(fmt::format("a check-in day must fall between the plan's start {} and today {}",
                                       FormatDate(*plan.start), FormatDate(options_.today)));
  note.done = loop::Trim(note.done);
  note.next = loop::Trim(note.next);
  note.blocked = loop::Trim(note.blocked);
  if (note.done.empty() && note.next.empty() && note.blocked.empty())
    return InvalidArgument("a check-in needs at least one of --done, --next or --blocked");
  note.actor = options_.actor;
  LL_RETURN_IF_ERROR(Write([&]() -> Status {
    LL_ASSIGN_OR_RETURN(note.id, store_->AddCheckIn(note, options_.now));
    return loop::RecordChanges(*store_, "checkin", note.id, std::nullopt, loop::FieldsOf(note), options_);
  }));
  return note;
}

Result<Plan> LearningLoop::ReviewPlan(int64_t id, ReviewVerdict verdict) {
  LL_ASSIGN_OR_RETURN(Plan plan, GetPlan(id));
  if (!HasStarted(plan)) return NeverStarted(plan, "review");
  if (plan.state == PlanState::kDecided)
    return FailedPrecondition(fmt::format("plan {} is already decided ({} on {})", id, DecisionName(plan.decision),
                                          FormatDate(*plan.decided_on)));
  if (verdict == ReviewVerdict::kNone) return InvalidArgument("give a verdict: win, loss or inconclusive");
  const Plan before = plan;
  plan.state = PlanState::kReviewing;
  plan.verdict = verdict;
  plan.reviewed_on = options_.today;
  LL_RETURN_IF_ERROR(SavePlan(before, plan, options_));
  return plan;
}

Result<Reflection> LearningLoop::Reflect(Reflection reflection) {
  LL_ASSIGN_OR_RETURN(Plan plan, GetPlan(reflection.plan_id));
  if (!HasStarted(plan)) return NeverStarted(plan, "reflect on");
  if (plan.state == PlanState::kRunning) return StillRunning(plan, "reflect");
  reflection.learned = loop::Trim(reflection.learned);
  if (reflection.learned.empty())
    return InvalidArgument("a reflection needs --learned: what do we learn, for the next loop and for others?");
  reflection.day = options_.today;
  reflection.actor = options_.actor;
  LL_ASSIGN_OR_RETURN(auto all, store_->LoadReflections());
  std::optional<loop::Fields> before;
  for (const Reflection& r : all)
    if (r.plan_id == plan.id) before = loop::FieldsOf(r);
  LL_RETURN_IF_ERROR(Write([&]() -> Status {
    LL_RETURN_IF_ERROR(store_->SaveReflection(reflection, plan.title, options_.now));
    return loop::RecordChanges(*store_, "reflection", plan.id, before, loop::FieldsOf(reflection), options_);
  }));
  return reflection;
}

Plan LearningLoop::NextPlanFrom(const Plan& plan) const {
  Plan next = plan;
  next.id = 0;
  next.parent_id = plan.id;
  next.next_id.reset();
  next.loop_number = plan.loop_number + 1;
  next.title = fmt::format("{} (loop {})", BaseTitle(plan.title), next.loop_number);
  next.state = PlanState::kIdea;
  next.start.reset();
  next.baseline_from.reset();
  next.baseline_to.reset();
  next.verdict = ReviewVerdict::kNone;
  next.reviewed_on.reset();
  next.decision = Decision::kNone;
  next.decision_reason.clear();
  next.decided_on.reset();
  next.created_on = options_.today;
  return next;
}

Result<Plan> LearningLoop::DecidePlan(int64_t id, Decision decision, std::string reason) {
  LL_ASSIGN_OR_RETURN(Plan plan, GetPlan(id));
  if (!HasStarted(plan)) return NeverStarted(plan, "decide");
  if (plan.state == PlanState::kRunning) return StillRunning(plan, "decide");
  if (plan.state == PlanState::kDecided)
    return FailedPrecondition(fmt::format("plan {} is already decided ({} on {})", id, DecisionName(plan.decision),
                                          FormatDate(*plan.decided_on)));
  if (decision == Decision::kNone) return InvalidArgument("decide adopt, adapt, abandon or extend");
  reason = loop::Trim(reason);
  if (reason.empty()) return InvalidArgument("a decision needs --reason: why adopt, adapt, abandon or extend?");
  const Plan before = plan;
  plan.state = PlanState::kDecided;
  plan.decision = decision;
  plan.decision_reason = reason;
  plan.decided_on = options_.today;
  LL_RETURN_IF_ERROR(SavePlan(before, plan, options_));
  if (decision == Decision::kAdapt || decision == Decision::kExtend) {
    Plan next = NextPlanFrom(plan);
    LL_RETURN_IF_ERROR(SavePlan(std::nullopt, next, options_));
    plan.next_id = next.id;
  }
  return plan;
}

Result<Plan> LearningLoop::NextPlan(int64_t id) {
  LL_ASSIGN_OR_RETURN(Plan plan, GetPlan(id));
  if (plan.next_id) return GetPlan(*plan.next_id);
  if (plan.state != PlanState::kDecided)
    return FailedPrecondition(
        fmt::format("plan {} is {}; the next loop follows its decision: `learnloop plan decide "
                    "{} adopt|adapt|abandon|extend --reason ...`",
                    id, PlanStateName(plan.state), id));
  Plan next = NextPlanFrom(plan);
  LL_RETURN_IF_ERROR(SavePlan(std::nullopt, next, options_));
  return next;
}

}  // namespace learnloop
