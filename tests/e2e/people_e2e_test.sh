#!/usr/bin/env bash
# End-to-end test of person attributes on a real workspace: CRM imports
# (wide and long files, newest wins, empty cells remove, bad files rejected
# whole), metrics filtered by attributes, the attribute summary, and an
# export that re-imports to the same attributes.
# Usage: people_e2e_test.sh LEARNLOOP_BINARY SOURCE_DIR
set -uo pipefail
BIN="$1"
DATA="$2/tests/testdata/people"
EVENTS="$2/tests/testdata/metrics/events.csv"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }
values() {  # values METRIC: the JSON series' values over 2024-05-01..04
  ll metric show "$1" -w "$W" --from 2024-05-01 --to 2024-05-04 --json | jq -c '[.points[].value]'
}

W="$TMP/ws"
ll init -w "$W" --time-zone Europe/Berlin >/dev/null || fail "init"
out="$(ll people attributes -w "$W")"
contains "no attributes yet" "$out" "No person attributes yet"

# Attributes may arrive before the events they describe.
out="$(ll people import -w "$W" "$DATA/crm.csv" --person-column Email)"; rc=$?
equals "crm import exit code" "$rc" "0"
contains "crm import counts" "$out" "6 values about 3 people; 5 added, 0 updated (newest import wins), 0 removed (empty cells), 1 unchanged"
contains "no events yet: warned" "$out" "warning: none of these people has an event"
ll import -w "$W" "$EVENTS" >/dev/null || fail "import events"
out="$(ll people import -w "$W" "$DATA/handles.csv" --json)"
equals "long file counts" "$(jq -c '[.values, .people, .people_with_events, .added, .unchanged]' <<<"$out")" "[3,2,2,3,0]"
equals "events count the attribute-only person once" \
  "$(ll people import -w "$W" "$DATA/crm.csv" --person-column Email --json | jq -c '[.people_with_events, .unchanged]')" \
  "[2,6]"

# Metrics filtered by attributes.
cp "$DATA/metrics.toml" "$W/metrics.toml"
equals "Berlin engagements" "$(values berlin_engagements)" "[2,0,0,0]"
equals "members' donations" "$(values member_donations)" "[0,25,0,0]"
equals "Hamburg people" "$(values hamburg_people)" "[1,0,2,0]"

# Newest import wins; an empty value removes the attribute.
out="$(ll people import -w "$W" "$DATA/update.csv" --json)"
equals "update counts" "$(jq -c '[.values, .added, .updated, .removed, .unchanged]' <<<"$out")" "[3,0,1,1,1]"
equals "Hamburg people after the update" "$(values hamburg_people)" "[1,1,1,0]"

# Any metric for one group, without editing metrics.toml.
out="$(ll metric show hamburg_people -w "$W" --from 2024-05-01 --to 2024-05-04 --person membership=member --json)"
equals "metric for a group" "$(jq -c '[.points[].value]' <<<"$out")" "[0,1,0,0]"
equals "metric for a group names it" "$(jq -c '.group' <<<"$out")" '{"membership":["member"]}'
out="$(ll metric show hamburg_people -w "$W" --from 2024-05-01 --to 2024-05-02 --person membership=member)"
contains "metric table names the group" "$out" "People with membership = member"
out="$(ll evaluate -w "$W" --metric hamburg_people --window 2024-05-03..2024-05-04 --baseline 2024-04-20..2024-05-02 --today 2024-05-04 \
  --person City=Hamburg --json)"
equals "evaluate for a group" "$(jq -c '.group' <<<"$out")" '{"City":["Hamburg"]}'
out="$(ll evaluate 1 -w "$W" --person City=Hamburg 2>&1)"; rc=$?
equals "a plan is not judged for a group" "$rc" "1"
contains "a plan is not judged for a group: why" "$out" "a plan is judged on everyone it reached"

# The ladder of a group: Berlin has @ana (engagement) and erin (no events).
out="$(ll ladder -w "$W" --as-of 2024-05-04 --person City=Berlin --json)"
equals "group ladder counts" "$(jq -c '[.rungs[].people, .audience]' <<<"$out")" "[0,0,1,0,0]"
equals "group ladder names the group" "$(jq -c '.group' <<<"$out")" '{"City":["Berlin"]}'
out="$(ll ladder -w "$W" --as-of 2024-05-04 --person City=Berlin,Hamburg --person membership=member)"
contains "group ladder text names the group" "$out" "People with City = Berlin or Hamburg, membership = member (2 of them with events)"
out="$(ll ladder people -w "$W" --as-of 2024-05-04 --person City=Hamburg --json)"
equals "group ladder people" "$(jq -c '[.people[].person] | sort' <<<"$out")" '["@bob","cara@example.org"]'
out="$(ll ladder -w "$W" --person City=berlin 2>&1)"; rc=$?
equals "unknown group value exit code" "$rc" "1"
contains "unknown group value lists stored values" "$out" "stored values: Berlin, Hamburg"
out="$(ll ladder -w "$W" --person City 2>&1)"; rc=$?
contains "malformed --person" "$out" "expected ATTRIBUTE=VALUE"

