// Log-linear regression for non-negative daily values, fitted by
// iteratively reweighted least squares (IRLS) with the Poisson working
// weights. The estimates are the Poisson maximum-likelihood ones and stay
// consistent for overdispersed counts and amounts (quasi-likelihood); the
// caller scales the covariance by the estimated dispersion.
#pragma once

#include <Eigen/Dense>

#include "learnloop/status.h"

namespace learnloop::evaluate {

struct GlmFit {
  Eigen::VectorXd coefficients;
  Eigen::MatrixXd unscaled_covariance;  // (X' W X)^-1 at the fit
  Eigen::VectorXd fitted;               // the fitted means
  double pearson_chi2 = 0;              // sum of (y - mu)^2 / mu
  int residual_df = 0;                  // rows - columns
  int iterations = 0;
};

// Fits log E[y] = X b. y >= 0, not all zero. FailedPrecondition when X is
// rank deficient or the fit does not converge (a fitted mean heads to
// zero, as when a group of rows holds only zeros).
Result<GlmFit> FitLogLinear(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);

// The dispersion phi = Pearson chi2 / df. Counts cannot vary less than
// Poisson counts do, so for counts phi is at least 1: a small sample that
// happens to look calm must not make the intervals narrower than Poisson's.
double Dispersion(const GlmFit& fit, bool counts);

}  // namespace learnloop::evaluate
