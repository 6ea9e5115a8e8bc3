#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "learnloop/app.h"

namespace learnloop::app {
namespace {
namespace fs = std::filesystem;

class TodayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "learnloop-app-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    std::ofstream(dir_ / "e.csv") << "ts,channel,person,kind,content,value,tags\n"
                                     "2024-05-01T10:00:00Z,mastodon,@ana,follow,,,\n"
                                     "2024-05-02T10:00:00Z,mastodon,@ana,comment,p1,,\n";
    auto ws = Workspace::Init(dir_ / "w", {}, clock_);
    ASSERT_TRUE(ws.ok()) << ws.status().message();
    ASSERT_TRUE(ws->Import(dir_ / "e.csv", {}).ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  Workspace Open() { return std::move(Workspace::Open(dir_ / "w", clock_)).value(); }

  // A goal and a plan started on `start` with a 7-day timebox.
  int64_t StartedPlan(Day start) {
    Workspace ws = Open();
    auto loop = ws.OpenLoop("ana", start);
    Goal goal;
    goal.title = "More talk";
    goal.metric = "rung:engagement";
    goal.target = 5;
    goal.start = start;
    goal.deadline = start + 60;
    auto added_goal = loop->AddGoal(goal);
    Plan plan;
    plan.title = "Reply week";
    plan.goal_id = added_goal->id;
    plan.metric = "rung:engagement";
    plan.timebox_days = 7;
    plan.hypothesis = "if we reply then more people talk because they feel heard";
    auto added = loop->AddPlan(plan);
    EXPECT_TRUE(added.ok()) << added.status().message();
    auto started = loop->StartPlan(added->id, start);
    EXPECT_TRUE(started.ok()) << started.status().message();
    return started->id;
  }

  fs::path dir_;
  FixedClock clock_{*ParseRfc3339("2024-05-10T12:00:00Z")};
};

TEST_F(TodayTest, RunningPlansCarryTheirReadingAndEvaluation) {
  const Day start = *ParseDate("2024-05-08");
  const int64_t id = StartedPlan(start);
  Workspace ws = Open();
  auto report = Today(ws, {"ana", std::nullopt});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(FormatDate(report->brief.today), "2024-05-10");
  ASSERT_EQ(report->brief.running.size(), 1u);
  EXPECT_EQ(report->brief.running[0].day_number, 3);
  ASSERT_TRUE(report->evaluations.contains(id));
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["today"], "2024-05-10");
  EXPECT_EQ(doc["running"][0]["id"], id);
  EXPECT_EQ(doc["running"][0]["day"], 3);
  EXPECT_TRUE(doc["running"][0].contains("evaluation"));
}

// Reading never writes: past its end the plan is due for review, and the
// store still says running.
TEST_F(TodayTest, APlanPastItsEndIsDueForReviewWithoutBeingStored) {
  const int64_t id = StartedPlan(*ParseDate("2024-05-01"));
  Workspace ws = Open();
  auto report = Today(ws, {"ana", *ParseDate("2024-05-20")});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(report->brief.running.empty());
  ASSERT_EQ(report->brief.due_for_review.size(), 1u);
  EXPECT_EQ(report->brief.due_for_review[0].id, id);
  EXPECT_EQ(report->brief.due_for_review[0].state, PlanState::kReviewing);
  auto history = ws.OpenLoop("ana")->History("plan", id);
  ASSERT_TRUE(history.ok());
  for (const HistoryEntry& e : *history) EXPECT_NE(e.new_value, "reviewing") << "reading stored the review";
}

}  // namespace
}  // namespace learnloop::app
