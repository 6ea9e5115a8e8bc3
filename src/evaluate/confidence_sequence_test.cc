#include "evaluate/confidence_sequence.h"

#include <gtest/gtest.h>

#include <cmath>

#include "demo/random.h"

namespace learnloop::evaluate {
namespace {

TEST(ConfidenceSequenceTest, BoundaryMatchesTheNormalMixtureFormula) {
  // sqrt((10 + 2) * log(12 / (2 * 0.05^2))) = sqrt(12 * log(2400)).
  EXPECT_NEAR(NormalMixtureBoundary(10, 2, 0.05), 9.664299674, 1e-8);
  // At v = 0 the boundary is sqrt(rho * 2 log(1/alpha)).
  EXPECT_NEAR(NormalMixtureBoundary(0, 4, 0.05), std::sqrt(4 * 2 * std::log(20.0)), 1e-12);
}

TEST(ConfidenceSequenceTest, HalfWidthIsTheBoundaryOverTheInformation) {
  const double se = 0.2;
  EXPECT_NEAR(AlwaysValidHalfWidth(se, 3, 0.05), NormalMixtureBoundary(25, 3, 0.05) / 25, 1e-12);
  // Always wider than the fixed 95% interval, and narrower with more data.
  EXPECT_GT(AlwaysValidHalfWidth(se, 3, 0.05), 1.96 * se);
  EXPECT_LT(AlwaysValidHalfWidth(0.1, 3, 0.05), AlwaysValidHalfWidth(0.2, 3, 0.05));
}

TEST(ConfidenceSequenceTest, TunedRhoGivesTheNarrowestIntervalAtThePlannedInformation) {
  const double m = 80;
  const double rho = TunedRho(m, 0.05);
  const double best = NormalMixtureBoundary(m, rho, 0.05);
  EXPECT_LT(best, NormalMixtureBoundary(m, rho * 1.05, 0.05));
  EXPECT_LT(best, NormalMixtureBoundary(m, rho / 1.05, 0.05));
  // The fixed point x = log((1 + x) / alpha^2) for alpha = 0.05 is about 8.1.
  EXPECT_NEAR(m / rho, std::log((1 + m / rho) / 0.0025), 1e-9);
}

// A Gaussian random walk (S_t with V_t = t) crosses the boundary at some
// step no more often than alpha: the property the daily reading relies on.
TEST(ConfidenceSequenceTest, RandomWalksCrossTheBoundaryAtMostAlphaOfTheTime) {
  demo::Rng rng(11);
  const int paths = 4000, steps = 200;
  const double rho = TunedRho(50, 0.05);
  int crossed = 0, crossed_fixed = 0;
  for (int p = 0; p < paths; ++p) {
    double s = 0;
    bool mixture = false, fixed = false;
    for (int t = 1; t <= steps; ++t) {
      s += rng.Normal();
      mixture |= std::abs(s) >= NormalMixtureBoundary(t, rho, 0.05);
      fixed |= std::abs(s) >= 1.96 * std::sqrt(t);
    }
    crossed += mixture;
    crossed_fixed += fixed;
  }
  // 5% plus three Monte Carlo standard errors (0.34%).
  EXPECT_LE(crossed, static_cast<int>(paths * (0.05 + 3 * 0.0034)));
  // The fixed 95% boundary checked at every step is crossed far more often.
  EXPECT_GT(crossed_fixed, paths / 4);
}

}  // namespace
}  // namespace learnloop::evaluate
