#!/usr/bin/env bash
# `people suggest` at scale: PEOPLE supporters, each with an email on the
# newsletter and first_name/last_name in the CRM; 40% also on Mastodon (a
# third of those with a display name), 20% on Bluesky, 10% on X, under the
# email's user name. Names come from 20,000 first/last pairs, so every name
# is too common to suggest alone and only name + user name pairs are strong.
# Prints identities, pairs, wall time and peak memory of REPEAT (default 3)
# runs after a first one that saves the engine.
#   bench/suggest_bench.sh [PEOPLE]   (default 600,000 people: about 1,020,000 identities)
# BIN=path/to/learnloop uses that binary instead of a release build. Not part of scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE="${1:-600000}"
REPEAT="${REPEAT:-3}"
if [ -z "${BIN:-}" ]; then
  scripts/deps
  scripts/build release >/dev/null
fi
bin="${BIN:-build/cli/learnloop}"
data="build/bench-data"
mkdir -p "$data"
events="$data/suggest-events-${PEOPLE}.csv"
names="$data/suggest-names-${PEOPLE}.csv"
if [ ! -f "$events" ] || [ ! -f "$names" ]; then
  echo "== generating $events and $names"
  awk -v n="$PEOPLE" -v events="$events" -v names="$names" 'BEGIN {
    srand(1)
    print "ts,channel,person,kind,content,value,tags" >events
    print "person,first_name,last_name,display_name" >names
    for (i = 0; i < n; i++) {
      first = sprintf("First%d", int(rand() * 100)); last = sprintf("Last%d", int(rand() * 200))
      base = tolower(first) "." tolower(last) i
      ts = sprintf("2024-%02d-%02dT10:00:00Z", 1 + i % 12, 1 + i % 28)
      printf "%s,newsletter,%s@example.org,open,news-1,,\n", ts, base >events
      printf "%s@example.org,%s,%s,\n", base, first, last >names
      r = rand(); under = base; gsub(/\./, "_", under); dash = base; gsub(/\./, "-", dash)
      if (r < 0.4) {
        printf "%s,mastodon,@%s@mastodon.social,like,post-1,,\n", ts, under >events
        if (rand() < 0.3) printf "@%s@mastodon.social,,,%s %s\n", under, first, last >names
      }
      if (r < 0.2) printf "%s,bluesky,%s.bsky.social,like,post-2,,\n", ts, dash >events
      if (r < 0.1) printf "%s,x,@%s,like,post-3,,\n", ts, substr(under, 1, 15) >events
    }
  }'
fi
ws="$(mktemp -d)/ws"
trap 'rm -rf "$(dirname "$ws")"' EXIT
"$bin" init -w "$ws" >/dev/null
/usr/bin/time -f "event import: %e s, peak %M KiB" "$bin" import -w "$ws" "$events" >/dev/null
/usr/bin/time -f "names import: %e s, peak %M KiB" "$bin" people import -w "$ws" "$names" >/dev/null
/usr/bin/time -f "first suggest (saves the engine): %e s, peak %M KiB" "$bin" people suggest -w "$ws" >/dev/null
for _ in $(seq "$REPEAT"); do
  /usr/bin/time -f "suggest: %e s, peak %M KiB" "$bin" people suggest -w "$ws" --json --limit 50 >"$ws/suggest.json"
done
jq -r '"identities \(.people), pairs \(.pairs), strong in the first 50: \([.suggestions[] | select(.strength == "strong")] | length), names too common alone: \(.too_common_keys)"' \
  "$ws/suggest.json"
