#include "evaluate/confidence_sequence.h"

#include <cmath>

namespace learnloop::evaluate {

double NormalMixtureBoundary(double v, double rho, double alpha) {
  return std::sqrt((v + rho) * std::log((v + rho) / (rho * alpha * alpha)));
}

double AlwaysValidHalfWidth(double se, double rho, double alpha) {
  const double information = 1 / (se * se);
  return NormalMixtureBoundary(information, rho, alpha) / information;
}

double TunedRho(double information, double alpha) {
  // d/drho of (m + rho) log((m + rho) / (rho alpha^2)) vanishes where
  // log((1 + x) / alpha^2) = x for x = m / rho; the map is a contraction
  // near its fixed point, so plain iteration converges in a few steps.
  double x = -2 * std::log(alpha);
  for (int i = 0; i < 50; ++i) x = std::log((1 + x) / (alpha * alpha));
  return information / x;
}

}  // namespace learnloop::evaluate
