#include "learnloop/app/loop.h"

namespace learnloop::json {
namespace {

std::string StepText(const Plan& p) { return p.step_from == p.step_to ? p.step_to : p.step_from + " -> " + p.step_to; }

Json IdOrNull(std::optional<int64_t> id) { return id ? Json(*id) : Json(nullptr); }

}  // namespace

Json ToJson(const app::Deleted& deleted) { return {{"deleted", deleted.id}}; }

Json ToJson(const Plan& p) {
  return {{"id", p.id},
          {"title", p.title},
          {"goal_id", p.goal_id},
          {"state", PlanStateName(p.state)},
          {"hypothesis", p.hypothesis},
          {"step", StepText(p)},
          {"metric", p.metric},
          {"guardrails", p.guardrails},
          {"variants", p.variants},
          {"timebox_days", p.timebox_days},
          {"long_reason", p.long_reason},
          {"start", DayOrNull(p.start)},
          {"end", p.start ? DayOrNull(p.end()) : Json(nullptr)},
          {"baseline_from", DayOrNull(p.baseline_from)},
          {"baseline_to", DayOrNull(p.baseline_to)},
          {"effort", EffortName(p.effort)},
          {"expected_lift", p.expected_lift},
          {"owner", p.owner},
          {"tactic", p.tactic},
          {"loop_number", p.loop_number},
          {"parent_id", IdOrNull(p.parent_id)},
          {"next_id", IdOrNull(p.next_id)},
          {"verdict", p.verdict == ReviewVerdict::kNone ? Json(nullptr) : Json(ReviewVerdictName(p.verdict))},
          {"reviewed_on", DayOrNull(p.reviewed_on)},
          {"decision", p.decision == Decision::kNone ? Json(nullptr) : Json(DecisionName(p.decision))},
          {"decision_reason", p.decision_reason},
          {"decided_on", DayOrNull(p.decided_on)},
          {"created_on", FormatDate(p.created_on)}};
}

Json ToJson(const std::vector<Plan>& plans) {
  Json list = Json::array();
  for (const Plan& p : plans) list.push_back(ToJson(p));
  return list;
}

Json ToJson(const InterimReading& r) {
  return {{"baseline", NumberOrNull(r.baseline)}, {"current", NumberOrNull(r.current)}, {"note", r.note}};
}

Json ToJson(const app::PlanEvaluation& r) {
  if (!r.evaluation) return {{"verdict", nullptr}, {"headline", nullptr}, {"why_not", r.why_not}};
  return {{"verdict", EvaluationVerdictName(r.evaluation->verdict)},
          {"headline", r.evaluation->headline},
          {"percent_change", r.evaluation->percent_change}};
}

Json ToJson(const app::TodayReport& report) {
  const TodayBrief& b = report.brief;
  Json moves = Json::array();
  for (const RungMove& m : b.moves)
    moves.push_back({{"from", m.from}, {"to", m.to}, {"people", m.people}, {"direction", m.up ? "up" : "down"}});
  Json running = Json::array();
  for (const RunningPlanBrief& r : b.running) {
    Json plan = ToJson(r.plan);
    plan["day"] = r.day_number;
    plan["days"] = r.plan.timebox_days;
    plan["reading"] = ToJson(r.reading);
    auto evaluation = report.evaluations.find(r.plan.id);
    plan["evaluation"] = evaluation == report.evaluations.end() ? Json(nullptr) : ToJson(evaluation->second);
    running.push_back(plan);
  }
  Json blockers = Json::array();
  for (const CheckIn& c : b.blockers)
    blockers.push_back({{"plan_id", c.plan_id}, {"day", FormatDate(c.day)}, {"blocked", c.blocked}, {"by", c.actor}});
  return {{"today", FormatDate(b.today)},
          {"since", FormatDate(b.since)},
          {"movement", {{"moved_up", b.moved_up}, {"moved_down", b.moved_down}, {"moves", moves}}},
          {"running", running},
          {"due_for_review", ToJson(b.due_for_review)},
          {"blockers", blockers}};
}

}  // namespace learnloop::json
