#include "learnloop/app/goals.h"

#include "app/loop_test_util.h"

namespace learnloop::app {
namespace {

using GoalsTest = LoopAppTest;

TEST_F(GoalsTest, AddReadsDayWordsAndLeavesProgressUnread) {
  Workspace ws = Open();
  GoalRequest request{"Reach 3", "rung:action", std::nullopt, 3, "today-9", "today+30", {}, "ben"};
  auto added = AddGoal(ws, On("2024-05-10"), request);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(FormatDate(added->goal.start), "2024-05-01");
  EXPECT_EQ(FormatDate(added->goal.deadline), "2024-06-09");
  json::Json doc = json::ToJson(*added);
  EXPECT_EQ(doc["target_kind"], "reach");
  EXPECT_EQ(doc["owner"], "ben");
  EXPECT_TRUE(doc["progress"]["now"].is_null());
}

TEST_F(GoalsTest, AddRefusesTwoTargetsNoTargetAndBadDays) {
  Workspace ws = Open();
  GoalRequest both{"x", "rung:action", 1, 2, "today", "today+9", {}, ""};
  ExpectError(AddGoal(ws, On("2024-05-10"), both), StatusCode::kInvalidArgument, "either --more N");
  GoalRequest none{"x", "rung:action", std::nullopt, std::nullopt, "today", "today+9", {}, ""};
  ExpectError(AddGoal(ws, On("2024-05-10"), none), StatusCode::kInvalidArgument, "either --more N");
  GoalRequest bad_day{"x", "rung:action", 1, std::nullopt, "today", "soon", {}, ""};
  ExpectError(AddGoal(ws, On("2024-05-10"), bad_day), StatusCode::kInvalidArgument, "--by 'soon'");
  GoalRequest parent{"x", "rung:action", 1, std::nullopt, "today", "today+9", 9, ""};
  ExpectError(AddGoal(ws, On("2024-05-10"), parent), StatusCode::kNotFound, "there is no goal 9");
}

TEST_F(GoalsTest, ListAndShowReadProgressFromTheLadder) {
  Workspace ws = Open();
  const int64_t goal = AddTestGoal(ws);
  const int64_t plan = AddTestPlan(ws, goal);
  auto list = ListGoals(ws, On("2024-05-10"));
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->goals.size(), 1u);
  // @ana commented on 2024-05-02: one person on engagement.
  EXPECT_EQ(list->goals[0].progress.now, 1);
  EXPECT_EQ(json::ToJson(*list)["goals"][0]["progress"]["now"], 1);
  auto detail = ShowGoal(ws, On("2024-05-10"), goal);
  ASSERT_TRUE(detail.ok()) << detail.status().message();
  ASSERT_EQ(detail->plans.size(), 1u);
  json::Json doc = json::ToJson(*detail);
  EXPECT_EQ(doc["id"], goal);
  EXPECT_EQ(doc["plans"][0]["id"], plan);
  ExpectError(ShowGoal(ws, On("2024-05-10"), 99), StatusCode::kNotFound, "there is no goal 99");
}

TEST_F(GoalsTest, EditChangesOnlyTheFieldsGiven) {
  Workspace ws = Open();
  const int64_t top = AddTestGoal(ws);
  GoalRequest sub{"Sub", "rung:action", 1, std::nullopt, "2024-05-01", "2024-06-01", top, ""};
  auto child = AddGoal(ws, On("2024-05-01"), sub);
  ASSERT_TRUE(child.ok()) << child.status().message();
  GoalEdit edit;
  edit.id = child->goal.id;
  edit.reach = 4;
  edit.clear_parent = true;
  auto edited = EditGoal(ws, On("2024-05-10"), edit);
  ASSERT_TRUE(edited.ok()) << edited.status().message();
  EXPECT_EQ(edited->goal.title, "Sub");
  EXPECT_EQ(edited->goal.target_kind, TargetKind::kReach);
  EXPECT_EQ(edited->goal.target, 4);
  EXPECT_FALSE(edited->goal.parent_id);
  edit.more = 1;
  ExpectError(EditGoal(ws, On("2024-05-10"), edit), StatusCode::kInvalidArgument, "not both");
  ExpectError(EditGoal(ws, On("2024-05-10"), GoalEdit{.id = 99}), StatusCode::kNotFound, "there is no goal 99");
}

TEST_F(GoalsTest, DeleteRemovesAnUnusedGoalOnly) {
  Workspace ws = Open();
  const int64_t used = AddTestGoal(ws);
  AddTestPlan(ws, used);
  ExpectError(DeleteGoal(ws, On("2024-05-10"), used), StatusCode::kFailedPrecondition, "still in use by plan");
  const int64_t spare = AddTestGoal(ws);
  auto deleted = DeleteGoal(ws, On("2024-05-10"), spare);
  ASSERT_TRUE(deleted.ok()) << deleted.status().message();
  EXPECT_EQ(deleted->title, "More talk");
  EXPECT_EQ(json::ToJson(*deleted), json::Json({{"deleted", spare}}));
  ExpectError(DeleteGoal(ws, On("2024-05-10"), spare), StatusCode::kNotFound, "there is no goal");
}

}  // namespace
}  // namespace learnloop::app
