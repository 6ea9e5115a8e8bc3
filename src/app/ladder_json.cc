#include "learnloop/app/input.h"
#include "learnloop/app/ladder.h"

namespace learnloop::json {
namespace {

// A report for a group says which; a report for everyone has no "group".
Json WithGroup(Json doc, const app::LadderGroup& group) {
  if (!group.filters.empty()) doc["group"] = GroupJson(group.filters);
  return doc;
}

Json ToJson(const TransitionMatrix& t) {
  return {{"from", FormatDate(t.from)}, {"to", FormatDate(t.to)},     {"states", t.states}, {"counts", t.counts},
          {"moved_up", t.moved_up},     {"moved_down", t.moved_down}, {"stayed", t.stayed}};
}

Json ToJson(const std::vector<Conversion>& conversions) {
  Json out = Json::array();
  for (const Conversion& c : conversions)
    out.push_back({{"from_rung", c.from_rung},
                   {"to_rung", c.to_rung},
                   {"base", c.base},
                   {"converted", c.converted},
                   {"rate", c.rate}});
  return out;
}

}  // namespace

Json ToJson(const LadderSnapshot& s) {
  Json rungs = Json::array();
  for (const RungCount& r : s.rungs) rungs.push_back({{"name", r.name}, {"people", r.people}});
  return {{"as_of", FormatDate(s.as_of)}, {"rungs", rungs}, {"audience", s.audience}};
}

Json ToJson(const app::LadderReport& report) {
  Json doc = WithGroup(ToJson(report.snapshot), report.group);
  if (const auto& m = report.movement) {
    doc["from"] = FormatDate(m->from);
    doc["to"] = FormatDate(m->to);
    doc["transitions"] = ToJson(m->transitions);
    doc["conversions"] = ToJson(m->conversions);
  }
  return doc;
}

Json ToJson(const app::LadderSeriesReport& report) {
  Json points = Json::array();
  for (const LadderSnapshot& s : report.series.points) points.push_back(ToJson(s));
  return WithGroup({{"period", report.weekly ? "week" : "day"}, {"points", points}}, report.group);
}

Json ToJson(const app::LadderPeopleReport& report) {
  Json people = Json::array();
  for (const PersonRung& p : report.people) people.push_back({{"person", p.person}, {"rung", p.rung}});
  return WithGroup({{"as_of", FormatDate(report.as_of)}, {"people", people}}, report.group);
}

Json ToJson(const app::LadderCohortsReport& report) {
  const CohortTable& table = report.cohorts;
  Json rows = Json::array();
  for (const CohortRow& r : table.rows)
    rows.push_back({{"month", r.month}, {"people", r.people}, {"counts", r.counts}});
  return WithGroup({{"as_of", FormatDate(table.as_of)}, {"columns", table.columns}, {"rows", rows}}, report.group);
}

Json ToJson(const app::LadderClimbReport& report) {
  Json climbs = Json::array();
  for (const ClimbTime& c : report.climbs)
    climbs.push_back({{"from_rung", c.from_rung},
                      {"to_rung", c.to_rung},
                      {"people", c.people},
                      {"median_days", NumberOrNull(c.median_days)}});
  return WithGroup({{"as_of", FormatDate(report.as_of)}, {"climbs", climbs}}, report.group);
}

}  // namespace learnloop::json
