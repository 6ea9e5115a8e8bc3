#include <gtest/gtest.h>

#include "learnloop/stats.h"

namespace learnloop {
namespace {

// Hand computations of the documented formula with z_0.975 = 1.959964 and
// z_0.8 = 0.841621 (standard normal tables): c^2 = (log(1.1) / 2.801585)^2
// = 0.0011574 for a 10% lift.

TEST(DaysToDetectTest, EqualLengthBaseline) {
  // (1/100 + 1/110) / c^2 = 16.50 -> 17 days.
  auto days = DaysToDetect(100, 1, 0.10);
  ASSERT_TRUE(days.ok()) << days.status().message();
  EXPECT_EQ(*days, 17);
}

TEST(DaysToDetectTest, FixedBaseline) {
  // 1 / (110 (c^2 - 1/2800)) = 11.36 -> 12 days against 28 baseline days.
  auto days = DaysToDetect(100, 1, 0.10, 0.05, 0.8, 28);
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(*days, 12);
}

TEST(DaysToDetectTest, OverdispersionAndDeclines) {
  // A 20% drop at mean 20 with variance 3x the mean:
  // 3 (1/20 + 1/16) / (log(0.8) / 2.801585)^2 = 53.2 -> 54 days.
  auto days = DaysToDetect(20, 3, -0.20);
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(*days, 54);
}

TEST(DaysToDetectTest, NeverLessThanOneDay) {
  auto days = DaysToDetect(1e6, 1, 1.0);
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(*days, 1);
}

TEST(DaysToDetectTest, BaselineTooShortSaysHowLongItMustBe) {
  // The baseline alone uses the budget when 1/(100 B) >= c^2, i.e. B <= 8.64.
  auto days = DaysToDetect(100, 1, 0.10, 0.05, 0.8, 8);
  EXPECT_EQ(days.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(days.status().message().find("needs at least 9 days"), std::string::npos) << days.status().message();
  EXPECT_TRUE(DaysToDetect(100, 1, 0.10, 0.05, 0.8, 9).ok());
}

TEST(DaysToDetectTest, TinyChangesAreRefused) {
  EXPECT_EQ(DaysToDetect(0.1, 5, 0.001).status().code(), StatusCode::kFailedPrecondition);
}

TEST(DaysToDetectTest, RejectsBadInput) {
  EXPECT_EQ(DaysToDetect(0, 1, 0.1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(10, 0, 0.1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(10, 1, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(10, 1, -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(10, 1, 0.1, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(10, 1, 0.1, 0.05, 0.3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DaysToDetect(10, 1, 0.1, 0.05, 0.8, -3).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace learnloop
