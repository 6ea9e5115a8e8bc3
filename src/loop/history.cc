#include "loop/history.h"

#include <fmt/format.h>

#include <map>

#include "loop/names.h"

namespace learnloop::loop {
namespace {

std::string DayText(std::optional<Day> day) { return day ? FormatDate(*day) : std::string(); }
std::string IdText(std::optional<int64_t> id) { return id ? std::to_string(*id) : std::string(); }

}  // namespace

Fields FieldsOf(const Goal& g) {
  return {{"title", g.title},
          {"metric", g.metric},
          {"target_kind", std::string(TargetKindName(g.target_kind))},
          {"target", fmt::format("{}", g.target)},
          {"start", FormatDate(g.start)},
          {"deadline", FormatDate(g.deadline)},
          {"parent_id", IdText(g.parent_id)},
          {"owner", g.owner}};
}

Fields FieldsOf(const Plan& p) {
  return {{"title", p.title},
          {"goal_id", std::to_string(p.goal_id)},
          {"hypothesis", p.hypothesis},
          {"step", p.step_from == p.step_to ? p.step_to : p.step_from + " -> " + p.step_to},
          {"metric", p.metric},
          {"guardrails", JoinList(p.guardrails)},
          {"variants", JoinList(p.variants)},
          {"timebox_days", std::to_string(p.timebox_days)},
          {"long_reason", p.long_reason},
          {"start", DayText(p.start)},
          {"baseline_from", DayText(p.baseline_from)},
          {"baseline_to", DayText(p.baseline_to)},
          {"effort", std::string(EffortName(p.effort))},
          {"expected_lift", fmt::format("{}", p.expected_lift)},
          {"owner", p.owner},
          {"tactic", p.tactic},
          {"state", std::string(PlanStateName(p.state))},
          {"parent_id", IdText(p.parent_id)},
          {"loop_number", std::to_string(p.loop_number)},
          {"verdict", p.verdict == ReviewVerdict::kNone ? std::string() : std::string(ReviewVerdictName(p.verdict))},
          {"reviewed_on", DayText(p.reviewed_on)},
          {"decision", p.decision == Decision::kNone ? std::string() : std::string(DecisionName(p.decision))},
          {"decision_reason", p.decision_reason},
          {"decided_on", DayText(p.decided_on)}};
}

Fields FieldsOf(const CheckIn& c) {
  return {{"plan_id", std::to_string(c.plan_id)},
          {"day", FormatDate(c.day)},
          {"done", c.done},
          {"next", c.next},
          {"blocked", c.blocked}};
}

Fields FieldsOf(const Reflection& r) {
  return {{"expected", r.expected},
          {"happened", r.happened},
          {"why", r.why},
          {"learned", r.learned},
          {"tags", JoinList(r.tags)}};
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
