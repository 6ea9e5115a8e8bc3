#!/usr/bin/env bash
# End-to-end test of `learnloop evaluate` and `stats power --metric` on real
# workspaces: a planted doubling must read as a win, no change must not, and
# bad periods are refused. Usage: evaluate_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }

# 28 days of likes: BEFORE a day for 14 days, then AFTER a day.
likes_file() {  # likes_file FILE BEFORE AFTER
  {
    echo "ts,channel,person,kind,content,value,tags"
    for d in $(seq 0 27); do
      day=$(date -u -d "2024-05-01 + $d days" +%F)
      n=$2; [ "$d" -ge 14 ] && n=$3
      for i in $(seq 1 "$n"); do echo "${day}T12:00:$(printf %02d $((i % 60)))Z,mastodon,p$i-$((i / 60)),like,,,"; done
    done
  } >"$1"
}

likes_file "$TMP/rise.csv" 20 40
likes_file "$TMP/flat.csv" 20 20
for w in rise flat; do
  check "init $w" ll init -w "$TMP/$w"
  check "import $w" ll import -w "$TMP/$w" "$TMP/$w.csv"
done

json="$(ll evaluate -w "$TMP/rise" --metric engagements --window 2024-05-15..2024-05-28 --today 2024-05-28 --json)"
equals "doubling is a win" "$(jq -r .verdict <<<"$json")" "win"
equals "ratio of a doubling" "$(jq -r '.ratio * 1000 | round / 1000' <<<"$json")" "2"
equals "default baseline is the 14 days before" "$(jq -c .baseline <<<"$json")" '["2024-05-01","2024-05-14"]'
equals "final reading" "$(jq -r .final <<<"$json")" "true"
equals "json keys" "$(jq -c 'keys_unsorted | .[0:6]' <<<"$json")" \
  '["metric","baseline","window","final","verdict","headline"]'

json="$(ll evaluate -w "$TMP/flat" --metric engagements --window 2024-05-15..2024-05-28 --today 2024-05-28 --json)"
equals "no change is not a win" "$(jq -r .verdict <<<"$json")" "inconclusive"

json="$(ll evaluate -w "$TMP/rise" --metric engagements --window today-3..today+10 --today 2024-05-18 --json)"
equals "relative days" "$(jq -c .window <<<"$json")" '["2024-05-15","2024-05-28"]'
equals "interim reading" "$(jq -r .final <<<"$json")" "false"
equals "interim uses days so far" "$(jq -r .details.window_days <<<"$json")" "4"

# A guardrail that doubled is breached; one that never moved is noted.
json="$(ll evaluate -w "$TMP/rise" --metric engagements --window 2024-05-15..2024-05-28 --today 2024-05-28 \
        --guardrail engaged_people --guardrail unsubscribes --json)"
equals "breached guardrail" "$(jq -c '[.verdict, .guardrails[0].name, .guardrails[0].breached]' <<<"$json")" \
  '["guardrail_breached","engaged_people",true]'
contains "unread guardrail noted" "$(jq -c .details.notes <<<"$json")" "guardrail unsubscribes was not read"

out="$(ll evaluate -w "$TMP/rise" --metric engagements --window 2024-05-15..2024-05-28 --today 2024-05-28 --details)"
contains "plain verdict" "$out" "final reading"
contains "details show the model" "$out" "model"

out="$(ll evaluate -w "$TMP/rise" --metric engagements --window 2024-06-15..2024-06-28 --today 2024-05-28 2>&1)"; rc=$?
equals "future window exit code" "$rc" "1"
contains "future window message" "$out" "nothing to evaluate"
out="$(ll evaluate -w "$TMP/rise" --metric engagements --window 2024-05-15 2>&1)"; rc=$?
equals "bad range exit code" "$rc" "1"
contains "bad range message" "$out" "expected FROM..TO"
out="$(ll evaluate -w "$TMP/rise" --metric engagement --window 2024-05-15..2024-05-28 --today 2024-05-28 2>&1)"
contains "unknown metric lists the known ones" "$out" "engagements"
out="$(ll evaluate -w "$TMP/rise" --metric engagements --window 2024-05-15..2024-05-28 \
       --baseline 2024-05-10..2024-05-20 --today 2024-05-28 2>&1)"
