#!/usr/bin/env bash
# End-to-end test of the engine's limits at import: a file that would give
# the workspace more kinds or channels than the analyses can encode is
# refused whole with a message saying what to do, and the workspace stays
# analysable. Usage: limits_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }
# distinct FILE COLUMN: 66,000 rows, each with a custom kind or a channel of its own.
distinct() {
  seq 0 65999 | awk -v column="$2" 'BEGIN { print "ts,channel,person,kind,content,value,tags" }
    { ts = sprintf("2024-05-01T%02d:%02d:%02dZ", int($1 / 3600) % 24, int($1 / 60) % 60, $1 % 60)
      if (column == "kind") print ts ",mastodon,@ana,custom-" $1 ",,,"
      else print ts ",channel-" $1 ",@ana,like,,," }' >"$1"
}

W="$TMP/ws"
ll init -w "$W" --time-zone UTC >/dev/null || fail "init"
printf 'ts,channel,person,kind,content,value,tags\n2024-05-02T10:00:00Z,mastodon,@bo,donation,,5,\n' >"$TMP/small.csv"
check "small import" ll import -w "$W" "$TMP/small.csv"

distinct "$TMP/kinds.csv" kind
out="$(ll import -w "$W" "$TMP/kinds.csv" 2>&1)"; rc=$?
equals "too many kinds: exit code" "$rc" "1"
contains "too many kinds: nothing kept" "$out" "kinds.csv was not imported (nothing from it was kept)"
contains "too many kinds: counts" "$out" "66001 distinct kinds (1 stored + 66000 from this file)"
contains "too many kinds: the limit" "$out" "more than the 65535 learnloop can analyse"
contains "too many kinds: what to do" "$out" "use a column mapping"

distinct "$TMP/channels.csv" channel
out="$(ll import -w "$W" "$TMP/channels.csv" 2>&1)"; rc=$?
equals "too many channels: exit code" "$rc" "1"
contains "too many channels: counts" "$out" "66001 distinct channels (1 stored + 66000 from this file)"

out="$(ll ladder -w "$W" --json 2>&1)"; rc=$?
equals "ladder still works: exit code" "$rc" "0"
equals "ladder sees only the small file" "$(ll export events -w "$W" --format jsonl | wc -l | tr -d ' ')" "1"
finish
