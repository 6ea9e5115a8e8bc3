#!/usr/bin/env bash
# The ladder with and without linked identities, on the demo's events:
# imports PEOPLE supporters' events, times `ladder` (whole process, from the
# saved engine), then imports the demo's CRM export, whose email and handle
# columns link identities, and times it again. Linking is resolved once per
# command into the engine's person column, so the two should be close.
#   bench/links_bench.sh [PEOPLE] [DAYS]   (defaults: 1,000,000 people, 365 days)
# Prints each run and the medians of REPEAT (default 5). Not part of scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE="${1:-1000000}"
DAYS="${2:-365}"
REPEAT="${REPEAT:-5}"
scripts/deps
scripts/build release >/dev/null
bin=build/cli/learnloop
source bench/lib.sh
demo_data "$bin" "$PEOPLE" "$DAYS"
ws="$(mktemp -d)/ws"
trap 'rm -rf "$(dirname "$ws")"' EXIT
"$bin" init -w "$ws" >/dev/null
/usr/bin/time -f "event import: %e s, peak %M KiB" "$bin" import -w "$ws" "$events" >/dev/null

ladder() {  # ladder LABEL: REPEAT timed runs after one that may build the engine
  local label="$1" out times="" kib="" t
  out="$(/usr/bin/time -f "%e %M" "$bin" ladder -w "$ws" --as-of 2024-12-31 --json 2>&1 >/dev/null | tail -1)"
  echo "$label: first run ${out% *} s, peak ${out#* } KiB"
  for _ in $(seq "$REPEAT"); do
    out="$(/usr/bin/time -f "%e %M" "$bin" ladder -w "$ws" --as-of 2024-12-31 --json 2>&1 >/dev/null | tail -1)"
    times+="${out% *}"$'\n'
    kib="${out#* }"
  done
  t="$(printf '%s' "$times" | median)"
  echo "$label: median of $REPEAT ${t} s, peak ${kib} KiB"
}
people_count() { "$bin" ladder -w "$ws" --as-of 2024-12-31 --json | jq '[.rungs[].people] | add'; }

ladder "without links"
echo "people on the ladder: $(people_count)"
/usr/bin/time -f "CRM import: %e s, peak %M KiB" "$bin" people import -w "$ws" "$people" --person-column email
ladder "with links"
echo "people on the ladder: $(people_count)"
