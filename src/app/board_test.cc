#include "learnloop/app/board.h"

#include "app/loop_test_util.h"

namespace learnloop::app {
namespace {

using BoardTest = LoopAppTest;

TEST_F(BoardTest, TheBoardGroupsPlansByGoal) {
  Workspace ws = Open();
  const int64_t first = AddTestGoal(ws);
  const int64_t second = AddTestGoal(ws);
  const int64_t plan = AddTestPlan(ws, second);
  auto board = ReadPlanBoard(ws, On("2024-05-10"));
  ASSERT_TRUE(board.ok()) << board.status().message();
  ASSERT_EQ(board->goals.size(), 2u);
  EXPECT_TRUE(board->goals[0].plans.empty());
  json::Json doc = json::ToJson(*board);
  EXPECT_EQ(doc["goals"][0]["goal_id"], first);
  EXPECT_EQ(doc["goals"][1]["plans"][0]["id"], plan);
}

// Reading never writes: past its end the plan reads as reviewing.
TEST_F(BoardTest, ThePortfolioWeighsPlansAndReadsOnly) {
  Workspace ws = Open();
  const int64_t id = AddTestPlan(ws, AddTestGoal(ws));
  ASSERT_TRUE(StartPlan(ws, On("2024-05-01"), {id, ""}).ok());
  auto portfolio = ReadPortfolio(ws, On("2024-05-20"));
  ASSERT_TRUE(portfolio.ok()) << portfolio.status().message();
  ASSERT_EQ(portfolio->plans.size(), 1u);
  EXPECT_EQ(portfolio->plans[0].plan.state, PlanState::kReviewing);
  json::Json doc = json::ToJson(*portfolio);
  EXPECT_EQ(doc["plans"][0]["expected_value"], portfolio->plans[0].expected_value);
  EXPECT_EQ(doc["by_step"][0]["plans"], 1);
  auto history = ws.OpenLoop("ana")->History("plan", id);
  ASSERT_TRUE(history.ok());
  EXPECT_NE(history->back().new_value, "reviewing") << "reading stored the review";
}

TEST_F(BoardTest, TacticsComeWithTheFileToEdit) {
  Workspace ws = Open();
  auto tactics = ListTactics(ws, On("2024-05-10"));
  ASSERT_TRUE(tactics.ok()) << tactics.status().message();
  EXPECT_EQ(tactics->file, dir_ / "w" / kTacticsFileName);
  json::Json doc = json::ToJson(*tactics);
  EXPECT_EQ(doc["tactics"][0]["name"], tactics->tactics[0].name);
  EXPECT_TRUE(doc["tactics"][0].contains("timebox_days"));
}

}  // namespace
}  // namespace learnloop::app
