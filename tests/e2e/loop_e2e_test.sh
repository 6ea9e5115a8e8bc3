#!/usr/bin/env bash
# End-to-end test of the learning loop on the real binary and a real demo
# workspace: three full loops (goal -> plan -> start -> check-ins -> review ->
# reflect -> decide -> next plan), the refusals, the board, the portfolio,
# lineage, loop health and the search of learnings. Every day is given with
# --today, so the test does not depend on the clock.
# usage: loop_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
W="$TMP/ws"
ll() { "$BIN" "$@" -w "$W" --as tester; }
# ok DESCRIPTION COMMAND...: the command succeeds; its output is in $out.
ok() {
  checks=$((checks + 1))
  local desc="$1"; shift
  out="$("$@" 2>&1)" || fail "$desc: $out"
}
# refused DESCRIPTION NEEDLE COMMAND...: the command fails with exit 1 and
# a message holding NEEDLE.
refused() {
  local desc="$1" needle="$2"; shift 2
  out="$("$@" 2>&1)"; local rc=$?
  equals "$desc: exit code" "$rc" "1"
  contains "$desc: message" "$out" "$needle"
}

unset LEARNLOOP_TODAY
ok "demo workspace" "$BIN" demo -w "$W" --people 500 --days 120 --end 2026-04-30 --without-loop
# Commands without --today take this day, so the real date never matters.
export LEARNLOOP_TODAY=2026-04-30

# Goals: progress comes from the data; refusals explain themselves.
ok "goal add" ll goal add "50 more people at Relationship" --metric rung:relationship --more 50 --by 2026-12-31 \
  --start 2026-03-01 --today 2026-03-01
contains "goal add names the goal" "$out" "Goal 1 added"
ok "sub-goal add" ll goal add "Reach 40 at Action" --metric rung:action --reach 40 --by 2026-09-30 --parent 1 \
  --start 2026-03-01 --today 2026-03-01
refused "deadline before start" "before the goal's start" ll goal add "x" --metric rung:action --more 5 \
  --by 2026-01-01 --start 2026-03-01
refused "unknown rung" "not a rung" ll goal add "x" --metric rung:fans --more 5 --by 2026-12-31
refused "unknown named metric" "no metric is named 'new_folowers'" ll goal add "x" --metric metric:new_folowers \
  --more 5 --by 2026-12-31
refused "unknown parent goal" "there is no goal 9" ll goal add "x" --metric rung:action --more 5 --by 2026-12-31 \
  --parent 9
json="$(ll goal list --json --today 2026-04-01)"
equals "two goals" "$(jq '.goals | length' <<<"$json")" "2"
equals "goal progress is read from the ladder" "$(jq '.goals[0].progress.now | type' <<<"$json")" '"number"'
equals "reach target value" "$(jq '.goals[1].progress.target_value' <<<"$json")" "40"

# Plan refusals.
H="if we reply to every comment then more people talk with us because they feel heard"
refused "plan without a goal" "must serve a goal" ll plan add "x" --hypothesis "$H" --metric rung:relationship
refused "unknown goal" "there is no goal 7" ll plan add "x" --goal 7 --hypothesis "$H" --metric rung:relationship
refused "hypothesis form" "if we ... then ... because" ll plan add "x" --goal 1 --hypothesis "post more" \
  --metric rung:relationship
refused "timebox above 21 days" "--long" ll plan add "x" --goal 1 --hypothesis "$H" --metric rung:relationship \
  --timebox 30
refused "unknown guardrail metric" "no metric is named 'unsubscribe'" ll plan add "x" --goal 1 --hypothesis "$H" \
  --metric rung:relationship --guardrail unsubscribe
refused "end before start" "is before the start" ll plan add "x" --goal 1 --hypothesis "$H" \
  --metric rung:relationship --start 2026-03-10 --end 2026-03-01
refused "non-adjacent step" "adjacent" ll plan add "x" --goal 1 --hypothesis "$H" --metric rung:action \
  --step "network -> action"
refused "unknown tactic" "reply-week" ll plan add --goal 1 --tactic nope

