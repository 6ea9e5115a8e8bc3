#!/usr/bin/env bash
# End-to-end test of importing platform exports as they are: each file is
# recognized by its content, its events, observations and skips are
# reported, a re-import adds nothing, --strict refuses a file with unusable
# records and keeps nothing, --format overrides recognition, and the ladder
# sees the people. Usage: platform_e2e_test.sh LEARNLOOP_BINARY SOURCE_DIR
set -uo pipefail
BIN="$1"
DATA="$2/tests/testdata/platforms"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }

W="$TMP/ws"
ll init -w "$W" >/dev/null || fail "init"

# A dry run says what a file holds and writes nothing.
cp "$W/learnloop.db" "$TMP/before.db"
out="$(ll import -w "$W" --dry-run "$DATA/mastodon/notifications.json" 2>&1)"; rc=$?
equals "dry run exit code" "$rc" "0"
contains "dry run counts events and people" "$out" "10 records read; would add up to 6 events from 2024-05-02T09:15:04Z to 2024-05-03T09:00:00Z by 4 people"
contains "dry run counts kinds" "$out" "kinds: follow 1, like 1, mention 1, reply 1, share 2"
contains "dry run lists skips" "$out" "would skip 1: a poll ended or a post was edited"
contains "dry run says so" "$out" "dry run: nothing was written"
check "dry run left the store byte for byte" cmp -s "$W/learnloop.db" "$TMP/before.db"
json="$(ll import -w "$W" --dry-run --json "$2/tests/testdata/ingest/canonical.csv")"
equals "canonical dry run in JSON" "$(jq -c '.imports[0] | [.dry_run, .added, .preview.events > 0]' <<<"$json")" "[true,0,true]"
check "canonical dry run left the store byte for byte" cmp -s "$W/learnloop.db" "$TMP/before.db"

# --strict first: the notifications hold records learnloop skips.
out="$(ll import -w "$W" --strict "$DATA/mastodon/notifications.json" 2>&1)"; rc=$?
equals "strict refusal exit code" "$rc" "1"
contains "strict refusal says why" "$out" "4 of 10 records cannot be used"
contains "strict refusal lists a reason" "$out" "1 x a poll ended or a post was edited"
equals "strict refusal kept nothing" "$(ll info -w "$W" --json | jq -c '[.events, .imports]')" "[0,0]"

out="$(ll import -w "$W" "$DATA/mastodon/notifications.json" 2>&1)"; rc=$?
equals "notifications import exit code" "$rc" "0"
contains "recognized by content" "$out" "notifications.json (mastodon-api): 10 records, 6 new events"
contains "skips are counted by reason" "$out" "skipped 1: a new post by an account the organization follows"
contains "a warning names the record" "$out" "warning: $DATA/mastodon/notifications.json: [9].created_at: 'yesterday'"

json="$(ll import -w "$W" "$DATA/mastodon/notifications.json" --json)"
equals "re-import adds nothing" "$(jq -c '.imports[0] | [.format, .added, .duplicates]' <<<"$json")" '["mastodon-api",0,6]'
equals "skips in JSON" "$(jq -c '[.imports[0].skipped[].records] | add' <<<"$json")" "4"

out="$(ll import -w "$W" "$DATA/mastodon/statuses.json" --channel mastodon 2>&1)"; rc=$?
equals "statuses import exit code" "$rc" "0"
contains "statuses give numbers about posts" "$out" "6 numbers about posts: 6 new"
contains "statuses give the org's reply" "$out" "3 records, 1 new events"

# The observations are there for metrics; the people for the ladder.
equals "the org's reply is an event" "$(ll export events -w "$W" | grep -c org_reply)" "1"
out="$(ll people show '@cara@mastodon.social' -w "$W" --as-of 2024-05-03 --json)"
equals "cara's story holds her reply, like and the org's reply" "$(jq -c '.kinds' <<<"$out")" \
  '{"like":1,"org_reply":1,"reply":1}'
