#include <gtest/gtest.h>

#include <cmath>

#include "learnloop/stats.h"

namespace learnloop {
namespace {

// R's sleep data (Cushny & Peebles), extra hours of sleep:
//   group 1: 0.7 -1.6 -0.2 -1.2 -0.1 3.4 3.7 0.8 0.0 2.0  (sum 7.5, sum of squares 34.43)
//   group 2: 1.9 0.8 1.1 0.1 -0.1 4.4 5.5 1.6 4.6 3.4    (sum 23.3, sum of squares 90.37)
// ?t.test's example t.test(extra ~ group, data = sleep) prints t = -1.8608,
// df = 17.776, p-value = 0.07939, 95% CI -3.3654832 0.2054832 for group 1 - group 2.
constexpr MomentSums kSleep1{7.5, 34.43, 10};
constexpr MomentSums kSleep2{23.3, 90.37, 10};

TEST(MeanTestTest, MatchesRWelchOnSleepData) {
  auto r = MeanTest(kSleep1, kSleep2);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(r->effect, 1.58, 1e-12);
  EXPECT_NEAR(r->df, 17.77647352, 1e-7);
  EXPECT_NEAR(r->p_value, 0.07939414, 1e-7);
  EXPECT_NEAR(r->ci_low, -0.2054832307, 1e-8);
  EXPECT_NEAR(r->ci_high, 3.365483231, 1e-8);
}

TEST(MeanTestTest, SwappingGroupsFlipsTheSign) {
  auto r = MeanTest(kSleep2, kSleep1);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->effect, -1.58, 1e-12);
  EXPECT_NEAR(r->ci_low, -3.365483231, 1e-8);
  EXPECT_NEAR(r->p_value, 0.07939414, 1e-7);
}

TEST(MeanTestTest, RelativeLiftUsesDeltaMethod) {
  // Means 10 and 12, variances 4 and 9, n = 50 and 40:
  // Var(lift) = 9/40/100 + 144*4/50/10^4 = 0.003402; parts 0.00115 and 0.00225;
  // Satterthwaite df = 0.003402^2 / (0.001152^2/49 + 0.00225^2/39).
  const MomentSums a{500, 50 * 100 + 49 * 4, 50};
  const MomentSums b{480, 40 * 144 + 39 * 9, 40};
  auto r = MeanTest(a, b, /*relative=*/true);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(r->effect, 0.2, 1e-12);
  const double part_a = 144.0 * 4 / 50 / 1e4;
  const double part_b = 9.0 / 40 / 100;
  const double df = (part_a + part_b) * (part_a + part_b) / (part_a * part_a / 49 + part_b * part_b / 39);
  EXPECT_NEAR(r->df, df, 1e-9);
  const double half_width = (r->ci_high - r->ci_low) / 2;
  // t quantile for ~74 df lies between the normal's 1.960 and t(60)'s 2.000.
  EXPECT_GT(half_width / std::sqrt(part_a + part_b), 1.96);
  EXPECT_LT(half_width / std::sqrt(part_a + part_b), 2.0);
  EXPECT_LT(r->p_value, 0.001);
}

TEST(MeanTestTest, ConstantGroupAgainstVaryingGroup) {
  // A is constant (variance 0): df falls back to n_B - 1.
  auto r = MeanTest({50, 250, 10}, {60, 380, 10});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->effect, 1, 1e-12);
  EXPECT_NEAR(r->df, 9, 1e-9);
}

TEST(MeanTestTest, RejectsBadInput) {
  EXPECT_EQ(MeanTest({1, 1, 1}, kSleep2).status().code(), StatusCode::kInvalidArgument);
  auto impossible = MeanTest({10, 5, 4}, kSleep2);
  EXPECT_EQ(impossible.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(impossible.status().message().find("group A: SUMSQ"), std::string::npos);
  EXPECT_EQ(MeanTest({50, 250, 10}, {50, 250, 10}).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(MeanTest({0, 10, 10}, kSleep2, true).status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace learnloop
