#include "learnloop/app/plans.h"

namespace learnloop::json {

Json ToJson(const app::PlanAdded& added) {
  Json doc = ToJson(added.plan);
  if (!added.warning) {
    doc["power_warning"] = nullptr;
    return doc;
  }
  const app::PowerWarning& w = *added.warning;
  doc["power_warning"] = {{"metric", w.metric},
                          {"lift_percent", w.lift_percent},
                          {"days_needed", w.days_needed ? Json(*w.days_needed) : Json()},
                          {"why", w.why.empty() ? Json() : Json(w.why)}};
  return doc;
}

Json ToJson(const app::PlanDetail& detail) {
  Json doc = ToJson(detail.plan);
  Json lineage = Json::array();
  for (const Plan& p : detail.lineage)
    lineage.push_back({{"id", p.id}, {"loop_number", p.loop_number}, {"title", p.title}});
  Json checkins = Json::array();
  for (const CheckIn& c : detail.checkins) checkins.push_back(ToJson(c));
  Json history = Json::array();
  for (const HistoryEntry& e : detail.history)
    history.push_back({{"field", e.field},
                       {"old", e.old_value},
                       {"new", e.new_value},
                       {"actor", e.actor},
                       {"at", FormatRfc3339(e.at)}});
  doc["lineage"] = lineage;
  doc["checkins"] = checkins;
  doc["reflection"] = detail.reflection ? ToJson(*detail.reflection) : Json(nullptr);
  doc["history"] = history;
  return doc;
}

Json ToJson(const app::PlanList& list) { return {{"plans", ToJson(list.plans)}}; }

}  // namespace learnloop::json
