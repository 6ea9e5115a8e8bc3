#!/usr/bin/env bash
# End-to-end test of linking identities into one person: a CRM export with
# email and handle columns links them by key, `people link` and `unlink`
# are recorded with who and why and undo each other, a file of pairs is
# all or nothing, reading the links writes nothing, and suggested pairs
# are listed with their evidence but never linked by themselves; metrics,
# evaluations and cohorts count the linked person.
# Usage: linking_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }

W="$TMP/ws"
ll init -w "$W" >/dev/null || fail "init"
cat >"$TMP/events.csv" <<'CSV'
ts,channel,person,kind,content,value,tags
2024-03-01T10:00:00Z,mastodon,@cara@mastodon.social,comment,post-1,,
2024-03-01T12:00:00Z,mastodon,@cara@mastodon.social,org_reply,post-1,,
2024-03-02T10:00:00Z,mastodon,@cara@mastodon.social,comment,post-2,,
2024-03-02T12:00:00Z,mastodon,@cara@mastodon.social,org_reply,post-2,,
2024-03-10T10:00:00Z,actblue,cara@example.org,donation,gift-1,25,
2024-03-11T10:00:00Z,mastodon,@dan@mastodon.social,like,post-1,,
2024-03-12T10:00:00Z,email,dan@example.org,open,news-1,,
CSV
ll import -w "$W" "$TMP/events.csv" >/dev/null || fail "import events"
people() { ll ladder -w "$W" --as-of 2024-03-31 --json | jq '[.rungs[].people] | add'; }
equals "four identities, four people" "$(people)" "4"

# The CRM row names Cara's email and Mastodon handle: one person, on the top rung.
printf 'person,email,mastodon\ncivicrm:1432,Cara@Example.org,https://mastodon.social/@cara\n' >"$TMP/crm.csv"
ll people import -w "$W" "$TMP/crm.csv" >/dev/null || fail "crm import"
equals "the CRM links cara" "$(people)" "3"
json="$(ll people show -w "$W" @cara@mastodon.social --as-of 2024-03-31 --json)"
equals "shown by her email" "$(jq -r '.person' <<<"$json")" "cara@example.org"
equals "her identities" "$(jq -c '[.identities[].identity]' <<<"$json")" \
  '["cara@example.org","@cara@mastodon.social","civicrm:1432"]'
equals "her rung joins both channels" "$(jq -c '[.rung, .channels]' <<<"$json")" '["action",["mastodon","actblue"]]'
contains "how her handle was linked" "$(jq -r '.identities[1].how[0]' <<<"$json")" "civicrm:1432's mastodon"

# A link by command, with who and why; reading the links changes nothing.
out="$(ll people link -w "$W" @dan@mastodon.social DAN@example.org --reason "same person at the march" --as ana)"
contains "link says who they are now" "$out" "are one person: dan@example.org"
equals "dan linked" "$(people)" "2"
cp "$W/learnloop.db" "$TMP/before.db"
json="$(ll people links -w "$W" --json)"
equals "the link is recorded" "$(jq -c '.rules[0] | [.a, .b, .link, .actor, .reason]' <<<"$json")" \
  '["@dan@mastodon.social","dan@example.org",true,"ana","same person at the march"]'
ll people show -w "$W" dan@example.org >/dev/null || fail "show dan"
check "reading links and people left the store byte for byte" cmp -s "$W/learnloop.db" "$TMP/before.db"

# An unlink undoes it, and beats the CRM's keys too.
ll people unlink -w "$W" dan@example.org @dan@mastodon.social --as ben >/dev/null || fail "unlink dan"
equals "dan apart again" "$(people)" "3"
ll people unlink -w "$W" cara@example.org @cara@mastodon.social --reason "two Caras" --as ben >/dev/null ||
  fail "unlink cara"
equals "the unlink holds against the CRM" "$(people)" "4"
ll people link -w "$W" cara@example.org @cara@mastodon.social --as ana >/dev/null || fail "relink cara"
equals "a new link undoes the unlink" "$(people)" "3"

# A file of pairs is all or none, and names the line at fault.
printf 'a,b,reason\n@dan@mastodon.social,dan@example.org,\ndan@example.org,@nobody@example.social,typo\n' \
  >"$TMP/pairs.csv"
