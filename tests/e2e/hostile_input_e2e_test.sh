#!/usr/bin/env bash
# End-to-end test of imports fed hostile input: endless devices, FIFOs,
# huge sparse files and over-long fields end quickly with a clear error
# (exit 1, never an internal error), read in bounded memory, and leave the
# workspace as it was. Usage: hostile_input_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }
# A digest of what a user can see of the workspace: counts, imports, events, attributes.
state() { { ll info -w "$W" --json; ll export events -w "$W" --format csv; ll export people -w "$W"; } | sha256sum; }
# refused NAME EXPECTED COMMAND...: exits 1 within 10 s naming the problem, and changes nothing.
refused() {
  local name="$1" expected="$2"; shift 2
  local before out rc
  before="$(state)"
  out="$(timeout 10 "$@" 2>&1)"; rc=$?
  equals "$name: exit code" "$rc" "1"
  contains "$name: message" "${out:0:2000}" "$expected"
  equals "$name: workspace unchanged" "$(state)" "$before"
}

# The command prefix that bounds memory to about 1 GB: ulimit -v, or, for a
# sanitizer build (its shadow memory reserves terabytes of address space, so
# ulimit -v cannot apply), AddressSanitizer's own limit on resident memory,
# which kills the process when it passes it.
if [[ "$(ldd "$BIN" 2>/dev/null)" == *libasan* ]]; then  # no grep -q: pipefail and SIGPIPE
  limited=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=1000")
else
  limited=(bash -c 'ulimit -v 1000000; exec "$@"' _)
fi

W="$TMP/ws"
ll init -w "$W" --time-zone UTC >/dev/null || fail "init"
header='ts,channel,person,kind,content,value,tags'
printf '%s\n2024-05-02T10:00:00Z,mastodon,@bo,donation,,5,\n' "$header" >"$TMP/small.csv"
check "small import" ll import -w "$W" "$TMP/small.csv"

# /dev/zero never ends; once it grew to gigabytes and died of bad_alloc
# (exit 70) under a memory limit. The limit here would catch that again.
refused "/dev/zero under a memory limit" "/dev/zero is a character device; expected a regular file" \
  "${limited[@]}" "$BIN" import -w "$W" /dev/zero
refused "/dev/zero as observations" "/dev/zero is a character device" \
  "${limited[@]}" "$BIN" metric import-observations -w "$W" /dev/zero
refused "/dev/zero as attributes" "/dev/zero is a character device" \
  "${limited[@]}" "$BIN" people import -w "$W" /dev/zero

# Opening a FIFO without a writer blocks; it must be refused, not waited on.
mkfifo "$TMP/pipe.csv"
refused "FIFO" "pipe.csv is a named pipe (FIFO); expected a regular file" "$BIN" import -w "$W" "$TMP/pipe.csv"

# A 2 GB sparse file is all NUL bytes: refused from its first block.
truncate -s 2G "$TMP/sparse.csv"
start=$(date +%s%N)
refused "2 GB sparse file" "sparse.csv does not look like an event file (it holds NUL bytes" \
  "${limited[@]}" "$BIN" import -w "$W" "$TMP/sparse.csv"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
checks=$((checks + 1))
[ "$elapsed_ms" -lt 5000 ] || fail "2 GB sparse file: took ${elapsed_ms} ms, expected well under a second"
rm -f "$TMP/sparse.csv"

# Fields and lines have documented limits, named in the message with line and field.
long() { head -c "$1" /dev/zero | tr '\0' x; }
{ echo "$header"; echo "2024-05-01T00:00:00Z,m,@a,like,,,"; echo "2024-05-01T00:00:01Z,m,@a,like,$(long 70000),,"; } \
  >"$TMP/content.csv"
refused "content over 64 KiB" "content.csv:3:32: field 'content': is 70000 bytes long; expected at most 65536 bytes" \
  "$BIN" import -w "$W" "$TMP/content.csv"
{ echo "$header"; echo "2024-05-01T00:00:00Z,m,@a,like,$(long 3000000),,"; } >"$TMP/line.csv"
refused "CSV record over 1 MiB" "line.csv:2:32: field 'content': record is longer than 1048576 bytes" \
  "${limited[@]}" "$BIN" import -w "$W" "$TMP/line.csv"
printf '{"ts":"2024-05-01T00:00:00Z","channel":"m","person":"@a","kind":"like","content":"%s"}\n' "$(long 70000)" \
  >"$TMP/content.jsonl"
refused "JSONL content over 64 KiB" "content.jsonl:1: field 'content': is 70000 bytes long" \
  "$BIN" import -w "$W" "$TMP/content.jsonl"
printf '{"ts":"2024-05-01T00:00:00Z","channel":"m","person":"@a","kind":"like","content":"%s"}\n' "$(long 2000000)" \
  >"$TMP/line.jsonl"
refused "JSONL line over 1 MiB" "line.jsonl:1: field 'content': line is longer than 1048576 bytes" \
  "$BIN" import -w "$W" "$TMP/line.jsonl"

# Anything that is not a regular file is refused wherever a file is read.
refused "mapping from a FIFO" "pipe.csv is a named pipe (FIFO)" "$BIN" import -w "$W" --map "$TMP/pipe.csv" "$TMP/small.csv"

# Rows repeated within one file are reported as such, apart from rows the
# workspace held before (once all of them were "already in the workspace").
{ echo "$header"; echo "2024-05-02T10:00:00Z,mastodon,@bo,donation,,5,"
  for _ in 1 2 3; do echo "2024-05-03T10:00:00Z,mastodon,@cy,like,,,"; done; } >"$TMP/repeats.csv"
out="$(ll import -w "$W" "$TMP/repeats.csv" 2>&1)"
contains "repeats: summary" "$out" "4 rows, 1 new events, 1 already in the workspace (not added again), 2 repeated within the file (kept once)"
out="$(ll import -w "$W" "$TMP/repeats.csv" --json 2>&1)"
contains "repeats again: JSON" "$(echo "$out" | tr -d ' \n')" '"added":0,"duplicates":4,"repeated":0'
out="$(ll info -w "$W" --json 2>&1)"
contains "repeats: info JSON" "$(echo "$out" | tr -d ' \n')" '"added":1,"duplicates":1,"repeated":2'

equals "only the small and the repeats file are stored" "$(ll export events -w "$W" --format jsonl | wc -l | tr -d ' ')" "2"
finish
