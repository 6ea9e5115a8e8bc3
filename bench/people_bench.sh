#!/usr/bin/env bash
# Person attributes at scale: imports a demo CRM export into a workspace
# with the demo's events, then times the attribute summary and a metric
# with a person filter against the same metric without one. Also imports
# PEOPLE observations (both imports stream their rows, so the peak is the
# SQLite page cache's, not the file's).
#   bench/people_bench.sh [PEOPLE] [DAYS]   (defaults: 1,000,000 people, 365 days)
# Prints medians of REPEAT (default 3) runs. Not part of scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE="${1:-1000000}"
DAYS="${2:-365}"
REPEAT="${REPEAT:-3}"
scripts/deps
scripts/build release >/dev/null
bin=build/cli/learnloop
source bench/lib.sh
demo_data "$bin" "$PEOPLE" "$DAYS"
ws="$(mktemp -d)/ws"
trap 'rm -rf "$(dirname "$ws")"' EXIT
"$bin" init -w "$ws" >/dev/null
/usr/bin/time -f "event import: %e s, peak %M KiB" "$bin" import -w "$ws" "$events" >/dev/null
cat >>"$ws/metrics.toml" <<'TOML'
[[metric]]
name = "member_donations"
type = "count"
kinds = ["donation"]
person = { membership = ["member"] }
TOML

seconds() {  # seconds COMMAND...: wall seconds of one run
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

rows=$(($(wc -l <"$people") - 1))
echo "== people import: $rows CRM rows (2 attributes each)"
/usr/bin/time -f "first import: %e s, peak %M KiB" "$bin" people import -w "$ws" "$people" --person-column email
/usr/bin/time -f "re-import (all unchanged): %e s, peak %M KiB" \
  "$bin" people import -w "$ws" "$people" --person-column email >/dev/null
observations="build/bench-data/observations-${PEOPLE}.csv"
[ -f "$observations" ] || awk -v n="$PEOPLE" 'BEGIN {
  print "day,channel,content,metric,value"
  for (i = 0; i < n; i++) printf "2024-%02d-%02d,ch%d,post%d,m%d,%d\n", 1 + i % 12, 1 + i % 28, i % 5, int(i / 60), i % 7, i % 1000
}' >"$observations"
echo "== observations import: $PEOPLE rows"
/usr/bin/time -f "first import: %e s, peak %M KiB" "$bin" metric import-observations -w "$ws" "$observations"
/usr/bin/time -f "re-import (all unchanged): %e s, peak %M KiB" \
  "$bin" metric import-observations -w "$ws" "$observations" >/dev/null
for what in summary plain filtered; do
  for _ in $(seq "$REPEAT"); do
    case $what in
      summary) seconds "$bin" people attributes -w "$ws" ;;
      plain) seconds "$bin" metric show donations -w "$ws" --from 2024-01-01 --to 2024-12-31 --csv ;;
      filtered) seconds "$bin" metric show member_donations -w "$ws" --from 2024-01-01 --to 2024-12-31 --csv ;;
    esac
  done | median | xargs printf "%-9s median %.2f s (whole command)\n" "$what"
done