equals "cara is engaged after the exchange" "$(jq -r '.rung' <<<"$out")" "engagement"

# A Mastodon account archive, unpacked as a folder: every file is
# recognized by its content; the outbox's replies and mentions are the
# organization's org_reply events (the reply to cara is the one statuses.json
# gave); likes, bookmarks and the actor are passed over with their reasons,
# the media as binary; a follower list is recognized and passed over.
mkdir -p "$TMP/archive/media_attachments"
cp "$DATA/mastodon/outbox.json" "$DATA/mastodon/likes.json" "$DATA/mastodon/bookmarks.json" \
  "$DATA/mastodon/actor.json" "$TMP/archive/"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$TMP/archive/media_attachments/ride.png"
out="$(ll import -w "$W" "$TMP/archive" 2>&1)"; rc=$?
equals "archive import exit code" "$rc" "0"
contains "outbox recognized" "$out" "outbox.json (mastodon-archive): 8 records, 3 new events"
contains "outbox boosts are passed over" "$out" "skipped 1: a boost by the organization of someone else's post"
contains "outbox warning names the JSON path" "$out" "orderedItems[4].object.published: 'yesterday'"
contains "likes recognized and passed over" "$out" \
  "likes.json (mastodon-archive): 3 records, 0 new events - nothing new"
contains "likes say why" "$out" "skipped 3: a post the organization liked (its own like, and undated)"
contains "bookmarks recognized" "$out" "bookmarks.json (mastodon-archive): 1 records, 0 new events - nothing new"
contains "actor names the account" "$out" "skipped 1: the organization's own profile (@greenfuture@social.example.org)"
contains "media passed over" "$out" "ride.png: passed over"
json="$(ll import -w "$W" "$TMP/archive" --json)"
equals "archive re-import adds nothing" "$(jq -c '[.imports[] | .added] | add' <<<"$json")" "0"
equals "archive files all recognized" "$(jq -c '[.imports[].format] | unique' <<<"$json")" '["mastodon-archive"]'
equals "the archive's org replies are events" "$(ll export events -w "$W" | grep -c org_reply)" "4"
out="$(ll import -w "$W" "$DATA/mastodon/followers.json" 2>&1)"; rc=$?
equals "followers import exit code" "$rc" "0"
contains "followers recognized" "$out" "followers.json (mastodon-api): 4 records, 0 new events"
contains "followers become people marked as following" "$out" "6 person fields of 3 people: 5 new, 0 updated, 0 removed, 1 unchanged"
lacks "followers are something new" "$out" "nothing new"
out="$(ll people show -w "$W" @cara@mastodon.social 2>&1)"
contains "a follower's display name is kept" "$out" "Cara Lind"
contains "a follower is marked" "$out" "follows_us"

# Bluesky's notifications land on their own channel.
json="$(ll import -w "$W" "$DATA/bluesky/notifications.json" --json)"
equals "bluesky recognized" "$(jq -r '.imports[0].format' <<<"$json")" "bluesky-api"
contains "bluesky events on the bluesky channel" "$(ll export events -w "$W" | cut -d, -f2 | sort -u | tr '\n' ' ')" "bluesky"

# An X archive's tweets.js and the analytics CSV: numbers about posts.
json="$(ll import -w "$W" "$DATA/x/tweets.js" "$DATA/x/account_analytics_content.csv" --json)"
equals "X formats recognized" "$(jq -c '[.imports[].format]' <<<"$json")" '["x-archive","x-analytics"]'
equals "X files give numbers about posts" "$(jq -c '[.imports[].observations.added > 0]' <<<"$json")" '[true,true]'

