#!/usr/bin/env bash
# Prints the evaluation's simulated error rates (docs/evaluation.md quotes
# them): bench/evaluation_sim.sh [PLANS] [SEED]   (defaults: 10000 plans, seed 1)
# Builds only the simulation, in BUILD_DIR (default build). Not part of scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-build}"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
ninja -C "$BUILD_DIR" evaluation_sim >/dev/null
/usr/bin/time -f "simulated in %e s" "$BUILD_DIR/bench/evaluation_sim" "${1:-10000}" "${2:-1}"
