#include "evaluate/glm.h"

#include <gtest/gtest.h>

#include <cmath>

namespace learnloop::evaluate {
namespace {

// Dobson (1990), "An Introduction to Generalized Linear Models", p. 93: the
// randomized controlled trial example R uses in ?glm (glm.D93). R prints
// outcome2 -0.4543 (SE 0.2022), outcome3 -0.2930 (SE 0.1927), intercept
// 3.045 (SE 0.1709), treatment effects 0 (SE 0.2000), on 4 residual df.
TEST(GlmTest, MatchesDobsonPoissonExampleFromRGlmDocs) {
  const double counts[] = {18, 17, 15, 20, 10, 20, 25, 13, 12};
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(9, 5);
  Eigen::VectorXd y(9);
  for (int i = 0; i < 9; ++i) {
    const int outcome = i % 3;    // gl(3, 1, 9)
    const int treatment = i / 3;  // gl(3, 3)
    x(i, 0) = 1;
    if (outcome > 0) x(i, outcome) = 1;
    if (treatment > 0) x(i, 2 + treatment) = 1;
    y[i] = counts[i];
  }
  Result<GlmFit> fit = FitLogLinear(x, y);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_NEAR(fit->coefficients[0], 3.045, 5e-4);
  EXPECT_NEAR(fit->coefficients[1], -0.4543, 5e-5);
  EXPECT_NEAR(fit->coefficients[2], -0.2930, 5e-5);
  EXPECT_NEAR(fit->coefficients[3], 0, 1e-9);
  EXPECT_NEAR(fit->coefficients[4], 0, 1e-9);
  EXPECT_NEAR(std::sqrt(fit->unscaled_covariance(0, 0)), 0.1709, 5e-5);
  EXPECT_NEAR(std::sqrt(fit->unscaled_covariance(1, 1)), 0.2022, 5e-5);
  EXPECT_NEAR(std::sqrt(fit->unscaled_covariance(2, 2)), 0.1927, 5e-5);
  EXPECT_NEAR(std::sqrt(fit->unscaled_covariance(3, 3)), 0.2000, 5e-5);
  EXPECT_EQ(fit->residual_df, 4);
}

// With an intercept and a window indicator only, the Poisson MLE of the
// window coefficient is log(mean window / mean baseline), and its variance
// is 1/total baseline + 1/total window.
TEST(GlmTest, TwoGroupsGiveTheLogRatioOfMeans) {
  const double values[] = {4, 7, 5, 9, 11, 13, 8};
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(7, 2);
  Eigen::VectorXd y(7);
  for (int i = 0; i < 7; ++i) {
    x(i, 1) = i >= 4 ? 1 : 0;
    y[i] = values[i];
  }
  Result<GlmFit> fit = FitLogLinear(x, y);
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(fit->coefficients[1], std::log((32.0 / 3) / (25.0 / 4)), 1e-10);
  EXPECT_NEAR(fit->unscaled_covariance(1, 1), 1 / 25.0 + 1 / 32.0, 1e-10);
  EXPECT_NEAR(fit->fitted[0], 25.0 / 4, 1e-9);
}

TEST(GlmTest, DispersionIsPearsonOverDfWithAFloorForCounts) {
  GlmFit fit;
  fit.pearson_chi2 = 10;
  fit.residual_df = 20;
  EXPECT_DOUBLE_EQ(Dispersion(fit, true), 1.0);
  EXPECT_DOUBLE_EQ(Dispersion(fit, false), 0.5);
  fit.pearson_chi2 = 60;
  EXPECT_DOUBLE_EQ(Dispersion(fit, true), 3.0);
}

TEST(GlmTest, RefusesAGroupWithoutEvents) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(6, 2);
  Eigen::VectorXd y(6);
  y << 3, 4, 5, 0, 0, 0;
  for (int i = 0; i < 6; ++i) x(i, 1) = i >= 3 ? 1 : 0;
  Result<GlmFit> fit = FitLogLinear(x, y);
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().code(), StatusCode::kFailedPrecondition);
}

TEST(GlmTest, RefusesRankDeficientDesignsAndAllZeroValues) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(4, 2);
  Eigen::VectorXd y(4);
  y << 1, 2, 3, 4;
  EXPECT_EQ(FitLogLinear(x, y).status().code(), StatusCode::kFailedPrecondition);
  x.col(1) << 0, 0, 1, 1;
  EXPECT_EQ(FitLogLinear(x, Eigen::VectorXd::Zero(4)).status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace learnloop::evaluate
