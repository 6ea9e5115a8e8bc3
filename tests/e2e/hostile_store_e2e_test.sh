#!/usr/bin/env bash
# Replays a hostile (or careless) user's attempts on a workspace's files:
# an export written over the store, a truncated store, a restored backup
# with a stale saved engine, bit flips in the saved engine, planted links
# for the engine's temporary file and the config files, and a read-only
# workspace read by an unprivileged user. Nothing is lost or misread, and
# every refusal says why.
# usage: hostile_store_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d /tmp/learnloop-hostile.XXXXXX)"
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
export LEARNLOOP_TODAY=2024-06-30
setup() { "$@" >/dev/null 2>&1 || { echo "setup failed: $*" >&2; exit 1; }; }
events() {  # events FILE PERSON...: one comment a day from each person
  echo "ts,channel,person,kind,content,value,tags" >"$1"
  local file="$1" day=1 p
  shift
  for p in "$@"; do
    printf '2024-05-%02dT10:00:00Z,mastodon,%s,comment,post-1,,\n' "$day" "$p" >>"$file"
    day=$((day + 1))
  done
}
people() { "$BIN" ladder people --rung engagement --as-of 2024-06-30 --json -w "$1" | jq -r '[.people[].person] | sort | join(",")'; }

W="$TMP/ws"
setup "$BIN" init -w "$W" --time-zone UTC
events "$TMP/a.csv" @ana @ben @cy
setup "$BIN" import -w "$W" "$TMP/a.csv"
store_sum() { md5sum "$W/learnloop.db" | cut -d' ' -f1; }
before="$(store_sum)"
cp -a "$W" "$TMP/pristine"
fresh() { rm -rf "$W" && cp -a "$TMP/pristine" "$W"; }  # each part starts from the same workspace

# 1. An export is never written over a file of the workspace, however named.
ln -s "$W/learnloop.db" "$TMP/link-to-store"
ln "$W/ladder.toml" "$TMP/hard-link-to-ladder" 2>/dev/null || cp "$W/ladder.toml" "$TMP/hard-link-to-ladder"
for target in "$W/learnloop.db" "$W/../ws/learnloop.db" "$TMP/link-to-store" "$W/learnloop.db-wal" \
              "$W/engine.snapshot" "$W/ladder.toml" "$W"; do
  out="$("$BIN" export events -w "$W" -o "$target" 2>&1)"; rc=$?
  equals "export over $target: exit code" "$rc" "1"
  contains "export over $target: says why" "$out" "writing there would destroy it"
done
if [ "$(stat -c %i "$TMP/hard-link-to-ladder")" = "$(stat -c %i "$W/ladder.toml")" ]; then
  out="$("$BIN" export events -w "$W" -o "$TMP/hard-link-to-ladder" 2>&1)"; rc=$?
  equals "export over a hard link to ladder.toml: exit code" "$rc" "1"
fi
equals "the store is unchanged after the refused exports" "$(store_sum)" "$before"
equals "the workspace still reads" "$(people "$W")" "@ana,@ben,@cy"
check "an export elsewhere works" "$BIN" export events -w "$W" -o "$TMP/out.csv"
equals "the export holds every event" "$(wc -l <"$TMP/out.csv" | tr -d ' ')" "4"
ln -s "$TMP/victim" "$TMP/export-link" && echo precious >"$TMP/victim"
check "an export over a link" "$BIN" export events -w "$W" -o "$TMP/export-link"
equals "the link's target is untouched" "$(cat "$TMP/victim")" "precious"

# 2. A truncated or foreign store is damaged, never a new empty workspace.
T="$TMP/truncated"
cp -a "$TMP/pristine" "$T" && truncate -s 0 "$T/learnloop.db"
for attempt in 1 2; do
  out="$("$BIN" ladder --json -w "$T" 2>&1)"; rc=$?
  equals "truncated store (try $attempt): exit code" "$rc" "1"
  contains "truncated store (try $attempt): message" "$out" "damaged or not a learnloop workspace"
done
equals "the truncated store stays as it was" "$(stat -c %s "$T/learnloop.db")" "0"
out="$("$BIN" info -w "$T" 2>&1)"; rc=$?
equals "info on a truncated store: exit code" "$rc" "1"
F="$TMP/foreign"
mkdir "$F" && sqlite3 "$F/learnloop.db" "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);"
out="$("$BIN" info -w "$F" 2>&1)"; rc=$?
equals "foreign database: exit code" "$rc" "1"
contains "foreign database: message" "$out" "not a learnloop workspace"

# 3. A restored backup and a new import: the saved engine of the lost
# import is not trusted. Nor is one copied from another workspace.
fresh
cp "$W/learnloop.db" "$TMP/backup.db"
events "$TMP/gone.csv" @gone
setup "$BIN" import -w "$W" "$TMP/gone.csv"
equals "the ladder sees @gone" "$(people "$W")" "@ana,@ben,@cy,@gone"
cp "$TMP/backup.db" "$W/learnloop.db"
events "$TMP/new.csv" @new
setup "$BIN" import -w "$W" "$TMP/new.csv"
equals "after the restore, @gone is gone" "$(people "$W")" "@ana,@ben,@cy,@new"
O="$TMP/other"
setup "$BIN" init -w "$O" --time-zone UTC
events "$TMP/o1.csv" @x
events "$TMP/o2.csv" @y
setup "$BIN" import -w "$O" "$TMP/o1.csv"
setup "$BIN" import -w "$O" "$TMP/o2.csv"
cp "$W/engine.snapshot" "$O/engine.snapshot"
equals "a snapshot copied from another workspace is not trusted" "$(people "$O")" "@x,@y"

