#include <gtest/gtest.h>

#include <cmath>

#include "learnloop/stats.h"

namespace learnloop {
namespace {

// Reference values: R's poisson.test(c(xB, xA), c(eB, eA)), which is
// binom.test(xB, xA + xB, eB / (eA + eB)) with the interval mapped to the
// ratio scale. Each was recomputed independently with exact binomial sums
// and bisection for the Clopper-Pearson ends (Python, math.comb).

TEST(RateTestTest, MatchesREbaExample) {
  // ?poisson.test: poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)) prints
  // rate ratio 1.971488, 95% CI 0.8584264 4.2772659, p-value = 0.07967.
  auto r = RateTest({21, 3011}, {11, 800});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(r->rate_ratio, 1.971488095, 1e-8);
  EXPECT_NEAR(r->ci_low, 0.8584264034, 1e-8);
  EXPECT_NEAR(r->ci_high, 4.277265944, 1e-8);
  EXPECT_NEAR(r->p_value, 0.07966863303, 1e-9);
}

TEST(RateTestTest, SymmetricTiesCountBothTails) {
  // Equal exposures: binom.test(3, 13) two-sided = 2 * (1+13+78+286) / 2^13
  // exactly; P(X=10) equals P(X=3) and must be counted despite rounding.
  auto r = RateTest({10, 100}, {3, 100});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->rate_ratio, 0.3);
  EXPECT_NEAR(r->p_value, 756.0 / 8192.0, 1e-12);
  EXPECT_NEAR(r->ci_low, 0.05305399048, 1e-8);
  EXPECT_NEAR(r->ci_high, 1.16511861, 1e-7);
}

TEST(RateTestTest, ZeroCountInB) {
  // binom.test(0, 5): p = 2 / 2^5; upper end solves (1 - p)^5 = 0.025.
  auto r = RateTest({5, 100}, {0, 100});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rate_ratio, 0);
  EXPECT_EQ(r->ci_low, 0);
  EXPECT_NEAR(r->ci_high, 1.091279105, 1e-8);
  EXPECT_NEAR(r->p_value, 0.0625, 1e-12);
}

TEST(RateTestTest, ZeroCountInAGivesInfiniteRatio) {
  auto r = RateTest({0, 100}, {5, 100});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::isinf(r->rate_ratio));
  EXPECT_TRUE(std::isinf(r->ci_high));
  EXPECT_NEAR(r->ci_low, 1 / 1.091279105, 1e-8);  // the mirror of ZeroCountInB
  EXPECT_NEAR(r->p_value, 0.0625, 1e-12);
}

TEST(RateTestTest, EqualRatesGivePValueOne) {
  auto r = RateTest({10, 100}, {10, 100});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->rate_ratio, 1);
  EXPECT_EQ(r->p_value, 1);
  EXPECT_NEAR(r->ci_low, 0.3735468467, 1e-8);
  EXPECT_NEAR(r->ci_high, 2.6770404, 1e-6);
}

TEST(RateTestTest, OneSidedAlternatives) {
  // n = 9, p0 = 50 / 150: P(X >= 7) and P(X <= 7); 90% one-sided ends.
  auto greater = RateTest({2, 100}, {7, 50}, Alternative::kGreater, 0.9);
  ASSERT_TRUE(greater.ok());
  EXPECT_DOUBLE_EQ(greater->rate_ratio, 7.0);
  EXPECT_NEAR(greater->p_value, 0.008281257938, 1e-11);
  EXPECT_NEAR(greater->ci_low, 2.080956427, 1e-8);
  EXPECT_TRUE(std::isinf(greater->ci_high));
  auto less = RateTest({2, 100}, {7, 50}, Alternative::kLess, 0.9);
  ASSERT_TRUE(less.ok());
  EXPECT_NEAR(less->p_value, 0.9990346999, 1e-9);
  EXPECT_EQ(less->ci_low, 0);
  EXPECT_NEAR(less->ci_high, 30.91149050, 1e-6);
}

TEST(RateTestTest, HugeCountsStayAccurateAndFast) {
  // 2 * P(X >= 1,002,000) for X ~ Binomial(2,002,000, 1/2), summed in
  // log space term by term; the interval is close to the normal
  // approximation ratio * exp(+-1.96 sqrt(1/xA + 1/xB)).
  auto r = RateTest({1000000, 1e6}, {1002000, 1e6});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->p_value, 0.1577144529, 1e-7);
  EXPECT_NEAR(r->rate_ratio, 1.002, 1e-12);
  EXPECT_NEAR(r->ci_low, 1.002 * std::exp(-1.959964 * std::sqrt(1 / 1e6 + 1 / 1.002e6)), 2e-5);
  EXPECT_NEAR(r->ci_high, 1.002 * std::exp(1.959964 * std::sqrt(1 / 1e6 + 1 / 1.002e6)), 2e-5);
}

TEST(RateTestTest, RejectsBadInput) {
  EXPECT_EQ(RateTest({1, 0}, {1, 10}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RateTest({1, 10}, {1, -5}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RateTest({-1, 10}, {1, 10}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RateTest({1, 10}, {1, 10}, Alternative::kTwoSided, 1.0).status().code(), StatusCode::kInvalidArgument);
  auto none = RateTest({0, 10}, {0, 10});
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(none.status().message().find("neither group"), std::string::npos);
  EXPECT_NE(RateTest({1, 0}, {1, 10}).status().message().find("group A: exposure"), std::string::npos);
}

}  // namespace
}  // namespace learnloop
