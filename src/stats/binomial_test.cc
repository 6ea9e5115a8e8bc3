#include "stats/binomial_test.h"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>

namespace learnloop::stats {
namespace {

using Binomial = boost::math::binomial_distribution<double>;

// P(X <= k); 0 for k < 0.
double Cdf(const Binomial& dist, int64_t k) {
  if (k < 0) return 0;
  if (static_cast<double>(k) >= dist.trials()) return 1;
  return boost::math::cdf(dist, static_cast<double>(k));
}

// P(X >= k); 1 for k <= 0.
double UpperTail(const Binomial& dist, int64_t k) {
  if (k <= 0) return 1;
  if (static_cast<double>(k) > dist.trials()) return 0;
  return boost::math::cdf(boost::math::complement(dist, static_cast<double>(k - 1)));
}

double Pmf(const Binomial& dist, int64_t k) { return boost::math::pdf(dist, static_cast<double>(k)); }

// First k in [lo, hi] with pred(k) true, for a predicate that flips from
// false to true once; hi + 1 when it never holds.
template <typename Pred>
int64_t FirstTrue(int64_t lo, int64_t hi, Pred pred) {
  int64_t end = hi + 1;
  while (lo < end) {
    int64_t mid = lo + (end - lo) / 2;
    if (pred(mid)) {
      end = mid;
    } else {
      lo = mid + 1;
    }
  }
  return end;
}

// R's rule: outcomes on the far side of the mean no more likely than x
// count as extreme. The pmf is monotone on each side of the mean (the mode
// lies between floor(m) and ceil(m)), so a binary search finds them.
double TwoSidedP(const Binomial& dist, int64_t x, int64_t n) {
  const double m = static_cast<double>(n) * dist.success_fraction();
  const double threshold = Pmf(dist, x) * (1 + 1e-7);
  if (static_cast<double>(x) == m) return 1;
  double p;
  if (static_cast<double>(x) < m) {
    const int64_t first =
        FirstTrue(static_cast<int64_t>(std::ceil(m)), n, [&](int64_t k) { return Pmf(dist, k) <= threshold; });
    p = Cdf(dist, x) + UpperTail(dist, first);
  } else {
    const int64_t first_above =
        FirstTrue(0, static_cast<int64_t>(std::floor(m)), [&](int64_t k) { return Pmf(dist, k) > threshold; });
    p = Cdf(dist, first_above - 1) + UpperTail(dist, x);
  }
  return std::min(1.0, p);
}

}  // namespace

double BinomialTestP(int64_t x, int64_t n, double p, Alternative alternative) {
  const Binomial dist(static_cast<double>(n), p);
  switch (alternative) {
    case Alternative::kGreater:
      return UpperTail(dist, x);
    case Alternative::kLess:
      return Cdf(dist, x);
    case Alternative::kTwoSided:
      break;
  }
  return TwoSidedP(dist, x, n);
}

Interval ClopperPearson(int64_t x, int64_t n, Alternative alternative, double conf_level) {
  const double tail = alternative == Alternative::kTwoSided ? (1 - conf_level) / 2 : 1 - conf_level;
  const double xd = static_cast<double>(x);
  const double nd = static_cast<double>(n);
  Interval out;
  if (alternative != Alternative::kLess && x > 0) out.low = boost::math::ibeta_inv(xd, nd - xd + 1, tail);
  if (alternative != Alternative::kGreater && x < n) out.high = boost::math::ibeta_inv(xd + 1, nd - xd, 1 - tail);
  return out;
}

}  // namespace learnloop::stats
