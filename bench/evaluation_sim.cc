// Prints the evaluation's error rates measured on simulated plans (see
// src/evaluate/simulation.h): false changes under no effect with a look
// every day, interval coverage and power by planted effect, and the naive
// daily t-test beside ours. Usage: evaluation_sim [plans] [seed]
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "evaluate/simulation.h"

namespace {

using learnloop::evaluate::SimulatePlans;
using learnloop::evaluate::SimulationConfig;
using learnloop::evaluate::SimulationTally;

// "4.1% ± 0.6" with the Monte Carlo standard error of a proportion.
std::string Share(int count, int plans) {
  const double p = static_cast<double>(count) / plans;
  return fmt::format("{:5.1f}% ± {:.1f}", 100 * p, 100 * std::sqrt(p * (1 - p) / plans));
}

void PrintRow(const std::string& label, const SimulationTally& t) {
  fmt::print("{:<22} {:>6} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14}\n", label, t.plans,
             Share(t.changed_any_look, t.plans), Share(t.won_any_look, t.plans), Share(t.fixed_detects_at_end, t.plans),
             Share(t.fixed_covers_at_end, t.plans), Share(t.always_valid_covers_at_end, t.plans),
             Share(t.always_valid_covers_every_look, t.plans), Share(t.naive_changed_any_look, t.plans));
  if (t.failed_evaluations > 0) fmt::print("  ({} plans failed to evaluate)\n", t.failed_evaluations);
}

}  // namespace

int main(int argc, char** argv) {
  const int plans = argc > 1 ? std::atoi(argv[1]) : 4000;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  fmt::print("{} simulated plans per row: 14-day baseline, 14-day window, a look every day\n", plans);
  fmt::print("{:<22} {:>6} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14}\n", "planted effect", "plans",
             "win/loss ever", "win ever", "fixed detects", "fixed covers", "AV covers end", "AV covers all",
             "naive t ever");
  for (const bool comparison : {false, true}) {
    for (const double lift : {0.0, 0.10, 0.25, 0.50, -0.25}) {
      SimulationConfig config;
      config.plans = plans;
      config.lift = lift;
      config.with_comparison = comparison;
      config.seed = seed;
      PrintRow(fmt::format("{:+.0f}%{}", 100 * lift, comparison ? " vs comparison" : ""), SimulatePlans(config));
    }
  }
  return 0;
}
