// P(Y > X) and E[max(Y - X, 0)] for independent continuous posteriors,
// integrated numerically over the quantile of the narrower one so the
// integrand is bounded and smooth. Dist is a Boost.Math distribution
// (beta or gamma); `size_biased` is the law with density y f(y) / E[Y],
// which turns partial expectations into tail probabilities:
// E[Y; Y > t] = E[Y] P(Y* > t).
#pragma once

#include <boost/math/distributions/complement.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>

namespace learnloop::stats {

// Relative tolerance of the quadrature: tighter targets only chase the
// rounding noise of quantiles and cancellations, at 30x the time.
inline constexpr double kQuadratureTolerance = 1e-9;
inline constexpr unsigned kQuadratureMaxDepth = 15;

template <typename Dist>
struct Posterior {
  Dist dist;
  Dist size_biased;
};

// Integral of f(q(u)) over u in (0, 1), where q is the quantile of `dist`.
template <typename Dist, typename F>
double OverQuantiles(const Dist& dist, F f) {
  auto integrand = [&](double u) { return f(boost::math::quantile(dist, u)); };
  return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(integrand, 0.0, 1.0, kQuadratureMaxDepth,
                                                                       kQuadratureTolerance);
}

template <typename Dist>
bool Narrower(const Dist& a, const Dist& b) {
  return boost::math::standard_deviation(a) < boost::math::standard_deviation(b);
}

template <typename Dist>
double ProbGreater(const Posterior<Dist>& x, const Posterior<Dist>& y) {
  if (Narrower(x.dist, y.dist))
    return OverQuantiles(x.dist, [&](double t) { return boost::math::cdf(boost::math::complement(y.dist, t)); });
  return OverQuantiles(y.dist, [&](double t) { return boost::math::cdf(x.dist, t); });
}

// E[max(Y - X, 0)].
template <typename Dist>
double ExpectedShortfall(const Posterior<Dist>& x, const Posterior<Dist>& y) {
  using boost::math::cdf;
  using boost::math::complement;
  if (Narrower(x.dist, y.dist)) {
    const double mean_y = boost::math::mean(y.dist);
    return OverQuantiles(
        x.dist, [&](double t) { return mean_y * cdf(complement(y.size_biased, t)) - t * cdf(complement(y.dist, t)); });
  }
  const double mean_x = boost::math::mean(x.dist);
  return OverQuantiles(y.dist, [&](double t) { return t * cdf(x.dist, t) - mean_x * cdf(x.size_biased, t); });
}

}  // namespace learnloop::stats