# 4. Bit flips anywhere in the saved engine never change an answer.
fresh
reference="$("$BIN" ladder people --rung engagement --as-of 2024-06-30 --json -w "$W")"
size="$(stat -c %s "$W/engine.snapshot")"
cp "$W/engine.snapshot" "$TMP/snapshot.good"
changed=0
for trial in $(seq 1 40); do
  offset=$(( (trial * 7919 + trial * trial * 104729) % size ))
  cp "$TMP/snapshot.good" "$W/engine.snapshot"
  byte="$(od -An -tu1 -j "$offset" -N1 "$W/engine.snapshot" | tr -d ' ')"
  printf "$(printf '\\%03o' $(( byte ^ (1 << (trial % 8)) )))" |
    dd of="$W/engine.snapshot" bs=1 seek="$offset" conv=notrunc status=none
  answer="$("$BIN" ladder people --rung engagement --as-of 2024-06-30 --json -w "$W" 2>&1)"
  [ "$answer" == "$reference" ] || changed=$((changed + 1))
done
equals "40 single bit flips in the saved engine: answers changed" "$changed" "0"
check "the flipped snapshot was replaced by a good one" cmp -s "$W/engine.snapshot" "$TMP/snapshot.good"

# 5. Planted links: the engine's temporary file and init's config files are
# never written through a link.
fresh
echo precious >"$TMP/victim"
rm -f "$W/engine.snapshot"
# Links for the next PIDs, made by few processes so the PIDs stay ahead.
mkdir "$TMP/planted"
next="$(sh -c 'echo $$')"
touch $(seq -f "$TMP/planted/engine.snapshot.%.0f.tmp" "$next" $((next + 300)))
cp -s "$TMP/planted/"* "$W/"
ln -s "$TMP/victim" "$W/engine.snapshot"
setup "$BIN" ladder -w "$W"
equals "planted links: the victim is untouched" "$(cat "$TMP/victim")" "precious"
equals "planted links: no linked file was written" "$(find "$TMP/planted" -type f -size +0 | wc -l | tr -d ' ')" "0"
check "the snapshot replaced its link" test -f "$W/engine.snapshot" -a ! -L "$W/engine.snapshot"
rm -f "$W"/engine.snapshot.*.tmp
D="$TMP/dangling"
mkdir "$D"
for file in ladder.toml metrics.toml tactics.toml; do ln -s "$TMP/through-$file" "$D/$file"; done
"$BIN" init -w "$D" >/dev/null 2>&1
for file in ladder.toml metrics.toml tactics.toml; do
  check "a dangling $file link does not create its target" test ! -e "$TMP/through-$file"
done

# 6. A read-only workspace: read commands work (as an unprivileged user,
# for whom permissions apply), writes are refused, nothing changes.
R="$TMP/ro"
fresh
cp -a "$W" "$R" && rm -f "$R/engine.snapshot" && cp "$BIN" "$TMP/learnloop" && cp "$TMP/a.csv" "$TMP/more.csv"
chmod -R a+rX,a-w "$R" && chmod 755 "$TMP"
if unprivileged_reader "$R"; then
  ro() { "${as_reader[@]}" "$TMP/learnloop" "$@" -w "$R"; }
  listing() { cd "$R" && ls -l --time-style=full-iso && md5sum ./*; }
  unchanged="$(listing)"
  out="$(ro ladder --json --as-of 2024-06-30 2>"$TMP/ro.err")"; rc=$?
  equals "read-only: ladder exit code" "$rc" "0"
  equals "read-only: ladder reads the same" "$(jq -c '.rungs' <<<"$out")" \
    "$("$BIN" ladder --json --as-of 2024-06-30 -w "$W" | jq -c '.rungs')"
  contains "read-only: ladder counts people" "$(jq -c '.rungs' <<<"$out")" '"people":3'
  contains "read-only: says once that the engine is not saved" "$(cat "$TMP/ro.err")" "is read-only"
  equals "read-only: said once" "$(grep -c 'note:' "$TMP/ro.err")" "1"
  for command in "info" "metric list" "today" "plans" "export events"; do
    # shellcheck disable=SC2086  # the command's words
    out="$(ro $command 2>&1)"; rc=$?
    equals "read-only: $command exit code" "$rc" "0"
  done
  out="$(ro import "$TMP/more.csv" 2>&1)"; rc=$?
  equals "read-only: import is refused" "$rc" "1"
  contains "read-only: import says why" "$out" "not writable"
  out="$(ro goal add "More talk" --metric rung:relationship --more 5 --by 2024-12-31 2>&1)"; rc=$?
  equals "read-only: goal add is refused" "$rc" "1"
  equals "read-only: nothing changed" "$(listing)" "$unchanged"
fi

finish
