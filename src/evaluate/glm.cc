#include "evaluate/glm.h"

#include <algorithm>
#include <cmath>

namespace learnloop::evaluate {
namespace {

constexpr int kMaxIterations = 60;
constexpr double kTolerance = 1e-10;
// Below this share of the mean value a fitted mean is taken to be heading
// to zero, i.e. the maximum-likelihood estimate does not exist.
constexpr double kVanishingMean = 1e-8;

double Deviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
  double deviance = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    deviance += 2 * ((y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) : 0) - (y[i] - mu[i]));
  }
  return deviance;
}

}  // namespace

Result<GlmFit> FitLogLinear(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  const double mean_y = y.mean();
  if (!(mean_y > 0)) return FailedPrecondition("log-linear fit: all values are zero");
  if (Eigen::FullPivLU<Eigen::MatrixXd>(x).rank() < x.cols()) {
    return FailedPrecondition("log-linear fit: the design matrix is rank deficient");
  }
  // Start from the data, nudged off zero so the log exists.
  Eigen::VectorXd mu = (y.array() + 0.1 * mean_y).matrix();
  Eigen::VectorXd eta = mu.array().log().matrix();
  GlmFit fit;
  double deviance = Deviance(y, mu);
  for (fit.iterations = 1; fit.iterations <= kMaxIterations; ++fit.iterations) {
    const Eigen::VectorXd z = eta + ((y - mu).array() / mu.array()).matrix();
    const Eigen::MatrixXd xtw = x.transpose() * mu.asDiagonal();
    const Eigen::LDLT<Eigen::MatrixXd> information((xtw * x).eval());
    fit.coefficients = information.solve(xtw * z);
    eta = x * fit.coefficients;
    mu = eta.array().exp().matrix();
    if (mu.minCoeff() < kVanishingMean * mean_y) {
      return FailedPrecondition("log-linear fit: a group of days has no events, so its level cannot be estimated");
    }
    const double next = Deviance(y, mu);
    const bool converged = std::abs(next - deviance) <= kTolerance * (std::abs(next) + 0.1);
    deviance = next;
    if (converged) break;
  }
  if (fit.iterations > kMaxIterations) return FailedPrecondition("log-linear fit did not converge");
  const Eigen::MatrixXd information = x.transpose() * mu.asDiagonal() * x;
  fit.unscaled_covariance = information.inverse();
  fit.fitted = mu;
  fit.pearson_chi2 = ((y - mu).array().square() / mu.array()).sum();
  fit.residual_df = static_cast<int>(x.rows() - x.cols());
  return fit;
}

double Dispersion(const GlmFit& fit, bool counts) {
  const double phi = fit.residual_df > 0 ? fit.pearson_chi2 / fit.residual_df : 1.0;
  return counts ? std::max(1.0, phi) : phi;
}

}  // namespace learnloop::evaluate