contains "overlap refused" "$out" "must end before"

json="$(ll stats power -w "$TMP/flat" --metric engagements --lift 50 --history-days 28 --today 2024-05-28 --json)"
small=$(jq -r .days <<<"$json")
json="$(ll stats power -w "$TMP/flat" --metric engagements --lift 25 --history-days 28 --today 2024-05-28 --json)"
big=$(jq -r .days <<<"$json")
check "power: a smaller lift needs more days ($small < $big)" test "$small" -lt "$big"

# A/B variants: posts tagged "story" got twice the likes of posts tagged "short".
{
  echo "ts,channel,person,kind,content,value,tags"
  for d in $(seq 0 27); do
    day=$(date -u -d "2024-05-01 + $d days" +%F)
    for i in $(seq 1 10); do echo "${day}T09:00:$(printf %02d "$i")Z,mastodon,s$i,like,short-$d,,short"; done
    for i in $(seq 1 20); do echo "${day}T10:00:$(printf %02d "$i")Z,mastodon,t$i,like,story-$d,,story"; done
  done
} >"$TMP/ab.csv"
check "init ab" ll init -w "$TMP/ab"
check "import ab" ll import -w "$TMP/ab" "$TMP/ab.csv"
json="$(ll evaluate -w "$TMP/ab" --metric engagements --window 2024-05-15..2024-05-28 --today 2024-05-28 \
        --variant short --variant story --json)"
equals "variant exposures" "$(jq -c '[.variants.a.exposure, .variants.b.exposure]' <<<"$json")" "[14,14]"
equals "variant rate ratio" "$(jq -r '.variants.rate_ratio' <<<"$json")" "2"
equals "B beats A" "$(jq -r '.variants.prob_b_beats_a > 0.99' <<<"$json")" "true"
equals "variant reach" "$(jq -c '[.variants.conversion.a.reached, .variants.conversion.b.reached]' <<<"$json")" "[10,20]"
out="$(ll evaluate -w "$TMP/ab" --metric engagements --window 2024-05-15..2024-05-28 --today 2024-05-28 \
       --variant short --variant video)"
contains "missing variant explained" "$out" "no content carried the variant tag 'video'"

# The plan form reads metric, timebox, baseline and guardrails from the plan.
H="if we post twice a day then engagements rise because more people see us"
check "goal" ll goal add "More engagement" -w "$TMP/rise" --metric rung:engagement --more 10 --by 2024-12-31 \
  --start 2024-05-01 --today 2024-05-01
check "plan" ll plan add "Post twice a day" -w "$TMP/rise" --goal 1 --hypothesis "$H" \
  --metric metric:engagements --step engagement --lift 50 --today 2024-05-10
check "start" ll plan start 1 -w "$TMP/rise" --start 2024-05-15 --today 2024-05-15
out="$(ll plan add "Tiny tweak" -w "$TMP/rise" --goal 1 --hypothesis "$H" --metric metric:engagements \
       --step engagement --lift 5 --today 2024-05-28)"
contains "planning aid warns about a timebox too short to learn" "$out" "warning: metric:engagements"
json="$(ll evaluate 1 -w "$TMP/rise" --today 2024-05-28 --json)"
equals "plan evaluation" "$(jq -c '[.metric, .window, .verdict]' <<<"$json")" \
  '["engagements",["2024-05-15","2024-05-28"],"win"]'
json="$(ll today -w "$TMP/rise" --today 2024-05-22 --json)"
equals "today carries the interim evaluation" "$(jq -r '.running[0].evaluation.verdict' <<<"$json")" "win"
contains "today's headline" "$(ll today -w "$TMP/rise" --today 2024-05-22)" "plan 1: "
out="$(ll evaluate 1 -w "$TMP/rise" --metric engagements 2>&1)"
contains "plan and flags refused together" "$out" "not both"
out="$(ll evaluate -w "$TMP/rise" 2>&1)"
contains "nothing to evaluate without a plan or metric" "$out" "give a PLAN"

finish