# A Meta Business Suite post export: numbers about posts on the facebook
# channel; the row whose id a spreadsheet rounded is skipped, and said so.
out="$(ll import -w "$W" "$DATA/meta/facebook_posts.csv" 2>&1)"; rc=$?
equals "facebook posts import exit code" "$rc" "0"
contains "facebook posts recognized by content" "$out" "facebook_posts.csv (facebook-posts): 5 records"
contains "facebook posts give numbers about posts" "$out" "23 numbers about posts: 23 new"
contains "a rounded id is named" "$out" "rounded by a spreadsheet"
json="$(ll import -w "$W" "$DATA/meta/facebook_posts.csv" --json)"
equals "facebook posts re-import adds nothing" "$(jq -c '.imports[0] | [.format, .observations.added, .observations.unchanged]' <<<"$json")" '["facebook-posts",0,23]'

# --format overrides recognition; an unknown one lists the choices.
out="$(ll import -w "$W" --format canonical "$DATA/mastodon/statuses.json" 2>&1)"; rc=$?
equals "canonical override exit code" "$rc" "1"
out="$(ll import -w "$W" --format nope "$DATA/mastodon/statuses.json" 2>&1)"; rc=$?
equals "unknown format exit code" "$rc" "1"
contains "unknown format lists the formats" "$out" "expected canonical or one of: mastodon-api"
out="$(ll import -w "$W" --format mastodon-api "$2/tests/testdata/ingest/canonical.csv" 2>&1)"; rc=$?
equals "forced platform format on a CSV exit code" "$rc" "1"
contains "forced platform format on a CSV says why" "$out" "not valid JSON"
out="$(ll import -w "$W" --map "$2/tests/testdata/ingest/mailchimp.toml" "$DATA/mastodon/statuses.json" 2>&1)"; rc=$?
equals "--map on a platform file exit code" "$rc" "1"
contains "--map on a platform file says why" "$out" "--map applies to CSV event files"

# Mailchimp: the audience export's contacts subscribe and bring their
# fields; the API's email activity gives their opens and clicks.
out="$(ll import -w "$W" "$DATA/mailchimp/subscribed_members_export_3f2a.csv" 2>&1)"; rc=$?
equals "mailchimp audience import exit code" "$rc" "0"
contains "mailchimp audience recognized" "$out" "subscribed_members_export_3f2a.csv (mailchimp-audience): 6 records, 3 new events"
contains "mailchimp fields are person attributes, a contact without a time's too" "$out" "10 person fields of 4 people: 10 new"
contains "mailchimp bad address skipped" "$out" "skipped 1: a contact whose Email Address is not an email address"
json="$(ll import -w "$W" "$DATA/mailchimp/campaign_email_activity.json" --json)"
equals "mailchimp activity: two clicks in one second are one" \
  "$(jq -c '.imports[0] | [.format, .rows, .added]' <<<"$json")" '["mailchimp-activity",9,5]'
json="$(ll import -w "$W" "$DATA/mailchimp/subscribed_members_export_3f2a.csv" "$DATA/mailchimp/campaign_email_activity.json" --json)"
equals "mailchimp re-import adds nothing" "$(jq -c '[.imports[] | .added, .attributes.added]' <<<"$json")" '[0,0,0,0]'
out="$(ll people show ana@example.org -w "$W" --as-of 2024-05-04 --json)"
equals "ana's Mailchimp field is shown" "$(jq -r '.attributes.first_name' <<<"$out")" "Ana"
equals "ana subscribed, opened and clicked" "$(jq -cS '.kinds' <<<"$out")" '{"click":1,"open":2,"subscribe":1}'
# ActBlue's contributions and Mobilize's attendances: donors and attendees
# at the action rung, refunds kept as their own kind, re-imports add nothing.
A="$TMP/actions"
ll init -w "$A" >/dev/null || fail "init actions workspace"
out="$(ll import -w "$A" "$DATA/actblue/contributions.csv" 2>&1)"; rc=$?
equals "actblue import exit code" "$rc" "0"
contains "actblue recognized by content" "$out" "contributions.csv (actblue-contributions): 9 records, 7 new events"
contains "actblue refunds are a custom kind" "$out" "2 rows use a kind learnloop does not know"
contains "actblue donor fields" "$out" "person fields of 4 people"
contains "actblue skips a row without email" "$out" "skipped 1: a contribution without a donor email"
contains "actblue warning names the row" "$out" "contributions.csv:9:13: field 'Date': '2024-03-32 10:00:00' is not a time"
json="$(ll import -w "$A" "$DATA/actblue/contributions.csv" --json)"
equals "actblue re-import adds nothing" "$(jq -c '.imports[0] | [.format, .added, .duplicates]' <<<"$json")" \
  '["actblue-contributions",0,7]'
