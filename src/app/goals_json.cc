#include "learnloop/app/goals.h"

namespace learnloop::json {

Json ToJson(const app::GoalView& view) {
  const Goal& g = view.goal;
  const GoalProgress& p = view.progress;
  return {{"id", g.id},
          {"title", g.title},
          {"metric", g.metric},
          {"target_kind", g.target_kind == TargetKind::kMore ? "more" : "reach"},
          {"target", g.target},
          {"start", FormatDate(g.start)},
          {"deadline", FormatDate(g.deadline)},
          {"parent_id", g.parent_id ? Json(*g.parent_id) : Json(nullptr)},
          {"owner", g.owner},
          {"progress",
           {{"at_start", NumberOrNull(p.at_start)},
            {"now", NumberOrNull(p.now)},
            {"target_value", p.target_value},
            {"share", NumberOrNull(p.share)},
            {"note", p.note}}}};
}

Json ToJson(const app::GoalList& list) {
  Json goals = Json::array();
  for (const app::GoalView& g : list.goals) goals.push_back(ToJson(g));
  return {{"goals", goals}};
}

Json ToJson(const app::GoalDetail& detail) {
  Json doc = ToJson(detail.goal);
  doc["plans"] = ToJson(detail.plans);
  return doc;
}

}  // namespace learnloop::json
