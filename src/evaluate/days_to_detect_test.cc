#include <gtest/gtest.h>

#include <cmath>

#include "evaluate/test_series.h"
#include "learnloop/evaluate.h"

namespace learnloop::evaluate {
namespace {

// Six days of a steady 20 a day: no weekday terms, Poisson noise, so
// se(n)^2 = 1/120 + 1/(n * 20 * 1.5) for a +50% lift, and the answer is the
// smallest n with (1.959964 + 0.841621) * se(n) <= log(1.5).
TEST(DaysToDetectTest, MatchesTheClosedFormForPoissonCounts) {
  const DaySeries history = MakeSeries(kMonday, 6, [](Day) { return 20.0; });
  Result<int> days = DaysToDetect(history, 0.5);
  ASSERT_TRUE(days.ok()) << days.status().message();
  const double z = 1.959964 + 0.841621;
  int expected = 1;
  while (z * std::sqrt(1 / 120.0 + 1 / (expected * 30.0)) > std::log(1.5)) ++expected;
  EXPECT_EQ(*days, expected);
  EXPECT_EQ(expected, 3);
}

TEST(DaysToDetectTest, SmallerLiftsAndNoisierMetricsNeedMoreDays) {
  const DaySeries calm = NoisySeries(kMonday, 28, UsualWeek, 50, 1);
  const DaySeries noisy = NoisySeries(kMonday, 28, UsualWeek, 10, 1);
  Result<int> big = DaysToDetect(calm, 0.5);
  Result<int> small = DaysToDetect(calm, 0.3);
  Result<int> noisy_small = DaysToDetect(noisy, 0.3);
  ASSERT_TRUE(big.ok() && small.ok() && noisy_small.ok()) << noisy_small.status().message();
  EXPECT_LT(*big, *small);
  EXPECT_LT(*small, *noisy_small);
  // A fall of the same size on the log scale leaves fewer events, which
  // carry less information, so it takes at least as long.
  Result<int> fall = DaysToDetect(calm, 1 / 1.5 - 1);
  ASSERT_TRUE(fall.ok());
  EXPECT_GE(*fall, *big);
}

TEST(DaysToDetectTest, SaysWhenTheLiftCannotBeDetectedInTime) {
  const DaySeries history = MakeSeries(kMonday, 6, [](Day) { return 20.0; });
  DaysToDetectOptions options;
  options.max_days = 30;
  // The 6-day history alone is too uncertain for a 10% change.
  Result<int> days = DaysToDetect(history, 0.1, options);
  ASSERT_FALSE(days.ok());
  EXPECT_EQ(days.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(days.status().message().find("+10%"), std::string::npos) << days.status().message();
}

TEST(DaysToDetectTest, RejectsBadArguments) {
  const DaySeries history = MakeSeries(kMonday, 14, UsualWeek);
  EXPECT_EQ(DaysToDetect(history, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(history, -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(history, 0.2, {.power = 1.0}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(DaySeries{kMonday, {}}, 0.2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(MakeSeries(kMonday, 14, [](Day) { return 0.0; }), 0.2).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(MakeSeries(kMonday, 14, [](Day) { return -1.0; }), 0.2).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace learnloop::evaluate
