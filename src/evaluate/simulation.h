// Monte Carlo check of the evaluation's error rates: simulated plans with
// weekday seasonality and overdispersed (negative binomial) daily counts,
// a 14-day baseline and a look every day of the window, evaluated exactly
// as a team would see them. Also runs the naive daily t-test on the same
// series. Deterministic for a seed. Used by bench/evaluation_sim and a
// small version in the unit tests.
#pragma once

#include <cstdint>

namespace learnloop::evaluate {

struct SimulationConfig {
  int plans = 200;
  int baseline_days = 14;
  int window_days = 14;
  double lift = 0;               // planted effect: +0.25 is +25%
  bool with_comparison = false;  // also simulate an untouched series; both share a shift in the window
  uint64_t seed = 1;
};

// Counts over the simulated plans.
struct SimulationTally {
  int plans = 0;
  int changed_any_look = 0;  // declared a win or a loss at some look
  int won_any_look = 0;
  int fixed_covers_at_end = 0;  // the fixed-horizon interval on the last day holds the truth
  int always_valid_covers_at_end = 0;
  int always_valid_covers_every_look = 0;
  int fixed_detects_at_end = 0;    // the fixed-horizon interval excludes no change on the last day
  int naive_changed_any_look = 0;  // Welch t-test of window vs baseline days, p < alpha at some look
  int failed_evaluations = 0;      // evaluations that returned an error (should stay 0)
};

SimulationTally SimulatePlans(const SimulationConfig& config);

}  // namespace learnloop::evaluate
