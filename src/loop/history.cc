#include "loop/history.h"

#include <fmt/format.h>

#include <map>

#include "loop/names.h"

namespace learnloop::loop {
namespace {

std::string DayText(std::optional<Day> day) { return day ? FormatDate(*day) : std::string(); }
std::string IdText(std::optional<int64_t> id) { return id ? std::to_string(*id) : std::string(); }

}  // namespace

Fields FieldsOf(const Goal& goal) {
  return {{"title", goal.title},
          {"metric", goal.metric},
          {"target_kind", std::string(TargetKindName(goal.target_kind))},
          {"target", fmt::format("{}", goal.target)},
          {"start", FormatDate(goal.start)},
          {"deadline", FormatDate(goal.deadline)},
          {"parent_id", IdText(goal.parent_id)},
          {"owner", goal.owner}};
}

Fields FieldsOf(const Plan& plan) {
  return {
      {"title", plan.title},
      {"goal_id", std::to_string(plan.goal_id)},
      {"hypothesis", plan.hypothesis},
      {"step", plan.step_from == plan.step_to ? plan.step_to : plan.step_from + " -> " + plan.step_to},
      {"metric", plan.metric},
      {"guardrails", JoinList(plan.guardrails)},
      {"variants", JoinList(plan.variants)},
      {"timebox_days", std::to_string(plan.timebox_days)},
      {"long_reason", plan.long_reason},
      {"start", DayText(plan.start)},
      {"baseline_from", DayText(plan.baseline_from)},
      {"baseline_to", DayText(plan.baseline_to)},
      {"effort", std::string(EffortName(plan.effort))},
      {"expected_lift", fmt::format("{}", plan.expected_lift)},
      {"owner", plan.owner},
      {"tactic", plan.tactic},
      {"state", std::string(PlanStateName(plan.state))},
      {"parent_id", IdText(plan.parent_id)},
      {"loop_number", std::to_string(plan.loop_number)},
      {"verdict", plan.verdict == ReviewVerdict::kNone ? std::string() : std::string(ReviewVerdictName(plan.verdict))},
      {"reviewed_on", DayText(plan.reviewed_on)},
      {"decision", plan.decision == Decision::kNone ? std::string() : std::string(DecisionName(plan.decision))},
      {"decision_reason", plan.decision_reason},
      {"decided_on", DayText(plan.decided_on)}};
}

Fields FieldsOf(const CheckIn& note) {
  return {{"plan_id", std::to_string(note.plan_id)},
          {"day", FormatDate(note.day)},
          {"done", note.done},
          {"next", note.next},
          {"blocked", note.blocked}};
}

Fields FieldsOf(const Reflection& reflection) {
  return {{"expected", reflection.expected},
          {"happened", reflection.happened},
          {"why", reflection.why},
          {"learned", reflection.learned},
          {"tags", JoinList(reflection.tags)}};
}

Status RecordChanges(LoopStore& store, std::string_view object_type, int64_t object_id,
                     const std::optional<Fields>& before, const Fields& after, const LoopOptions& by) {
  std::map<std::string, std::string> old_values;
  if (before) old_values.insert(before->begin(), before->end());
  for (const auto& [field, value] : after) {
    const std::string& old_value = old_values[field];
    if (old_value == value) continue;
    LL_RETURN_IF_ERROR(
        store.AddHistory({std::string(object_type), object_id, field, old_value, value, by.actor, by.now}));
  }
  return Status::Ok();
}

Status RecordDeletion(LoopStore& store, std::string_view object_type, int64_t object_id, std::string_view title,
                      const LoopOptions& by) {
  return store.AddHistory({std::string(object_type), object_id, "deleted", std::string(title), "", by.actor, by.now});
}

}  // namespace learnloop::loop