# Loop 1: from a tactic, started, checked in on, reviewed by itself at its end.
ok "plan add from a tactic" ll plan add --goal 1 --tactic reply-week --lift 10 --json --today 2026-03-01
equals "plan 1 id" "$(jq .id <<<"$out")" "1"
equals "tactic fills the step" "$(jq -r .step <<<"$out")" "engagement -> relationship"
equals "tactic fills the timebox" "$(jq .timebox_days <<<"$out")" "7"
equals "a plan without a start is an idea" "$(jq -r .state <<<"$out")" "idea"
contains "tactics.toml written on first use" "$(cat "$W/tactics.toml")" "volunteer-stories"
refused "deciding a plan never started" "never started" ll plan decide 1 adopt --reason "x"
ok "plan start" ll plan start 1 --start 2026-03-02 --today 2026-03-02 --json
equals "plan 1 running" "$(jq -r .state <<<"$out")" "running"
equals "default baseline" "$(jq -r .baseline_from <<<"$out") $(jq -r .baseline_to <<<"$out")" "2026-02-23 2026-03-01"
ok "check-in 1" ll plan checkin 1 --done "replied to 30 comments" --next "reply on weekends" --blocked "no designer" \
  --today 2026-03-04
ok "check-in alias" ll checkin 1 --done "weekend replies" --today 2026-03-05
ok "check-in with blocker" ll plan checkin 1 --blocked "nobody on the inbox friday" --today 2026-03-06
json="$(ll today --json --today 2026-03-07)"
equals "today: since the last check-in" "$(jq -r .since <<<"$json")" "2026-03-06"
equals "today: one running plan" "$(jq '.running | length' <<<"$json")" "1"
equals "today: day x of y" "$(jq '[.running[0].day, .running[0].days] | join(" of ")' -r <<<"$json")" "6 of 7"
equals "today: interim reading" "$(jq '.running[0].reading.current | type' <<<"$json")" '"number"'
equals "today: the last check-in's blockers" "$(jq -r '.blockers[0].blocked' <<<"$json")" \
  "nobody on the inbox friday"
equals "today: movement counted" "$(jq '.movement.moved_up | type' <<<"$json")" '"number"'
out="$(ll today --today 2026-03-07)"
contains "today text: running plan" "$out" "6 of 7"
contains "today text: reading" "$out" "baseline"
contains "today text: the next step" "$(ll today --today 2026-03-10)" "learnloop plan review 1 --verdict"
json="$(LEARNLOOP_TODAY=2026-03-10 "$BIN" plan show 1 --json -w "$W")"
equals "past its end the plan is reviewing" "$(jq -r .state <<<"$json")" "reviewing"
equals "reading does not store the review" "$(jq -r '.history[-1].actor' <<<"$json")" "tester"
equals "earlier changes are by the actor" "$(jq -r '.history[0].actor' <<<"$json")" "tester"
json="$(ll today --json --today 2026-03-10)"
equals "today: due for review" "$(jq '.due_for_review[0].id' <<<"$json")" "1"
refused "check-in after the run" "no longer running" ll plan checkin 1 --done "x" --today 2026-03-10
ok "review 1" ll plan review 1 --verdict win --today 2026-03-10
json="$(ll plan show 1 --json --today 2026-03-10)"
equals "the first change stores the automatic review, by learnloop" \
  "$(jq -r '[.history[] | select(.field == "state" and .new == "reviewing")][0].actor' <<<"$json")" "learnloop"
ok "reflect 1" ll plan reflect 1 --expected "more two-way talk" --happened "replies doubled" \
  --why "people answer when answered" --learned "fast personal replies turn commenters into regulars" \
  --tags "replies,relationship" --today 2026-03-10
ok "decide 1" ll plan decide 1 adapt --reason "works; try weekends too" --json --today 2026-03-10
equals "adapt seeds loop 2" "$(jq .next_id <<<"$out")" "2"

# Loop 2: the pre-filled next plan; a loss; extended.
json="$(ll plan show 2 --json --today 2026-03-12)"
equals "loop 2 title" "$(jq -r .title <<<"$json")" "A week of replying to every comment (loop 2)"
equals "loop 2 parent" "$(jq .parent_id <<<"$json")" "1"
ok "start 2" ll plan start 2 --start 2026-03-12 --today 2026-03-12
ok "check-in 2" ll plan checkin 2 --done "weekend shifts" --blocked "volunteers away" --today 2026-03-14
ok "review 2 early" ll plan review 2 --verdict loss --today 2026-03-18
ok "reflect 2" ll plan reflect 2 --expected "weekend replies help" --happened "nobody was online" \
  --why "our volunteers are away on weekends" --learned "weekend shifts need volunteers who are home" \
  --tags "volunteers,weekends" --today 2026-03-19
