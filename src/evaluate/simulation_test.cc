#include "evaluate/simulation.h"

#include <gtest/gtest.h>

namespace learnloop::evaluate {
namespace {

// A small version of bench/evaluation_sim (200 plans, a look every day of
// a 14-day window). Its Monte Carlo standard error on a 5% rate is 1.5
// points, so the bound allows 10%; the naive daily t-test fails it.
TEST(SimulationTest, DailyLooksWithoutEffectRarelyDeclareAChange) {
  SimulationConfig config;
  config.plans = 200;
  const SimulationTally tally = SimulatePlans(config);
  EXPECT_EQ(tally.plans, 200);
  EXPECT_EQ(tally.failed_evaluations, 0);
  EXPECT_LE(tally.changed_any_look, 20);
  EXPECT_GT(tally.naive_changed_any_look, 20);
  EXPECT_GE(tally.always_valid_covers_every_look, 180);
}

TEST(SimulationTest, IntervalsCoverAPlantedEffect) {
  SimulationConfig config;
  config.plans = 200;
  config.lift = 0.25;
  config.seed = 2;
  const SimulationTally tally = SimulatePlans(config);
  EXPECT_EQ(tally.failed_evaluations, 0);
  // 95% minus about three standard errors (1.5 points each).
  EXPECT_GE(tally.fixed_covers_at_end, 181);
  EXPECT_GE(tally.always_valid_covers_every_look, 181);
  // The planted effect is found in a fair share of plans.
  EXPECT_GT(tally.won_any_look, 20);
}

TEST(SimulationTest, ComparisonKeepsErrorsLowDespiteASharedShift) {
  SimulationConfig config;
  config.plans = 100;
  config.with_comparison = true;
  const SimulationTally tally = SimulatePlans(config);
  EXPECT_EQ(tally.failed_evaluations, 0);
  EXPECT_LE(tally.changed_any_look, 10);
  EXPECT_GE(tally.fixed_covers_at_end, 88);
}

}  // namespace
}  // namespace learnloop::evaluate
