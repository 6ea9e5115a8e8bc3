// Internals of the Bayesian comparisons, exposed so tests can check the
// closed form against the numerical integral.
#pragma once

#include <optional>

namespace learnloop::stats {

// P(pB > pA) for pA ~ Beta(alpha_a, beta_a), pB ~ Beta(alpha_b, beta_b) by
// Evan Miller's finite sum, when alpha_b (or, by symmetry, alpha_a) is a
// whole number small enough for the sum; nullopt otherwise.
std::optional<double> BetaProbBBeatsAClosedForm(double alpha_a, double beta_a, double alpha_b, double beta_b);

// The same probability by numerical integration; any parameters > 0.
double BetaProbBBeatsAIntegral(double alpha_a, double beta_a, double alpha_b, double beta_b);

}  // namespace learnloop::stats
