#include <gtest/gtest.h>

#include "learnloop/loop.h"

namespace learnloop {
namespace {

constexpr Day kStart = 20000;

// A named metric worth `day - kStart + 10` on each day, missing on day kStart - 1.
MetricReader FakeReader() {
  return MetricReader(std::nullopt,
                      [](std::string_view name, Day from, Day to) -> Result<std::vector<std::optional<double>>> {
                        if (name != "comments") return NotFound("no metric " + std::string(name));
                        std::vector<std::optional<double>> values;
                        for (Day d = from; d <= to; ++d)
                          values.push_back(d == kStart - 1 ? std::nullopt : std::optional<double>(d - kStart + 10));
                        return values;
                      });
}

Plan RunningPlan() {
  Plan p;
  p.metric = "metric:comments";
  p.start = kStart;
  p.timebox_days = 7;
  p.baseline_from = kStart - 3;
  p.baseline_to = kStart - 1;
  p.state = PlanState::kRunning;
  return p;
}

TEST(MetricReaderTest, NamedMetricsReadAsTheDailyMeanOfDaysWithAValue) {
  MetricReader reader = FakeReader();
  EXPECT_DOUBLE_EQ(*reader.Read("comments", kStart, kStart + 2), 11);
  EXPECT_DOUBLE_EQ(*reader.Read("metric:comments", kStart - 3, kStart - 1), 7.5);
  EXPECT_EQ(reader.Read("comments", kStart - 1, kStart - 1).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(reader.Read("reach", kStart, kStart).status().code(), StatusCode::kNotFound);
}

TEST(MetricReaderTest, RungMetricsNeedTheLadder) {
  EXPECT_EQ(FakeReader().Read("rung:action", kStart, kStart).status().code(), StatusCode::kFailedPrecondition);
  MetricReader none(std::nullopt);
  EXPECT_NE(none.Read("comments", kStart, kStart).status().message().find("not available yet"), std::string::npos);
}

TEST(ReadPlanTest, ComparesThePlanSoFarWithItsBaseline) {
  InterimReading r = ReadPlan(RunningPlan(), FakeReader(), kStart + 2);
  ASSERT_TRUE(r.current.has_value()) << r.note;
  EXPECT_DOUBLE_EQ(*r.baseline, 7.5);
  EXPECT_DOUBLE_EQ(*r.current, 11);
  // After its end, the reading stops at the end.
  EXPECT_DOUBLE_EQ(*ReadPlan(RunningPlan(), FakeReader(), kStart + 30).current, 13);
}

TEST(ReadPlanTest, SaysWhyThereIsNoReading) {
  Plan idea = RunningPlan();
  idea.start.reset();
  EXPECT_NE(ReadPlan(idea, FakeReader(), kStart).note.find("not started"), std::string::npos);
  Plan unknown = RunningPlan();
  unknown.metric = "reach";
  InterimReading r = ReadPlan(unknown, FakeReader(), kStart + 1);
  EXPECT_FALSE(r.current.has_value());
  EXPECT_NE(r.note.find("reading not available yet"), std::string::npos);
}

TEST(ReadGoalTest, MoreAndReachTargets) {
  Goal goal;
  goal.metric = "comments";
  goal.start = kStart;
  goal.deadline = kStart + 100;
  goal.target = 20;
  GoalProgress more = ReadGoal(goal, FakeReader(), kStart + 5);
  EXPECT_DOUBLE_EQ(*more.at_start, 10);
  EXPECT_DOUBLE_EQ(*more.now, 15);
  EXPECT_DOUBLE_EQ(more.target_value, 30);
  EXPECT_DOUBLE_EQ(*more.share, 0.25);
  goal.target_kind = TargetKind::kReach;
  goal.target = 8;  // already above at the start
  EXPECT_DOUBLE_EQ(*ReadGoal(goal, FakeReader(), kStart + 5).share, 1.0);
  goal.metric = "reach";
  EXPECT_FALSE(ReadGoal(goal, FakeReader(), kStart).share.has_value());
}

}  // namespace
}  // namespace learnloop