equals "refunds net out cara's gift" \
  "$(ll export events -w "$A" --format jsonl | jq -s '[.[] | select(.person == "cara@example.com") | .value] | add')" "0"
equals "no phone stored" "$(ll export people -w "$A" | grep -c 555)" "0"
json="$(ll ladder -w "$A" --as-of 2024-04-30 --json)"
equals "donors are at the action rung" "$(jq -c '[.rungs[] | [.name, .people]]' <<<"$json")" \
  '[["action",4],["relationship",0],["engagement",0],["network",0]]'

json="$(ll import -w "$A" "$DATA/mobilize/attendances.json" "$DATA/mobilize/attendances-page2.json" --json)"
equals "mobilize pages recognized" "$(jq -c '[.imports[] | [.format, .rows, .added]]' <<<"$json")" \
  '[["mobilize-attendances",8,8],["mobilize-attendances",1,1]]'
equals "mobilize skips by reason" "$(jq -c '[.imports[0].skipped[].records] | add' <<<"$json")" "3"
json="$(ll import -w "$A" "$DATA/mobilize/attendances.json" --json)"
equals "mobilize re-import adds nothing" "$(jq -c '.imports[0] | [.added, .duplicates]' <<<"$json")" '[0,8]'
json="$(ll ladder people -w "$A" --as-of 2024-05-31 --rung action --json)"
equals "an attendee without a gift joins the donors at action" "$(jq -c '[.people[].person]' <<<"$json")" \
  '["ana.alvarez@example.org","ben@example.net","cara@example.com","dee@example.org","gus@example.org"]'
# Action Network (OSDI) pages and CiviCRM exports: actions by email or id.
out="$(ll import -w "$W" "$DATA/actionnetwork/signatures.json" 2>&1)"; rc=$?
equals "osdi import exit code" "$rc" "0"
contains "osdi recognized by content" "$out" "signatures.json (osdi): 5 records, 3 new events"
contains "osdi skips name their reason" "$out" "skipped 1: no usable date"
contains "osdi warning names the JSON path" "$out" "_embedded.osdi:signatures[3].created_date: 'last tuesday'"
json="$(ll import -w "$W" "$DATA/actionnetwork/signatures.json" --json)"
equals "osdi re-import adds nothing" "$(jq -c '.imports[0] | [.format, .added, .duplicates]' <<<"$json")" '["osdi",0,3]'
# Action Network's CSV downloads: the activist list and each action's report,
# told apart by their columns; every row a supporter, by email.
N="$TMP/an-csv"
ll init -w "$N" >/dev/null || fail "init action network workspace"
AN=("$DATA/actionnetwork/activists.csv" "$DATA/actionnetwork/petition_signatures.csv"
    "$DATA/actionnetwork/event_rsvps.csv" "$DATA/actionnetwork/donations.csv"
    "$DATA/actionnetwork/form_submissions.csv" "$DATA/actionnetwork/letter_outreaches.csv")
