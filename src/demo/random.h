// A small, fully specified random generator and the distributions the demo
// needs. std:: distributions differ between standard libraries; these give
// the same numbers everywhere, so demo output is byte-identical for a seed.
#pragma once

#include <cstdint>

namespace learnloop::demo {

// One step of splitmix64: a good 64-bit mix of `x`, also used for seeding.
uint64_t SplitMix64(uint64_t& state);

// xoshiro256** seeded through splitmix64, with its distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed);
  // Seeded from two numbers, e.g. (seed, stream) for independent streams.
  Rng(uint64_t seed, uint64_t stream);

  uint64_t Next();
  // Uniform in [0, 1).
  double Uniform();
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n);
  bool Bernoulli(double p) { return Uniform() < p; }
  // Exponential with the given mean.
  double Exponential(double mean);
  // Standard normal, from Box-Muller.
  double Normal();
  // exp(N(mu, sigma)).
  double LogNormal(double mu, double sigma);
  // Poisson by inversion, exact; fast when the mean is small, as it is for
  // one person's day. Means above 30 use a rounded normal approximation.
  int64_t Poisson(double mean);
  // Failures before the first success, mean (1-p)/p; 0 < p <= 1.
  int64_t Geometric(double p);

 private:
  uint64_t s_[4];
};

}  // namespace learnloop::demo
