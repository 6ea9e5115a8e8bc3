#include <gtest/gtest.h>

#include "learnloop/loop.h"

namespace learnloop {
namespace {

const std::vector<std::string> kRungs = {"action", "relationship", "engagement", "network"};
constexpr Day kToday = 20000;

Plan Running(int64_t id, const std::string& from, const std::string& to, Effort effort, double lift) {
  Plan p;
  p.id = id;
  p.step_from = from;
  p.step_to = to;
  p.effort = effort;
  p.expected_lift = lift;
  p.state = PlanState::kRunning;
  p.start = kToday - 2;
  return p;
}

TEST(PortfolioTest, ExpectedValueWeighsTheRungAndTheEffort) {
  EXPECT_DOUBLE_EQ(ExpectedValue(Running(1, "relationship", "action", Effort::kSmall, 10), kRungs), 40);
  EXPECT_DOUBLE_EQ(ExpectedValue(Running(1, "network", "engagement", Effort::kLarge, 10), kRungs), 5);
  EXPECT_DOUBLE_EQ(ExpectedValue(Running(1, "network", "network", Effort::kMedium, 10), kRungs), 5);
}

TEST(PortfolioTest, WarnsWhenMostPlansPickLowHangingFruit) {
  std::vector<Plan> plans = {Running(1, "network", "network", Effort::kSmall, 5),
                             Running(2, "network", "network", Effort::kSmall, 5),
                             Running(3, "network", "engagement", Effort::kMedium, 8)};
  Portfolio p = BuildPortfolio(plans, kRungs, kToday);
  ASSERT_EQ(p.warnings.size(), 2u);
  EXPECT_NE(p.warnings[0].find("2 of 3 plans aim only at the bottom rung (network)"), std::string::npos);
  EXPECT_NE(p.warnings[1].find("no plan aims at action or relationship"), std::string::npos);
  ASSERT_EQ(p.by_step.size(), 2u);
  EXPECT_EQ(p.by_step[0].key, "network");
  EXPECT_EQ(p.by_step[0].plans, 2);
  EXPECT_EQ(p.by_effort[0].key, "S");
  EXPECT_EQ(p.plans[0].id, 3);  // 8 x 2 / 2 beats 5 x 1 / 1
}

TEST(PortfolioTest, ABalancedPortfolioHasNoWarnings) {
  std::vector<Plan> plans = {Running(1, "engagement", "relationship", Effort::kMedium, 10),
                             Running(2, "network", "engagement", Effort::kSmall, 5)};
  EXPECT_TRUE(BuildPortfolio(plans, kRungs, kToday).warnings.empty());
}

TEST(PortfolioTest, OnlyCurrentAndRecentPlansCount) {
  Plan idea = Running(1, "network", "network", Effort::kSmall, 5);
  idea.state = PlanState::kIdea;
  Plan old = Running(2, "network", "network", Effort::kSmall, 5);
  old.state = PlanState::kDecided;
  old.decided_on = kToday - 31;
  Plan recent = Running(3, "relationship", "action", Effort::kSmall, 5);
  recent.state = PlanState::kDecided;
  recent.decided_on = kToday - 30;
  Portfolio p = BuildPortfolio({idea, old, recent}, kRungs, kToday);
  ASSERT_EQ(p.plans.size(), 1u);
  EXPECT_EQ(p.plans[0].id, 3);
  EXPECT_TRUE(p.warnings.empty());
}

}  // namespace
}  // namespace learnloop
