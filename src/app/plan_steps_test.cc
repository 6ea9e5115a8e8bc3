#include "learnloop/app/plan_steps.h"

#include "app/loop_test_util.h"

namespace learnloop::app {
namespace {

using PlanStepsTest = LoopAppTest;

TEST_F(PlanStepsTest, StartAndCheckInTakeDayWords) {
  Workspace ws = Open();
  const int64_t id = AddTestPlan(ws, AddTestGoal(ws));
  auto started = StartPlan(ws, On("2024-05-10"), {id, "today-2"});
  ASSERT_TRUE(started.ok()) << started.status().message();
  EXPECT_EQ(started->state, PlanState::kRunning);
  EXPECT_EQ(FormatDate(*started->start), "2024-05-08");
  auto note = CheckInOnPlan(ws, On("2024-05-10"), {id, "today-1", "replied to 30", "weekends", ""});
  ASSERT_TRUE(note.ok()) << note.status().message();
  json::Json doc = json::ToJson(*note);
  EXPECT_EQ(doc["day"], "2024-05-09");
  EXPECT_EQ(doc["done"], "replied to 30");
  EXPECT_EQ(doc["actor"], "ana");
  ExpectError(CheckInOnPlan(ws, On("2024-05-10"), {id, "tomorrow", "", "", ""}), StatusCode::kInvalidArgument,
              "--day 'tomorrow'");
  ExpectError(StartPlan(ws, On("2024-05-10"), {99, ""}), StatusCode::kNotFound, "there is no plan 99");
}

TEST_F(PlanStepsTest, ReviewReflectAndDecideCloseTheLoop) {
  Workspace ws = Open();
  const int64_t id = AddTestPlan(ws, AddTestGoal(ws));
  ExpectError(DecidePlan(ws, On("2024-05-10"), {id, "adopt", "x"}), StatusCode::kFailedPrecondition, "never started");
  ASSERT_TRUE(StartPlan(ws, On("2024-05-01"), {id, ""}).ok());
  ExpectError(ReviewPlan(ws, On("2024-05-08"), {id, "maybe"}), StatusCode::kInvalidArgument, "maybe");
  auto reviewed = ReviewPlan(ws, On("2024-05-08"), {id, "loss"});
  ASSERT_TRUE(reviewed.ok()) << reviewed.status().message();
  EXPECT_EQ(reviewed->verdict, ReviewVerdict::kLoss);
  auto reflection = ReflectOnPlan(ws, On("2024-05-08"), {id, "more talk", "none", "away", "ask first", " a, b ,,c"});
  ASSERT_TRUE(reflection.ok()) << reflection.status().message();
  EXPECT_EQ(json::ToJson(*reflection)["tags"], json::Json({"a", "b", "c"}));
  ExpectError(DecidePlan(ws, On("2024-05-09"), {id, "perhaps", "x"}), StatusCode::kInvalidArgument, "perhaps");
  auto decided = DecidePlan(ws, On("2024-05-09"), {id, "extend", "one more week"});
  ASSERT_TRUE(decided.ok()) << decided.status().message();
  EXPECT_EQ(decided->decision, Decision::kExtend);
  EXPECT_TRUE(decided->next_id) << "extend seeds the next loop";
  ExpectError(DecidePlan(ws, On("2024-05-09"), {id, "abandon", "x"}), StatusCode::kFailedPrecondition,
              "already decided");
}

}  // namespace
}  // namespace learnloop::app
