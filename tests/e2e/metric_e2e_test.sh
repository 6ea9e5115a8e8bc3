#!/usr/bin/env bash
# End-to-end test of `learnloop metric` on a real workspace: declared
# metrics, observations import (newest wins, bad files rejected whole),
# series as table, CSV and JSON. Usage: metric_e2e_test.sh LEARNLOOP_BINARY SOURCE_DIR
set -uo pipefail
BIN="$1"
DATA="$2/tests/testdata/metrics"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }
values() {  # values METRIC: the JSON series' values over 2024-05-01..04, comma-joined
  ll metric show "$1" -w "$W" --from 2024-05-01 --to 2024-05-04 --json | jq -c '[.points[].value]'
}

W="$TMP/ws"
ll init -w "$W" --time-zone Europe/Berlin >/dev/null || fail "init"
[ -f "$W/metrics.toml" ] || fail "init writes metrics.toml"
ll import -w "$W" "$DATA/events.csv" >/dev/null || fail "import events"

# The defaults written by init.
out="$(ll metric list -w "$W" --json)"
equals "default metrics start with engagements" "$(jq -r '.metrics[0].name' <<<"$out")" "engagements"
contains "defaults include entries per rung" "$(jq -r '[.metrics[].name] | join(",")' <<<"$out")" "entered_relationship"
equals "default donation amount" "$(values donation_amount)" "[0,25,10.5,0]"

cp "$DATA/metrics.toml" "$W/metrics.toml"
out="$(ll metric import-observations -w "$W" "$DATA/observations.csv")"
contains "observations import summary" "$out" "3 rows, 3 new observations"
equals "engagements" "$(values engagements)" "[3,0,1,0]"
equals "tag filter" "$(values spring_engagements)" "[2,0,0,0]"
equals "observations, missing where none, local day" "$(values reach)" "[150,null,40,10]"
equals "ratio" "$(values engagement_rate)" "[0.02,null,0.025,0]"
equals "rung entries (donors count as above engagement)" "$(values entered_engagement)" "[2,1,1,0]"

# Re-importing updated numbers: the newest import wins.
out="$(ll metric import-observations -w "$W" "$DATA/observations_update.csv" --json)"
equals "update counts" "$(jq -c '[.rows, .added, .updated, .unchanged]' <<<"$out")" "[2,0,1,1]"
equals "newest value wins" "$(values reach)" "[200,null,40,10]"

# A bad observations file is rejected whole, naming line and field.
out="$(ll metric import-observations -w "$W" "$DATA/bad_observations.csv" 2>&1)"; rc=$?
equals "bad observations exit code" "$rc" "1"
contains "bad observations location" "$out" "bad_observations.csv:3"
contains "bad observations field" "$out" "field 'value'"
equals "nothing kept from the bad file" "$(values reach)" "[200,null,40,10]"

# Table and CSV output.
out="$(ll metric show donation_amount -w "$W" --from 2024-05-02 --to 2024-05-03)"
contains "table header names the unit" "$out" "donation_amount (EUR)"
contains "table row" "$out" "2024-05-03"
out="$(ll metric show engagement_rate -w "$W" --from 2024-05-01 --to 2024-05-02 --csv)"
equals "csv" "$out" "$(printf 'day,engagement_rate\n2024-05-01,0.015\n2024-05-02,')"
equals "default range is 30 days" "$(ll metric show engagements -w "$W" --json | jq '.points | length')" "30"

# Errors: unknown metric lists the known ones; bad range; bad metrics.toml.
out="$(ll metric show nope -w "$W" 2>&1)"; rc=$?
equals "unknown metric exit code" "$rc" "1"
contains "unknown metric lists names" "$out" "known metrics: engagements, spring_engagements"
out="$(ll metric show reach -w "$W" --from 2024-05-04 --to 2024-05-01 2>&1)"; rc=$?
equals "reversed range exit code" "$rc" "1"
contains "reversed range message" "$out" "--from 2024-05-04 is after --to 2024-05-01"
out="$(ll metric show reach -w "$W" --json --csv 2>&1)"; rc=$?
equals "--json with --csv is a usage error" "$rc" "2"
cp "$DATA/bad_metrics.toml" "$W/metrics.toml"
out="$(ll metric list -w "$W" 2>&1)"; rc=$?
equals "bad metrics.toml exit code" "$rc" "1"
contains "bad metrics.toml names metric and key" "$out" "metric 'rate'.numerator: no metric is named 'engagements'"

# An older workspace without metrics.toml gets the defaults.
rm "$W/metrics.toml"
equals "defaults without metrics.toml" "$(ll metric list -w "$W" --json | jq -r '.metrics[0].name')" "engagements"

finish
