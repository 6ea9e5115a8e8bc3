#include "stats/bayes_ab.h"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>

#include "learnloop/stats.h"
#include "stats/checks.h"
#include "stats/posterior_integrals.h"

namespace learnloop {
namespace stats {
namespace {

using BetaDist = boost::math::beta_distribution<double>;
using GammaDist = boost::math::gamma_distribution<double>;

// Beyond this many terms the integral is as accurate and faster.
constexpr double kMaxClosedFormTerms = 20000;

double LogBeta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

bool SmallWholeNumber(double x) { return x == std::floor(x) && x <= kMaxClosedFormTerms; }

// Evan Miller, "Formulas for Bayesian A/B Testing" (2014): for whole alpha_b,
// P(pB > pA) = sum_{i<alpha_b} B(aA+i, bA+bB) / ((bB+i) B(1+i, bB) B(aA, bA)).
// Every term is positive, so the sum is stable in logs.
double MillerSum(double alpha_a, double beta_a, double alpha_b, double beta_b) {
  double total = 0;
  for (double i = 0; i < alpha_b; ++i)
    total += std::exp(LogBeta(alpha_a + i, beta_a + beta_b) - std::log(beta_b + i) - LogBeta(1 + i, beta_b) -
                      LogBeta(alpha_a, beta_a));
  return total;
}

Posterior<BetaDist> BetaPosterior(double alpha, double beta) {
  return {BetaDist(alpha, beta), BetaDist(alpha + 1, beta)};
}

Posterior<GammaDist> GammaPosterior(double shape, double rate) {
  return {GammaDist(shape, 1 / rate), GammaDist(shape + 1, 1 / rate)};
}

template <typename Dist>
BayesComparison Compare(const Posterior<Dist>& a, const Posterior<Dist>& b, double prob_b_beats_a) {
  return {prob_b_beats_a, ExpectedShortfall(a, b), ExpectedShortfall(b, a)};
}

}  // namespace

std::optional<double> BetaProbBBeatsAClosedForm(double alpha_a, double beta_a, double alpha_b, double beta_b) {
  if (SmallWholeNumber(alpha_b)) return MillerSum(alpha_a, beta_a, alpha_b, beta_b);
  if (SmallWholeNumber(alpha_a)) return 1 - MillerSum(alpha_b, beta_b, alpha_a, beta_a);
  return std::nullopt;
}

double BetaProbBBeatsAIntegral(double alpha_a, double beta_a, double alpha_b, double beta_b) {
  return ProbGreater(BetaPosterior(alpha_a, beta_a), BetaPosterior(alpha_b, beta_b));
}

}  // namespace stats

Result<BayesComparison> BetaAb(BinomialSample a, BinomialSample b, BetaPrior prior) {
  LL_RETURN_IF_ERROR(stats::CheckBinomialSample("group A", a));
  LL_RETURN_IF_ERROR(stats::CheckBinomialSample("group B", b));
  LL_RETURN_IF_ERROR(stats::CheckPositive("the prior's first parameter", prior.alpha));
  LL_RETURN_IF_ERROR(stats::CheckPositive("the prior's second parameter", prior.beta));
  const double alpha_a = prior.alpha + static_cast<double>(a.successes);
  const double beta_a = prior.beta + static_cast<double>(a.trials - a.successes);
  const double alpha_b = prior.alpha + static_cast<double>(b.successes);
  const double beta_b = prior.beta + static_cast<double>(b.trials - b.successes);
  const double prob = stats::BetaProbBBeatsAClosedForm(alpha_a, beta_a, alpha_b, beta_b)
                          .value_or(stats::BetaProbBBeatsAIntegral(alpha_a, beta_a, alpha_b, beta_b));
  return stats::Compare(stats::BetaPosterior(alpha_a, beta_a), stats::BetaPosterior(alpha_b, beta_b), prob);
}

Result<BayesComparison> GammaAb(CountSample a, CountSample b, GammaPrior prior) {
  LL_RETURN_IF_ERROR(stats::CheckCountSample("group A", a));
  LL_RETURN_IF_ERROR(stats::CheckCountSample("group B", b));
  LL_RETURN_IF_ERROR(stats::CheckPositive("the prior's shape", prior.shape));
  LL_RETURN_IF_ERROR(stats::CheckNonNegative("the prior's rate", prior.rate));
  const double shape_a = prior.shape + static_cast<double>(a.count);
  const double rate_a = prior.rate + a.exposure;
  const double shape_b = prior.shape + static_cast<double>(b.count);
  const double rate_b = prior.rate + b.exposure;
  // rate_a*lambdaA / (rate_a*lambdaA + rate_b*lambdaB) ~ Beta(shape_a, shape_b),
  // and lambdaB > lambdaA exactly when it is below rate_a / (rate_a + rate_b).
  const double prob = boost::math::ibeta(shape_a, shape_b, rate_a / (rate_a + rate_b));
  return stats::Compare(stats::GammaPosterior(shape_a, rate_a), stats::GammaPosterior(shape_b, rate_b), prob);
}

}  // namespace learnloop