out="$(ll people link -w "$W" --file "$TMP/pairs.csv" 2>&1)"; rc=$?
equals "a bad pair refuses the file" "$rc" "1"
contains "the bad pair's line" "$out" "pairs.csv:3: no event or person attribute names '@nobody@example.social'"
equals "nothing of it was kept" "$(ll people links -w "$W" --json | jq '.rules | length')" "4"
printf 'a,b\n@dan@mastodon.social,dan@example.org\n' >"$TMP/pairs.csv"
ll people link -w "$W" --file "$TMP/pairs.csv" --as ana >/dev/null || fail "link file"
equals "the file's pair is linked" "$(people)" "2"
equals "the file is named as the source" "$(ll people links -w "$W" --json | jq -r '.rules[-1].source')" \
  "people link --file pairs.csv"

# Metrics, evaluations and cohorts count the linked person, not each
# identity: Cara opens an email in February, then likes a post on Mastodon
# and clicks an email on 1 March.
M="$TMP/metrics-ws"
ll init -w "$M" >/dev/null || fail "init metrics workspace"
cat >"$TMP/cara.csv" <<'CSV'
ts,channel,person,kind,content,value,tags
2024-02-20T10:00:00Z,email,cara@example.org,open,news-1,,
2024-03-01T10:00:00Z,mastodon,@cara@mastodon.social,like,post-1,,
2024-03-01T11:00:00Z,email,cara@example.org,click,news-2,,
CSV
ll import -w "$M" "$TMP/cara.csv" >/dev/null || fail "import cara"
engaged() { ll metric show -w "$M" engaged_people --from 2024-03-01 --to 2024-03-01 --json | jq '.points[0].value'; }
ratio() {
  ll evaluate -w "$M" --metric engaged_people --window 2024-03-01..2024-03-10 --baseline 2024-02-19..2024-02-28 \
    --today 2024-03-31 --json | jq '.ratio | . * 1000 | round / 1000'
}
cohorts() { ll ladder cohorts -w "$M" --as-of 2024-03-31 --json | jq -c '[.rows[] | [.month, .people]]'; }
equals "apart, two people engaged on 1 March" "$(engaged)" "2"
equals "apart, the window doubles the baseline" "$(ratio)" "2"
equals "apart, a February and a March cohort" "$(cohorts)" '[["2024-02",1],["2024-03",1]]'
ll people link -w "$M" @cara@mastodon.social cara@example.org --as ana >/dev/null || fail "link cara's two"
equals "linked, one person engaged on 1 March" "$(engaged)" "1"
equals "linked, the window equals the baseline" "$(ratio)" "1"
equals "linked, one person first seen in February" "$(cohorts)" '[["2024-02",1]]'

# A dry run says which of a file's people are new and what its key fields
# would link, and writes nothing.
printf 'uuid,first_name,email,can2_subscription_status,can2_subscription_date,Mastodon\n%s\n%s\n' \
  'u1,Cara,cara@example.org,subscribed,2024-03-01 14:05:09,@cara@mastodon.social' \
  'u2,Dev,dev@example.org,subscribed,2024-03-01 14:05:09,' >"$TMP/activists.csv"
cp "$M/learnloop.db" "$TMP/before-dry.db"
out="$(ll import -w "$M" --dry-run "$TMP/activists.csv")"
contains "the dry run counts new people" "$out" "by 2 people (1 new to the workspace)"
contains "the dry run names the links" "$out" "would link identities by key fields: mastodon 1"
equals "the same in JSON" "$(ll import -w "$M" --dry-run --json "$TMP/activists.csv" |
  jq -c '.imports[0].preview | [.new_people, .links]')" '[1,{"mastodon":1}]'
check "the dry run wrote nothing" cmp -s "$M/learnloop.db" "$TMP/before-dry.db"

# Suggestions: Eve's handle and email share a user name and her name; they
# are listed with the command to confirm, change nothing, and leave the list
# once linked or unlinked.
cat >"$TMP/eve.csv" <<'CSV'
ts,channel,person,kind,content,value,tags
2024-03-13T10:00:00Z,mastodon,@eve_rossi@mastodon.social,comment,post-1,,
2024-03-14T10:00:00Z,actblue,eve.rossi@example.org,donation,gift-2,10,
CSV
ll import -w "$W" "$TMP/eve.csv" >/dev/null || fail "import eve"
printf 'person,First Name,Last Name,display_name
eve.rossi@example.org,Eve,Rossi,
@eve_rossi@mastodon.social,,,Eve  Rössi
' \
  >"$TMP/names.csv"
