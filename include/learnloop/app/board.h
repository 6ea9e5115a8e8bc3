// The plan board by goal, the portfolio and the tactics library. All
// read only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "learnloop/app/caller.h"
#include "learnloop/app/loop.h"
#include "learnloop/json.h"
#include "learnloop/loop.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

struct GoalPlans {
  Goal goal;
  std::vector<Plan> plans;
};
struct PlanBoard {
  std::vector<GoalPlans> goals;  // every goal, with the plans serving it
};
Result<PlanBoard> ReadPlanBoard(Workspace& ws, const Caller& caller);

struct WeighedPlan {
  Plan plan;
  double expected_value = 0;  // see ExpectedValue
};
// Portfolio with each plan's expected value.
struct PortfolioReport {
  std::vector<WeighedPlan> plans;  // highest expected value first
  std::vector<PortfolioGroup> by_step;
  std::vector<PortfolioGroup> by_effort;
  std::vector<std::string> warnings;
};
Result<PortfolioReport> ReadPortfolio(Workspace& ws, const Caller& caller);

struct TacticList {
  std::vector<Tactic> tactics;
  std::filesystem::path file;  // where to edit them
};
Result<TacticList> ListTactics(Workspace& ws, const Caller& caller);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::PlanBoard& board);
Json ToJson(const app::PortfolioReport& portfolio);
Json ToJson(const app::TacticList& list);

}  // namespace learnloop::json