# One person's story: rung, path, events and attributes.
out="$(ll people show @ana -w "$W" --as-of 2024-05-04 --json)"
equals "person story" "$(jq -c '[.rung, .first_seen, .events, .kinds.like, .channels]' <<<"$out")" \
  '["engagement","2024-05-01",2,1,["mastodon"]]'
equals "person attributes" "$(jq -c '.attributes' <<<"$out")" '{"City":"Berlin","membership":"member"}'
out="$(ll people show erin@example.org -w "$W" --as-of 2024-05-04)"
contains "attributes without events" "$out" "none by 2024-05-04"
contains "attributes without events are shown" "$out" "Berlin"
out="$(ll people show nobody -w "$W" 2>&1)"; rc=$?
equals "unknown person exit code" "$rc" "1"
contains "unknown person message" "$out" "no events or attributes name 'nobody'"

# The summary.
out="$(ll people attributes -w "$W" --json)"
equals "summary of City" "$(jq -c '.attributes[] | select(.attribute == "City") | [.people, .people_with_events, .distinct_values]' <<<"$out")" "[4,3,2]"
equals "City's values, most people first" "$(jq -c '[.attributes[] | select(.attribute == "City") | .top_values[] | [.value, .people]]' <<<"$out")" '[["Berlin",2],["Hamburg",2]]'
equals "summary of membership" "$(jq -c '.attributes[] | select(.attribute == "membership") | [.people, .people_with_events]' <<<"$out")" "[3,2]"
out="$(ll people attributes -w "$W")"
contains "summary table" "$out" "most common"
contains "summary table row" "$out" "Berlin (2)"

# A bad file is rejected whole, naming line and column.
before="$(ll export people -w "$W")"
out="$(ll people import -w "$W" "$DATA/bad.csv" --person-column Email 2>&1)"; rc=$?
equals "bad file exit code" "$rc" "1"
contains "bad file location" "$out" "bad.csv:3"
contains "bad file: nothing kept" "$out" "nothing from it was kept"
equals "bad file changed nothing" "$(ll export people -w "$W")" "$before"
out="$(ll people import -w "$W" "$DATA/crm.csv" 2>&1)"; rc=$?
equals "missing person column exit code" "$rc" "1"
contains "missing person column names the option" "$out" "--person-column"

# A filter naming an attribute or value nobody has is an error, not a zero.
sed -i 's/"Berlin"/"berlin"/' "$W/metrics.toml"
out="$(ll metric show berlin_engagements -w "$W" 2>&1)"; rc=$?
equals "unknown value exit code" "$rc" "1"
contains "unknown value named with the stored ones" "$out" "no person has 'berlin' as City; stored values: Berlin, Hamburg"
contains "unknown value names file and line" "$out" "metrics.toml:5"
sed -i 's/City = \["berlin"\]/Town = ["Berlin"]/' "$W/metrics.toml"
out="$(ll metric show berlin_engagements -w "$W" 2>&1)"
contains "unknown attribute lists the stored ones" "$out" "no person attribute is named 'Town'; stored attributes: City, membership"

# Export, re-import: nothing changes, and a fresh workspace gets the same.
ll export people -w "$W" -o "$TMP/people.csv" || fail "export people"
equals "export header" "$(head -n 1 "$TMP/people.csv")" "person,attribute,value"
equals "export rows" "$(wc -l <"$TMP/people.csv" | tr -d ' ')" "8"
equals "re-import changes nothing" \
  "$(ll people import -w "$W" "$TMP/people.csv" --json | jq -c '[.values, .added, .updated, .removed, .unchanged]')" "[7,0,0,0,7]"
ll init -w "$TMP/copy" >/dev/null && ll people import -w "$TMP/copy" "$TMP/people.csv" >/dev/null || fail "import into a copy"
ll export people -w "$TMP/copy" -o "$TMP/people2.csv" || fail "export the copy"
check "export round trip is byte-identical" cmp "$TMP/people.csv" "$TMP/people2.csv"
out="$(ll export people -w "$W" --format jsonl 2>&1)"; rc=$?
equals "jsonl people export is refused" "$rc" "1"

finish