ok "decide 2" ll plan decide 2 extend --reason "one more week with a rota" --json --today 2026-03-20
equals "extend seeds loop 3" "$(jq .next_id <<<"$out")" "3"

# Loop 3: inconclusive, adopted late (12 days after its end).
ok "start 3" ll plan start 3 --start 2026-03-23 --today 2026-03-23
ok "check-in 3" ll plan checkin 3 --next "publish the rota" --today 2026-03-24
ok "review 3" ll plan review 3 --verdict inconclusive --today 2026-03-30
ok "reflect 3" ll plan reflect 3 --happened "a rota helped a little" --why "too few volunteers signed up" \
  --learned "a volunteer rota needs at least five volunteers to hold" --tags "volunteers" --today 2026-04-02
ok "decide 3" ll plan decide 3 adopt --reason "keep the rota" --json --today 2026-04-10
equals "adopt seeds no plan" "$(jq .next_id <<<"$out")" "null"
refused "deciding twice" "already decided" ll plan decide 3 abandon --reason "x" --today 2026-04-10
ok "next plan after adopt" ll plan next 3 --json --today 2026-04-10
equals "plan next creates loop 4" "$(jq .loop_number <<<"$out")" "4"
ok "plan next with changes" ll plan next 3 --lift 15 --effort M --json --today 2026-04-10
equals "the changes land on loop 4" "$(jq -c '[.id, .expected_lift, .effort]' <<<"$out")" '[4,15,"M"]'
ok "plan edit" ll plan edit 4 --title "Rota for replies" --json --today 2026-04-10
equals "edited title" "$(jq -r .title <<<"$out")" "Rota for replies"
refused "editing a plan that ran" "has started" ll plan edit 3 --lift 20 --today 2026-04-10

# Lineage.
json="$(ll plan show 3 --json --today 2026-04-10)"
equals "lineage ids" "$(jq -c '[.lineage[].id]' <<<"$json")" "[1,2,3,4]"
out="$(ll plan show 2 --today 2026-04-10)"
contains "lineage text" "$out" "loop 1 (plan 1, decided) -> [loop 2 (plan 2, decided)] -> loop 3"

# Work in progress limit: three running plans at once, the fourth refused.
for i in 1 2 3; do
  ok "wip plan $i" ll plan add "Thank-you wave $i" --goal 2 --hypothesis "$H" --metric rung:action --effort S \
    --lift 5 --today 2026-04-12
  ok "wip start $i" ll plan start $((4 + i)) --today 2026-04-12
done
ok "fourth plan" ll plan add "Live Q&A" --goal 1 --tactic live-qa --today 2026-04-12
refused "WIP limit" "work-in-progress limit is 3" ll plan start 8 --today 2026-04-12
echo "wip_limit = 4" >"$W/loop.toml"
ok "raised WIP limit" ll plan start 8 --today 2026-04-12

# The board groups plans by goal; the portfolio weighs them.
json="$(ll plans --json --today 2026-04-12)"
equals "board: plans of goal 1" "$(jq -c '[.goals[0].plans[].id]' <<<"$json")" "[1,2,3,4,8]"
equals "board: plans of goal 2" "$(jq -c '[.goals[1].plans[].id]' <<<"$json")" "[5,6,7]"
out="$(ll plans --today 2026-04-12)"
contains "board text names the goal" "$out" "Goal 2: Reach 40 at Action"
json="$(ll plans --portfolio --json --today 2026-04-12)"
equals "portfolio: by step" "$(jq -c '[.by_step[].key]' <<<"$json")" '["engagement -> relationship","relationship -> action"]'
# Loop 3: lift 10 x weight 3 (relationship) / effort 1 (S).
equals "portfolio: top expected value" "$(jq '.plans[0].expected_value' <<<"$json")" "30"
equals "portfolio: balanced, no warnings" "$(jq '.warnings | length' <<<"$json")" "0"

