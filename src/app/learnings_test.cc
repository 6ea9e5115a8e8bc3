#include "learnloop/app/learnings.h"

#include "app/loop_test_util.h"

namespace learnloop::app {
namespace {

using LearningsTest = LoopAppTest;

TEST_F(LearningsTest, LoopHealthCountsDecidedLoops) {
  Workspace ws = Open();
  const int64_t id = ReviewedPlan(ws, AddTestGoal(ws));
  ASSERT_TRUE(ReflectOnPlan(ws, On("2024-05-08"), {id, "", "", "", "replies work", ""}).ok());
  ASSERT_TRUE(DecidePlan(ws, On("2024-05-09"), {id, "adopt", "keep"}).ok());
  auto health = ReadLoopHealth(ws, On("2024-05-10"));
  ASSERT_TRUE(health.ok()) << health.status().message();
  EXPECT_EQ(health->decided, 1);
  json::Json doc = json::ToJson(*health);
  EXPECT_EQ(doc["verdicts"]["win"], 1);
  EXPECT_EQ(doc["loops_completed"][0]["month"], "2024-05");
  EXPECT_EQ(doc["learnings"][0]["count"], 1);
}

TEST_F(LearningsTest, SearchFindsLearningsAndRefusesBadQueries) {
  Workspace ws = Open();
  const int64_t id = ReviewedPlan(ws, AddTestGoal(ws));
  ASSERT_TRUE(ReflectOnPlan(ws, On("2024-05-08"), {id, "", "", "", "volunteers answer on weekends", "v"}).ok());
  auto search = SearchLearnings(ws, On("2024-05-10"), {"volunteers", 10});
  ASSERT_TRUE(search.ok()) << search.status().message();
  ASSERT_EQ(search->hits.size(), 1u);
  json::Json doc = json::ToJson(*search);
  EXPECT_EQ(doc["query"], "volunteers");
  EXPECT_EQ(doc["results"][0]["plan_id"], id);
  EXPECT_EQ(doc["results"][0]["tags"], json::Json({"v"}));
  ExpectError(SearchLearnings(ws, On("2024-05-10"), {"volunteers", 0}), StatusCode::kInvalidArgument, "--limit");
  ExpectError(SearchLearnings(ws, On("2024-05-10"), {" ", 10}), StatusCode::kInvalidArgument, "no words");
}

}  // namespace
}  // namespace learnloop::app
