// The loop operations' tests: a workspace (see test_workspace.h) with a
// goal and plans made through the application layer itself.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "app/test_workspace.h"
#include "learnloop/app.h"

namespace learnloop::app {

inline constexpr char kHypothesis[] = "if we reply then more people talk because they feel heard";

// Asserts `result` failed with `code` and a message holding `needle`.
template <typename T>
void ExpectError(const Result<T>& result, StatusCode code, const std::string& needle) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_THAT(result.status().message(), ::testing::HasSubstr(needle));
}

class LoopAppTest : public AppTest {
 protected:
  // The caller "ana" on `day` (YYYY-MM-DD).
  static Caller On(const char* day) { return {"ana", *ParseDate(day)}; }

  // "More talk": rung:engagement, 5 more by 2024-07-01.
  int64_t AddTestGoal(Workspace& ws) {
    GoalRequest request{"More talk", "rung:engagement", 5, std::nullopt, "2024-05-01", "2024-07-01", {}, ""};
    auto added = AddGoal(ws, On("2024-05-01"), request);
    EXPECT_TRUE(added.ok()) << added.status().message();
    return added.ok() ? added->goal.id : 0;
  }

  // An idea on rung:engagement serving `goal`, with 7 days.
  int64_t AddTestPlan(Workspace& ws, int64_t goal, const std::string& title = "Reply week") {
    PlanRequest request;
    request.fields.title = title;
    request.fields.goal_id = goal;
    request.fields.hypothesis = kHypothesis;
    request.fields.metric = "rung:engagement";
    request.fields.timebox_days = 7;
    auto added = AddPlan(ws, On("2024-05-01"), request);
    EXPECT_TRUE(added.ok()) << added.status().message();
    return added.ok() ? added->plan.id : 0;
  }

  // A plan started on 2024-05-01 and reviewed with `verdict` on 2024-05-08.
  int64_t ReviewedPlan(Workspace& ws, int64_t goal, const std::string& verdict = "win") {
    const int64_t id = AddTestPlan(ws, goal);
    EXPECT_TRUE(StartPlan(ws, On("2024-05-01"), {id, ""}).ok());
    auto reviewed = ReviewPlan(ws, On("2024-05-08"), {id, verdict});
    EXPECT_TRUE(reviewed.ok()) << reviewed.status().message();
    return id;
  }
};

}  // namespace learnloop::app
