#include "demo/random.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace learnloop::demo {
namespace {

uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Rng::Rng(uint64_t seed) {
  for (uint64_t& s : s_) s = SplitMix64(seed);
}

Rng::Rng(uint64_t seed, uint64_t stream) {
  uint64_t mixed = stream;
  mixed = SplitMix64(mixed) ^ seed;
  for (uint64_t& s : s_) s = SplitMix64(mixed);
}

uint64_t Rng::Next() {
  uint64_t result = RotateLeft(s_[1] * 5, 7) * 9;
  uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = RotateLeft(s_[3], 45);
  return result;
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

uint64_t Rng::Below(uint64_t n) {
  // Multiply-shift keeps the bias below 2^-64 * n, invisible at demo sizes.
  return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
}

double Rng::Exponential(double mean) { return -mean * std::log1p(-Uniform()); }

double Rng::Normal() {
  double u1 = 1.0 - Uniform();  // in (0, 1], so the log is finite
  double u2 = Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Rng::LogNormal(double mu, double sigma) { return std::exp(mu + sigma * Normal()); }

int64_t Rng::Poisson(double mean) {
  if (mean <= 0) return 0;
  if (mean > 30) return std::max<int64_t>(0, std::llround(mean + std::sqrt(mean) * Normal()));
  double u = Uniform();
  // P(0) = e^-mean >= 1 - mean: most calls end here without an exp().
  if (u < 1.0 - mean) return 0;
  double p = std::exp(-mean);
  double cdf = p;
  int64_t k = 0;
  while (u >= cdf && p > 0) {
    ++k;
    p *= mean / static_cast<double>(k);
    cdf += p;
  }
  return k;
}

int64_t Rng::Geometric(double p) {
  if (p >= 1) return 0;
  return static_cast<int64_t>(std::floor(std::log1p(-Uniform()) / std::log1p(-p)));
}

}  // namespace learnloop::demo
