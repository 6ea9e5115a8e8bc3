// The exact binomial test and Clopper-Pearson interval, as R's binom.test
// computes them; the rate test reduces to these by conditioning on the total.
#pragma once

#include <cstdint>

#include "learnloop/stats.h"

namespace learnloop::stats {

// P-value of x successes in n trials against success probability p
// (0 < p < 1). Two-sided sums every outcome no more likely than x, within
// a relative tolerance of 1e-7, as R does. Works for n up to 2^53 in
// O(log n) probability evaluations.
double BinomialTestP(int64_t x, int64_t n, double p, Alternative alternative);

struct Interval {
  double low = 0;
  double high = 1;
};

// Exact (Clopper-Pearson) interval for the success probability at
// `conf_level`; one-sided alternatives leave the other end at 0 or 1.
Interval ClopperPearson(int64_t x, int64_t n, Alternative alternative, double conf_level);

}  // namespace learnloop::stats
