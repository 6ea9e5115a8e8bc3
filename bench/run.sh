#!/usr/bin/env bash
# Runs the foundation benchmarks on generated data and prints their figures:
#   bench/run.sh [PEOPLE] [DAYS]     (defaults: 1,000,000 people, 365 days)
# The data file is cached in build/bench-data/. Not part of scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE="${1:-1000000}"
DAYS="${2:-365}"
scripts/deps
scripts/build release
mkdir -p build/bench-data
data="build/bench-data/events-${PEOPLE}p-${DAYS}d.csv"
if [ ! -f "$data" ]; then
  echo "== generating $data"
  /usr/bin/time -f "generated in %e s, peak %M KiB" \
    build/cli/learnloop demo generate --people "$PEOPLE" --days "$DAYS" --seed 1 --end 2024-12-31 --out "$data"
fi
echo "== foundation_bench (medians)"
build/bench/foundation_bench "$data" --as-of 2024-12-31 --repeat "${REPEAT:-3}"
echo "== ladder_vs_sql"
bench/ladder_vs_sql.sh "$data" 2024-12-31
echo "== micro_bench"
build/bench/micro_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
echo "== import_bench (medians)"
build/bench/import_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
