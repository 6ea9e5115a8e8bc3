#include "learnloop/app/board.h"

namespace learnloop::json {
namespace {

Json GroupsJson(const std::vector<PortfolioGroup>& groups) {
  Json list = Json::array();
  for (const PortfolioGroup& g : groups)
    list.push_back({{"key", g.key}, {"plans", g.plans}, {"expected_value", g.expected_value}});
  return list;
}

}  // namespace

Json ToJson(const app::PlanBoard& board) {
  Json goals = Json::array();
  for (const app::GoalPlans& g : board.goals)
    goals.push_back({{"goal_id", g.goal.id},
                     {"title", g.goal.title},
                     {"metric", g.goal.metric},
                     {"deadline", FormatDate(g.goal.deadline)},
                     {"plans", ToJson(g.plans)}});
  return {{"goals", goals}};
}

Json ToJson(const app::PortfolioReport& portfolio) {
  Json plans = Json::array();
  for (const app::WeighedPlan& p : portfolio.plans) {
    Json doc = ToJson(p.plan);
    doc["expected_value"] = p.expected_value;
    plans.push_back(doc);
  }
  return {{"plans", plans},
          {"by_step", GroupsJson(portfolio.by_step)},
          {"by_effort", GroupsJson(portfolio.by_effort)},
          {"warnings", portfolio.warnings}};
}

Json ToJson(const app::TacticList& list) {
  Json tactics = Json::array();
  for (const Tactic& t : list.tactics)
    tactics.push_back({{"name", t.name},
                       {"title", t.title},
                       {"description", t.description},
                       {"hypothesis", t.hypothesis},
                       {"metric", t.metric},
                       {"step", t.step},
                       {"timebox_days", t.timebox_days},
                       {"effort", EffortName(t.effort)}});
  return {{"tactics", tactics}};
}

}  // namespace learnloop::json
