#include "learnloop/app/learnings.h"

namespace learnloop::json {
namespace {

Json MonthsJson(const std::vector<MonthCount>& months) {
  Json list = Json::array();
  for (const MonthCount& m : months) list.push_back({{"month", m.month}, {"count", m.count}});
  return list;
}

}  // namespace

Json ToJson(const LoopHealth& h) {
  return {{"loops_completed", MonthsJson(h.loops_completed)},
          {"decided", h.decided},
          {"median_cycle_days", NumberOrNull(h.median_cycle_days)},
          {"decided_within_7_days", NumberOrNull(h.decided_within_7_days)},
          {"decisions_with_next_plan", NumberOrNull(h.decisions_with_next_plan)},
          {"verdicts", {{"win", h.wins}, {"loss", h.losses}, {"inconclusive", h.inconclusive}}},
          {"learnings", MonthsJson(h.learnings)}};
}

Json ToJson(const app::LearningSearch& search) {
  Json results = Json::array();
  for (const LearningHit& h : search.hits)
    results.push_back({{"plan_id", h.plan_id},
                       {"plan_title", h.plan_title},
                       {"snippet", h.snippet},
                       {"score", h.score},
                       {"tags", h.tags}});
  return {{"query", search.query}, {"results", results}};
}

}  // namespace learnloop::json
