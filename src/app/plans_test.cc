#include "learnloop/app/plans.h"

#include "app/loop_test_util.h"

namespace learnloop::app {
namespace {

using PlansTest = LoopAppTest;

TEST_F(PlansTest, AddFromATacticTheFieldsOverride) {
  Workspace ws = Open();
  const int64_t goal = AddTestGoal(ws);
  PlanRequest request;
  request.tactic = "reply-week";
  request.fields.goal_id = goal;
  request.fields.expected_lift = 10;
  request.fields.start = "today+2";
  auto added = AddPlan(ws, On("2024-05-10"), request);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(added->plan.tactic, "reply-week");
  EXPECT_EQ(added->plan.state, PlanState::kPlanned);
  EXPECT_EQ(added->plan.owner, "ana") << "the owner defaults to the caller";
  json::Json doc = json::ToJson(*added);
  json::Json plan_only = doc;
  plan_only.erase("power_warning");
  EXPECT_EQ(plan_only, json::ToJson(added->plan)) << "the plan's encoding plus the power warning";
  EXPECT_EQ(doc["step"], "engagement -> relationship");
  EXPECT_EQ(doc["start"], "2024-05-12");
  EXPECT_EQ(doc["expected_lift"], 10);
}

TEST_F(PlansTest, AddRefusesAnUnknownTacticGoalAndBadFields) {
  Workspace ws = Open();
  const int64_t goal = AddTestGoal(ws);
  PlanRequest request;
  request.tactic = "nope";
  ExpectError(AddPlan(ws, On("2024-05-10"), request), StatusCode::kNotFound, "the tactics are: reply-week");
  request.tactic = "reply-week";
  request.fields.goal_id = 7;
  ExpectError(AddPlan(ws, On("2024-05-10"), request), StatusCode::kNotFound, "there is no goal 7");
  request.fields.goal_id = goal;
  request.fields.start = "2024-05-10";
  request.fields.end = "2024-05-01";
  ExpectError(AddPlan(ws, On("2024-05-10"), request), StatusCode::kInvalidArgument, "is before the start");
  request.fields.end.clear();
  request.fields.effort = "XL";
  ExpectError(AddPlan(ws, On("2024-05-10"), request), StatusCode::kInvalidArgument, "XL");
}

TEST_F(PlansTest, AddWarnsWhenTheTimeboxIsTooShortToShowTheLift) {
  Workspace ws = Open();
  PlanRequest request;
  request.fields = {.title = "Tiny tweak",
                    .goal_id = AddTestGoal(ws),
                    .hypothesis = kHypothesis,
                    .metric = "metric:engagements",
                    .step = "engagement",
                    .expected_lift = 5};
  auto added = AddPlan(ws, On("2024-05-10"), request);
  ASSERT_TRUE(added.ok()) << added.status().message();
  ASSERT_TRUE(added->warning);
  EXPECT_EQ(added->warning->metric, "metric:engagements");
  EXPECT_EQ(added->warning->lift_percent, 5);
  EXPECT_TRUE(added->warning->days_needed || !added->warning->why.empty());
  const json::Json doc = json::ToJson(*added);
  EXPECT_EQ(doc["id"], added->plan.id);
  EXPECT_EQ(doc["power_warning"]["metric"], "metric:engagements");
  EXPECT_EQ(doc["power_warning"]["lift_percent"], 5);
  EXPECT_EQ(doc["power_warning"]["days_needed"].is_null(), !added->warning->days_needed.has_value());
}

TEST_F(PlansTest, EditAndDeleteOnlyPlansThatNeverRan) {
  Workspace ws = Open();
  const int64_t goal = AddTestGoal(ws);
  const int64_t idea = AddTestPlan(ws, goal);
  auto edited = EditPlan(ws, On("2024-05-10"), idea, {.title = "Reply fortnight", .timebox_days = 14});
  ASSERT_TRUE(edited.ok()) << edited.status().message();
  EXPECT_EQ(edited->title, "Reply fortnight");
  EXPECT_EQ(edited->hypothesis, kHypothesis) << "fields not given stay";
  auto deleted = DeletePlan(ws, On("2024-05-10"), idea);
  ASSERT_TRUE(deleted.ok()) << deleted.status().message();
  EXPECT_EQ(deleted->title, "Reply fortnight");
  ExpectError(EditPlan(ws, On("2024-05-10"), idea, {}), StatusCode::kNotFound, "there is no plan");
  const int64_t ran = ReviewedPlan(ws, goal);
  ExpectError(EditPlan(ws, On("2024-05-10"), ran, {.title = "x"}), StatusCode::kFailedPrecondition, "has started");
  ExpectError(DeletePlan(ws, On("2024-05-10"), ran), StatusCode::kFailedPrecondition, "has started");
}

TEST_F(PlansTest, NextIsCreatedOnceAndTakesTheChanges) {
  Workspace ws = Open();
  const int64_t id = ReviewedPlan(ws, AddTestGoal(ws));
  ExpectError(NextPlan(ws, On("2024-05-09"), id, {}), StatusCode::kFailedPrecondition, "");
  ASSERT_TRUE(DecidePlan(ws, On("2024-05-09"), {id, "adopt", "keep it"}).ok());
  auto next = NextPlan(ws, On("2024-05-10"), id, {});
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_EQ(next->loop_number, 2);
  EXPECT_EQ(next->parent_id, id);
  auto changed = NextPlan(ws, On("2024-05-10"), id, {.effort = "L", .expected_lift = 15});
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->id, next->id);
  EXPECT_EQ(changed->effort, Effort::kLarge);
  EXPECT_EQ(changed->expected_lift, 15);
}

TEST_F(PlansTest, ShowHoldsLineageCheckInsReflectionAndHistory) {
  Workspace ws = Open();
  const int64_t goal = AddTestGoal(ws);
  const int64_t id = AddTestPlan(ws, goal);
  ASSERT_TRUE(StartPlan(ws, On("2024-05-01"), {id, ""}).ok());
  ASSERT_TRUE(CheckInOnPlan(ws, On("2024-05-03"), {id, "", "replied", "", "no designer"}).ok());
  ASSERT_TRUE(ReviewPlan(ws, On("2024-05-08"), {id, "win"}).ok());
  ASSERT_TRUE(ReflectOnPlan(ws, On("2024-05-08"), {id, "", "", "", "replies work", "replies"}).ok());
  ASSERT_TRUE(DecidePlan(ws, On("2024-05-08"), {id, "adapt", "try weekends"}).ok());
  auto detail = ShowPlan(ws, On("2024-05-10"), id);
  ASSERT_TRUE(detail.ok()) << detail.status().message();
  EXPECT_EQ(detail->lineage.size(), 2u);
  ASSERT_TRUE(detail->reflection);
  json::Json doc = json::ToJson(*detail);
  EXPECT_EQ(doc["id"], id);
  EXPECT_EQ(doc["next_id"], detail->lineage[1].id);
  EXPECT_EQ(doc["lineage"][1]["loop_number"], 2);
  EXPECT_EQ(doc["checkins"][0]["blocked"], "no designer");
  EXPECT_EQ(doc["reflection"]["learned"], "replies work");
  EXPECT_EQ(doc["history"][0]["actor"], "ana");
  ExpectError(ShowPlan(ws, On("2024-05-10"), 99), StatusCode::kNotFound, "there is no plan 99");
}

TEST_F(PlansTest, ListHoldsEveryPlan) {
  Workspace ws = Open();
  const int64_t goal = AddTestGoal(ws);
  AddTestPlan(ws, goal, "One");
  AddTestPlan(ws, goal, "Two");
  auto list = ListPlans(ws, On("2024-05-10"));
  ASSERT_TRUE(list.ok()) << list.status().message();
  json::Json doc = json::ToJson(*list);
  ASSERT_EQ(doc["plans"].size(), 2u);
  EXPECT_EQ(doc["plans"][1]["title"], "Two");
}

}  // namespace
}  // namespace learnloop::app