ll people import -w "$W" "$TMP/names.csv" >/dev/null || fail "names import"
cp "$W/learnloop.db" "$TMP/before.db"
json="$(ll people suggest -w "$W" --json)" || fail "suggest"
equals "eve's pair is suggested, strong; cara and dan, linked, are not" "$(jq -c '[.pairs, .suggestions[0].a, .suggestions[0].b, .suggestions[0].strength]' <<<"$json")" \
  '[1,"@eve_rossi@mastodon.social","eve.rossi@example.org","strong"]'
equals "with both kinds of evidence" "$(jq -c '[.suggestions[0].evidence[].kind]' <<<"$json")" '["same_name","same_user_name"]'
out="$(ll people suggest -w "$W")"
contains "the text names both sides and their channels" "$out" \
  "strong (score 5)  @eve_rossi@mastodon.social [mastodon] and eve.rossi@example.org [actblue]: "
contains "the text names the evidence" "$out" 'named "Eve  Rössi" and "Eve Rossi"; same user name eve_rossi and eve.rossi'
contains "and the command to confirm" "$out" \
  'learnloop people link @eve_rossi@mastodon.social eve.rossi@example.org --reason "suggested: same name and user name"'
check "suggesting left the store byte for byte" cmp -s "$W/learnloop.db" "$TMP/before.db"
ll people unlink -w "$W" eve.rossi@example.org @eve_rossi@mastodon.social --as ana >/dev/null || fail "unlink eve"
contains "an unlinked pair is not suggested again" "$(ll people suggest -w "$W")" "No pairs to suggest among"
out="$(ll people suggest -w "$W" --limit -1 2>&1)"; rc=$?
equals "a negative limit is refused" "$rc" "1"

out="$(ll people link -w "$W" dan@example.org dan@example.org 2>&1)"; rc=$?
equals "one identity twice is refused" "$rc" "1"
contains "and says so" "$out" "twice"

# A workspace that keeps no addresses: every email is a keyed hash, and
# the CRM still links Cara's donation to her handle.
H="$TMP/hashed"
out="$(ll init -w "$H" --hash-emails)" || fail "init --hash-emails"
contains "init names the key to back up" "$out" "$H/email.key: back it up apart from the workspace"
equals "the key is the owner's only" "$(stat -c %a "$H/email.key")" "600"
ll import -w "$H" "$TMP/events.csv" >/dev/null || fail "import into the hashed workspace"
printf 'person,email,mastodon\ncivicrm:1432,Cara@Example.org,https://mastodon.social/@cara\n' >"$TMP/crm.csv"
ll people import -w "$H" "$TMP/crm.csv" >/dev/null || fail "crm import, hashed"
json="$(ll people show -w "$H" Cara@Example.org --as-of 2024-03-31 --json)" || fail "show by the address typed"
contains "she is shown by her hashed email" "$(jq -r '.person' <<<"$json")" "@hashed.invalid"
equals "her rung joins both channels, hashed too" "$(jq -c '[.rung, .channels]' <<<"$json")" '["action",["mastodon","actblue"]]'
equals "info says emails are hashed" "$(ll info -w "$H" --json | jq '.emails_hashed')" "true"
ll ladder -w "$H" --as-of 2024-03-31 >/dev/null || fail "ladder, hashed"
check "no address is in the store" bash -c "! cat '$H'/learnloop.db* '$H'/engine.snapshot | grep -a -q 'example.org'"
check "nor in an export" bash -c "! '$BIN' export -w '$H' events | grep -q 'example.org'"
ll export -w "$H" events -o "$TMP/hashed.csv" >/dev/null || fail "export hashed"
equals "an export imported back adds nothing" \
  "$(ll import -w "$H" "$TMP/hashed.csv" --json | jq '.imports[0].added')" "0"
mv "$H/email.key" "$TMP/email.key"
out="$(ll import -w "$H" "$TMP/events.csv" 2>&1)"; rc=$?
equals "without its key an import is refused" "$rc" "1"
contains "and says which file is missing" "$out" "email.key, which is missing"
ll ladder -w "$H" --as-of 2024-03-31 >/dev/null || fail "reading needs no key"

finish
