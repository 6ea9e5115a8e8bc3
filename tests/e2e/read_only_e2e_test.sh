#!/usr/bin/env bash
# Reading never writes: every command that only shows data leaves the store
# (learnloop.db and its WAL) byte for byte unchanged, even when a running
# plan has passed its end (it reads as due for review; only a command that
# changes plans stores that).
# usage: read_only_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
W="$TMP/ws"
ll() { "$BIN" "$@" -w "$W"; }
lla() { "$BIN" "$@" -w "$W" --as tester; }
setup() { "$@" >/dev/null 2>&1 || { echo "setup failed: $*" >&2; exit 1; }; }

unset LEARNLOOP_TODAY
setup "$BIN" demo -w "$W" --people 300 --days 90 --end 2026-04-30 --without-loop
export LEARNLOOP_TODAY=2026-04-30
H="if we reply to every comment then more people talk with us because they feel heard"
setup lla goal add "50 more at Relationship" --metric rung:relationship --more 50 --by 2026-12-31 --start 2026-03-01
setup lla plan add "Reply week" --goal 1 --metric rung:relationship --hypothesis "$H"
setup lla plan start 1 --today 2026-04-25
setup lla checkin 1 --done "replied to 40" --blocked "no designer" --today 2026-04-26
setup lla plan add "Ask to volunteer" --goal 1 --metric metric:engagements --hypothesis "$H" --timebox 7
setup lla plan start 2 --today 2026-04-01
setup lla plan review 2 --verdict win
setup lla plan reflect 2 --learned "volunteers answer on weekends" --tags volunteers
printf 'a long passphrase\n' | setup lla user add owner@example.org --role owner --password-stdin
setup lla token create owner@example.org --name sync
person="$(ll ladder people --rung action --as-of 2026-04-30 --json | jq -r '.people[0].person')"

before="$(store_sum "$W")"
# reads DESCRIPTION COMMAND...: the command succeeds and the store is unchanged.
reads() {
  local desc="$1"; shift
  checks=$((checks + 1))
  out="$("$@" 2>&1)" || { fail "$desc: $out"; return; }
  local now
  now="$(store_sum "$W")"
  [ "$now" == "$before" ] || { fail "$desc changed the store"; before="$now"; }
}

# Plan 1 runs 2026-04-25..2026-05-08: still running today (2026-04-30), past
# its end on 2031-01-01.
reads "today" lla today
reads "today --json" lla today --json --today 2031-01-01
contains "a plan past its end is shown due for review" "$out" '"due_for_review"'
equals "the overdue plan reads as reviewing" "$(jq -r '.due_for_review[0].state' <<<"$out")" "reviewing"
reads "plans" lla plans --today 2031-01-01
reads "plans --json" lla plans --json --today 2031-01-01
equals "the board shows it reviewing" \
  "$(jq -r '[.. | objects | select(has("hypothesis") and .id == 1)][0].state' <<<"$out")" "reviewing"
reads "plans --portfolio" lla plans --portfolio
reads "plan show" lla plan show 1 --today 2031-01-01
reads "plan list" lla plan list
reads "plan tactics" lla plan tactics
reads "goal list" lla goal list
reads "goal show" lla goal show 1
reads "loops" lla loops
reads "learnings search" lla learnings search volunteers
reads "evaluate plan" ll evaluate 1
reads "evaluate ad hoc" ll evaluate --metric engagements --window 2026-04-16..2026-04-29 --details --json
reads "ladder" ll ladder
reads "ladder movement" ll ladder --from 2026-04-01 --to 2026-04-30 --json
reads "ladder series" ll ladder series --from 2026-04-01 --to 2026-04-30 --weekly
reads "ladder people" ll ladder people --rung relationship
reads "ladder cohorts" ll ladder cohorts
reads "ladder climb" ll ladder climb
reads "ladder for a group" ll ladder --person membership=member
reads "metric list" ll metric list
reads "metric show" ll metric show engagements --from 2026-04-01 --to 2026-04-30 --json
reads "people attributes" ll people attributes
reads "people show" ll people show "$person"
reads "people suggest" ll people suggest --json
reads "info" ll info --json
reads "user list" ll user list --json
reads "token list" ll token list
reads "audit" ll audit --json
reads "export events" ll export events -o "$TMP/events.csv"
reads "export people" ll export people -o "$TMP/people.csv"
reads "report" lla report --out "$TMP/report.html" --from 2026-03-01 --today 2031-01-01
reads "report to stdout" ll report --out -

# A command that changes plans stores the overdue state, with its history.
check "a change to the loop" lla goal add "Reach 40 at Action" --metric rung:action --reach 40 --by 2031-12-31 \
  --today 2031-01-01
equals "the overdue plan is stored as reviewing" \
  "$(sqlite3 "$W/learnloop.db" "SELECT state FROM loop_plans WHERE id = 1")" "reviewing"
equals "by learnloop itself" \
  "$(sqlite3 "$W/learnloop.db" "SELECT actor FROM loop_history WHERE object_type = 'plan' AND object_id = 1 AND field = 'state' ORDER BY id DESC LIMIT 1")" \
  "learnloop"
finish
