#include "learnloop/app/board.h"

#include <utility>

namespace learnloop::app {

Result<PlanBoard> ReadPlanBoard(Workspace& ws, const Caller& caller) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(std::vector<Plan> plans, loop.Plans());
  LL_ASSIGN_OR_RETURN(std::vector<Goal> goals, loop.Goals());
  PlanBoard board;
  for (Goal& goal : goals) {
    GoalPlans& group = board.goals.emplace_back(GoalPlans{std::move(goal), {}});
    for (const Plan& plan : plans)
      if (plan.goal_id == group.goal.id) group.plans.push_back(plan);
  }
  return board;
}

Result<PortfolioReport> ReadPortfolio(Workspace& ws, const Caller& caller) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(std::vector<Plan> plans, loop.Plans());
  Portfolio portfolio = BuildPortfolio(plans, loop.rung_names(), loop.options().today);
  PortfolioReport report;
  for (Plan& plan : portfolio.plans) {
    const double value = ExpectedValue(plan, loop.rung_names());
    report.plans.push_back({std::move(plan), value});
  }
  report.by_step = std::move(portfolio.by_step);
  report.by_effort = std::move(portfolio.by_effort);
  report.warnings = std::move(portfolio.warnings);
  return report;
}

Result<TacticList> ListTactics(Workspace& ws, const Caller& caller) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  TacticList list;
  LL_ASSIGN_OR_RETURN(list.tactics, loop.Tactics());
  list.file = ws.dir() / kTacticsFileName;
  return list;
}

}  // namespace learnloop::app