# Loop health on the three decided loops.
json="$(ll loops --json --today 2026-04-12)"
equals "loops decided" "$(jq .decided <<<"$json")" "3"
equals "loops per month" "$(jq -c '[.loops_completed[] | [.month, .count]]' <<<"$json")" \
  '[["2026-03",2],["2026-04",1]]'
equals "median cycle" "$(jq .median_cycle_days <<<"$json")" "8"
equals "decided within 7 days" "$(jq '.decided_within_7_days * 3 | round' <<<"$json")" "2"
equals "decisions that seeded a plan (plan next counts)" "$(jq '.decisions_with_next_plan' <<<"$json")" "1"
equals "verdicts" "$(jq -c '[.verdicts.win, .verdicts.loss, .verdicts.inconclusive]' <<<"$json")" "[1,1,1]"
equals "learnings per month" "$(jq -c '[.learnings[] | [.month, .count]]' <<<"$json")" '[["2026-03",2],["2026-04",1]]'
contains "loops text" "$(ll loops --today 2026-04-12)" "median cycle"

# Learnings: ranked search across loops.
json="$(ll learnings search volunteers --json)"
equals "search finds both volunteer loops" "$(jq '.results | length' <<<"$json")" "2"
equals "best match first" "$(jq '.results[0].plan_id' <<<"$json")" "3"
contains "snippet marks the match" "$(jq -r '.results[0].snippet' <<<"$json")" "[volunteer"
equals "search by word" "$(jq -c '[.results[].plan_id]' <<<"$(ll learnings search regulars --json)")" "[1]"
contains "text search" "$(ll learnings search rota)" "plan 3"
refused "search without words" "no words" ll learnings search " "

# Named metrics of metrics.toml: goal progress and a plan's interim reading.
ok "goal on a named metric" ll goal add "More new followers" --metric metric:new_followers --more 30 \
  --by 2026-12-31 --start 2026-04-01 --today 2026-04-12
json="$(ll goal show 3 --json --today 2026-04-20)"
equals "named metric progress" "$(jq '.progress.now | type' <<<"$json")" '"number"'
echo "wip_limit = 5" >"$W/loop.toml"
ok "plan on a named metric" ll plan add "Ask the community" --goal 3 --tactic ask-the-community \
  --metric comments_and_replies --start 2026-04-14 --json --today 2026-04-12
equals "a plan with a start is planned" "$(jq -r .state <<<"$out")" "planned"
equals "owner defaults to --as" "$(jq -r .owner <<<"$out")" "tester"
ok "start on its planned day" ll plan start 9 --today 2026-04-14
json="$(ll today --json --today 2026-04-20)"
equals "named metric reading" "$(jq '[.running[] | select(.id == 9)][0].reading.current | type' <<<"$json")" \
  '"number"'

# --json everywhere, and the history keeps every change.
json="$(ll plan show 1 --json --today 2026-04-12)"
equals "history of plan 1 records the decision" \
  "$(jq -r '[.history[] | select(.field == "decision")][0].new' <<<"$json")" "adapt"

# Editing and deleting goals; deleting plans that never ran.
ok "goal edit" ll goal edit 3 --title "Many more new followers" --more 60 --owner ana --today 2026-04-20
contains "goal edit names the change" "$out" "Goal 3 changed: Many more new followers (metric:new_followers + 60"
json="$(ll goal show 3 --json --today 2026-04-20)"
equals "edited goal keeps what was not given" "$(jq -c '[.target, .deadline, .owner]' <<<"$json")" \
  '[60,"2026-12-31","ana"]'
refused "goal under its own sub-goal" "cannot sit under goal" ll goal edit 1 --parent 2
refused "goal in use" "still in use by plan" ll goal delete 3
ok "an idea to throw away" ll plan add "Never mind" --goal 1 --hypothesis "$H" --metric rung:relationship --json
idea="$(jq -r .id <<<"$out")"
ok "plan delete" ll plan delete "$idea"
contains "plan delete names the plan" "$out" "Plan $idea deleted: Never mind"
refused "deleted plan is gone" "there is no plan $idea" ll plan show "$idea"
refused "a plan that ran stays" "has started" ll plan delete 1
ok "goal without plans" ll goal add "Spare goal" --metric rung:action --more 1 --by 2026-12-31
ok "goal delete" ll goal delete 4
equals "goal 4 is gone" "$(ll goal list --json | jq '[.goals[].id] | index(4)')" "null"

finish