out="$(ll import -w "$N" "${AN[@]}" 2>&1)"; rc=$?
equals "action network csv import exit code" "$rc" "0"
contains "activists recognized by their columns" "$out" "activists.csv (actionnetwork-activists): 7 records, 3 new events"
contains "activists' fields are person fields" "$out" "35 person fields of 5 people: 35 new"
contains "a signature without a time is skipped with its reason" "$out" "petition_signatures.csv (actionnetwork-actions): 5 records, 3 new events"
contains "the warning names file, line and field" "$out" "petition_signatures.csv:6:11: field 'email': 'eve at example.org' is not an email address"
contains "a declined RSVP is no action" "$out" "skipped 1: an RSVP that was declined"
contains "a failed donation is not counted" "$out" "skipped 1: a donation with status 'failed'"
json="$(ll import -w "$N" "${AN[@]}" --json)"
equals "action network re-import adds nothing" "$(jq -c '[.imports[].added] | add' <<<"$json")" "0"
equals "every action kept its kind" \
  "$(ll export events -w "$N" --format jsonl | jq -s -c '[.[].kind] | unique')" \
  '["donation","event_attend","event_signup","form_submission","outreach","petition","refund","subscribe"]'
equals "signers and donors climb to action" \
  "$(ll ladder -w "$N" --as-of 2024-06-30 --json | jq -c '[.rungs[] | [.name, .people]]')" \
  '[["action",2],["relationship",0],["engagement",0],["network",2]]'
out="$(ll import -w "$W" "$DATA/civicrm/contributions.csv" 2>&1)"; rc=$?
equals "civicrm import exit code" "$rc" "0"
contains "civicrm recognized by content" "$out" "contributions.csv (civicrm-contributions): 7 records, 3 new events"
contains "civicrm counts skips by status" "$out" "skipped 1: a contribution with status 'Pending'"
json="$(ll import -w "$W" "$DATA/civicrm/contributions.csv" --json)"
equals "civicrm re-import adds nothing" "$(jq -c '.imports[0] | [.format, .added, .duplicates]' <<<"$json")" \
  '["civicrm-contributions",0,3]'
out="$(ll people show 'cara@example.org' -w "$W" --as-of 2024-03-31 --json)"
equals "cara signed and gave: the action rung" "$(jq -r '.rung' <<<"$out")" "action"

# A feed: the organization's posts become contents, not events.
out="$(ll import -w "$W" "$DATA/feeds/rss2.xml" 2>&1)"; rc=$?
equals "feed import exit code" "$rc" "0"
contains "feed recognized by content" "$out" "rss2.xml (feed): 2 records, 0 new events"
contains "feed summary counts contents" "$out" "2 posts of the organization: 2 new, 0 updated, 0 unchanged"
json="$(ll import -w "$W" "$DATA/feeds/rss2.xml" --json)"
equals "feed re-import adds nothing" "$(jq -c '.imports[0] | [.format, .added, .contents.added, .contents.unchanged]' <<<"$json")" \
  '["feed",0,0,2]'
json="$(ll feed inspect "$DATA/feeds/atom.xml" --json)"; rc=$?
equals "feed inspect exit code" "$rc" "0"
equals "feed inspect reads the feed" "$(jq -c '[.kind, .title, .id]' <<<"$json")" \
  '["Atom 1.0","Climate Action Now","tag:climate.example.com,2024:blog"]'
equals "feed inspect resolves xml:base" "$(jq -c '[.items[] | [.link, .published]]' <<<"$json")" \
  '[["https://climate.example.com/blog/2024/march","2024-04-01T12:00:00Z"],["https://climate.example.com/press/release-1.html","2024-03-20T12:00:00Z"]]'
out="$(ll feed inspect "$DATA/feeds/broken.xml" 2>&1)"; rc=$?
equals "feed inspect of a broken feed exit code" "$rc" "0"
contains "feed inspect warns of repairs" "$out" "not valid UTF-8 as it says"
out="$(ll feed inspect "$DATA/mastodon/notifications.json" 2>&1)"; rc=$?
equals "feed inspect of no feed exit code" "$rc" "1"

finish
