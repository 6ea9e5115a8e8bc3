#!/usr/bin/env bash
# The API under load: `learnloop serve` on a demo workspace of PEOPLE
# supporters over DAYS (defaults: 1,000,000 people, 365 days, about 10 M
# events), with wrk on loopback: 50 connections on 2 threads for DURATION
# seconds per call, the calls the Loop and Ladder pages make. Prints each
# call's requests per second and latency percentiles (p50, p99), the
# median of REPEAT runs. Not part of scripts/test.
#   bench/serve_bench.sh [PEOPLE] [DAYS]
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE="${1:-1000000}"
DAYS="${2:-365}"
REPEAT="${REPEAT:-3}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-50}"
scripts/deps
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
scripts/build release >/dev/null
BIN="$PWD/build/cli/learnloop"
source bench/lib.sh
demo_data "$BIN" "$PEOPLE" "$DAYS"
ws="build/bench-data/serve-ws-${PEOPLE}p-${DAYS}d"
if [ ! -f "$ws/learnloop.db" ]; then
  echo "== importing $events into $ws"
  rm -rf "$ws"
  "$BIN" init -w "$ws" >/dev/null
  /usr/bin/time -f "import: %e s, peak %M KiB" "$BIN" import -w "$ws" "$events" >/dev/null
  printf 'a benchmark passphrase\n' | "$BIN" user add bench@example.org --role viewer -w "$ws" --password-stdin >/dev/null
fi
token="$("$BIN" token create bench@example.org --name "bench $(date +%s)" -w "$ws" --json | jq -r .secret)"

log="$(mktemp)"
"$BIN" serve --listen 127.0.0.1:0 --workspace "$ws" 2>"$log" >/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 200); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)" && [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start: $(cat "$log")" >&2; exit 1; }
slug="$(basename "$ws")"
base="$url/api/v1/workspaces/$slug"
calls=(
  "ladder?as-of=2024-12-31"
  "ladder?from=2024-12-01&to=2024-12-31"
  "today?today=2024-12-31"
  "plans"
  "ladder/series?from=2024-10-01&to=2024-12-31&weekly=true"
)
# ms VALUE: wrk's latency (us, ms or s) in milliseconds.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; printf "%.1f", n }'; }
printf "%-58s %10s %9s %9s\n" "call ($CONNECTIONS connections, median of $REPEAT)" "req/s" "p50 ms" "p99 ms"
for call in "${calls[@]}"; do
  first="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" "$base/$call")"
  [ "${first%% *}" == 200 ] || { echo "$call answered ${first%% *}" >&2; exit 1; }
  rps=() p50=() p99=()
  for _ in $(seq 1 "$REPEAT"); do
    out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "$base/$call")"
    rps+=("$(awk '/Requests\/sec/ {print $2}' <<<"$out")")
    p50+=("$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")")
    p99+=("$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")")
  done
  printf "%-58s %10s %9s %9s   (first call %.0f ms)\n" "$call" \
    "$(printf '%s\n' "${rps[@]}" | median)" "$(printf '%s\n' "${p50[@]}" | median)" \
    "$(printf '%s\n' "${p99[@]}" | median)" "$(awk -v t="${first#* }" 'BEGIN {print t * 1000}')"
done
