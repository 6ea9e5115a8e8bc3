#include <gtest/gtest.h>

#include "learnloop/loop.h"

namespace learnloop {
namespace {

const Day kMay1 = *ParseDate("2024-05-01");

Plan Decided(int64_t id, Day start, Day decided_on, ReviewVerdict verdict, std::optional<int64_t> next = std::nullopt) {
  Plan p;
  p.id = id;
  p.start = start;
  p.timebox_days = 14;
  p.state = PlanState::kDecided;
  p.decided_on = decided_on;
  p.verdict = verdict;
  p.next_id = next;
  return p;
}

TEST(LoopHealthTest, FiguresFromAHandMadeHistory) {
  std::vector<Plan> plans = {
      Decided(1, kMay1, kMay1 + 14, ReviewVerdict::kWin, 2),                // cycle 14, decided 1 day after its end
      Decided(2, kMay1 + 20, kMay1 + 50, ReviewVerdict::kLoss),             // cycle 30, 17 days late
      Decided(3, kMay1 + 40, kMay1 + 60, ReviewVerdict::kInconclusive, 4),  // cycle 20, 7 days after
  };
  Plan running;
  running.id = 4;
  running.state = PlanState::kRunning;
  running.start = kMay1 + 61;
  running.verdict = ReviewVerdict::kNone;
  plans.push_back(running);
  Plan reviewing = running;
  reviewing.id = 5;
  reviewing.state = PlanState::kReviewing;
  reviewing.verdict = ReviewVerdict::kWin;
  plans.push_back(reviewing);
  std::vector<Reflection> reflections = {{1, kMay1 + 14, "", "", "", "a", {}, ""},
                                         {2, kMay1 + 45, "", "", "", "b", {}, ""},
                                         {3, kMay1 + 48, "", "", "", "c", {}, ""}};
  LoopHealth h = ComputeLoopHealth(plans, reflections);
  EXPECT_EQ(h.decided, 3);
  ASSERT_EQ(h.loops_completed.size(), 2u);
  EXPECT_EQ(h.loops_completed[0].month, "2024-05");
  EXPECT_EQ(h.loops_completed[0].count, 1);
  EXPECT_EQ(h.loops_completed[1].month, "2024-06");
  EXPECT_EQ(h.loops_completed[1].count, 2);
  EXPECT_DOUBLE_EQ(*h.median_cycle_days, 20);
  EXPECT_DOUBLE_EQ(*h.decided_within_7_days, 2.0 / 3);
  EXPECT_DOUBLE_EQ(*h.decisions_with_next_plan, 2.0 / 3);
  EXPECT_EQ(h.wins, 2);
  EXPECT_EQ(h.losses, 1);
  EXPECT_EQ(h.inconclusive, 1);
  ASSERT_EQ(h.learnings.size(), 2u);
  EXPECT_EQ(h.learnings[1].month, "2024-06");
  EXPECT_EQ(h.learnings[1].count, 2);
}

TEST(LoopHealthTest, NoDecisionsMeansNoShares) {
  LoopHealth h = ComputeLoopHealth({}, {});
  EXPECT_EQ(h.decided, 0);
  EXPECT_FALSE(h.median_cycle_days.has_value());
  EXPECT_FALSE(h.decided_within_7_days.has_value());
  EXPECT_FALSE(h.decisions_with_next_plan.has_value());
  EXPECT_TRUE(h.loops_completed.empty());
}

TEST(LoopHealthTest, MedianOfAnEvenCountAveragesTheMiddle) {
  LoopHealth h =
      ComputeLoopHealth({Decided(1, 0, 10, ReviewVerdict::kWin), Decided(2, 0, 20, ReviewVerdict::kWin)}, {});
  EXPECT_DOUBLE_EQ(*h.median_cycle_days, 15);
}

}  // namespace
}  // namespace learnloop
