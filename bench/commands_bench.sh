#!/usr/bin/env bash
# Whole commands on a 10 M event workspace: the first `ladder` after the
# import (reads SQLite, builds and saves the engine) and later ones (from
# engine.snapshot), as wall seconds and peak memory, medians of REPEAT.
#   bench/commands_bench.sh [BINARY] [PEOPLE] [DAYS]
# BINARY defaults to build/cli/learnloop; give another build's binary to
# compare (each binary gets its own workspace, cached in build/bench-data/).
# Not part of scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${1:-build/cli/learnloop}")"
PEOPLE="${2:-1000000}"
DAYS="${3:-365}"
REPEAT="${REPEAT:-5}"
mkdir -p build/bench-data
data="build/bench-data/events-${PEOPLE}p-${DAYS}d.csv"
if [ ! -f "$data" ]; then
  echo "== generating $data"
  "$BIN" demo generate --people "$PEOPLE" --days "$DAYS" --seed 1 --end 2024-12-31 --out "$data"
fi
ws="build/bench-data/ws-${PEOPLE}p-${DAYS}d-$(sha256sum "$BIN" | cut -c1-12)"
if [ ! -f "$ws/learnloop.db" ]; then
  echo "== importing into $ws"
  rm -rf "$ws"
  "$BIN" init -w "$ws" >/dev/null
  /usr/bin/time -f "import: %e s, peak %M KiB" "$BIN" import -w "$ws" "$data" >/dev/null
fi
source bench/lib.sh
run() {  # run: one `ladder --as-of`, printing "seconds kib"
  /usr/bin/time -f "%e %M" -o "$ws/.time" "$BIN" ladder -w "$ws" --as-of 2024-12-31 >/dev/null
  cat "$ws/.time"
}
rm -f "$ws/engine.snapshot"
read -r first_s first_kib < <(run)
echo "ladder, first command (builds and saves the engine): ${first_s} s, peak $((first_kib / 1024)) MiB"
: >"$ws/.runs"
for _ in $(seq "$REPEAT"); do run >>"$ws/.runs"; done
echo "ladder, from the saved engine: median $(cut -d' ' -f1 "$ws/.runs" | median) s," \
  "peak $(($(cut -d' ' -f2 "$ws/.runs" | median) / 1024)) MiB (median of $REPEAT)"
