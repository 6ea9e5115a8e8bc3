#!/usr/bin/env bash
# Progress lines: drawn on stderr only when it is a terminal, never into a
# redirected stderr or into stdout. LEARNLOOP_PROGRESS_DELAY_MS=0 drops the
# 1 s wait before the first line, so a small import shows one.
# usage: progress_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
export LEARNLOOP_PROGRESS_DELAY_MS=0

# Over 1,024 rows: the import and the engine build report at least once.
"$BIN" demo generate --people 2000 --days 60 --seed 3 --end 2024-03-31 --out "$TMP/big.csv" 2>/dev/null
check "init" "$BIN" init -w "$TMP/w"
out="$("$BIN" import -w "$TMP/w" "$TMP/big.csv" 2>"$TMP/err")"
equals "a redirected stderr gets no progress" "$(cat "$TMP/err")" ""
contains "the summary is on stdout" "$out" "new events"
[[ "$out" != *"rows read"* ]] || fail "progress reached stdout"
"$BIN" ladder -w "$TMP/w" --json >/dev/null 2>"$TMP/err"
equals "nor does the engine build" "$(cat "$TMP/err")" ""
"$BIN" demo -w "$TMP/d" --people 300 --days 30 >/dev/null 2>"$TMP/err"
equals "nor does the demo" "$(cat "$TMP/err")" ""

if script -qec true /dev/null </dev/null >/dev/null 2>&1; then
  check "init for the terminal" "$BIN" init -w "$TMP/t"
  out="$(script -qec "'$BIN' import -w '$TMP/t' '$TMP/big.csv'" /dev/null </dev/null)"
  contains "a terminal gets a progress line" "$out" "big.csv: rows read: 1,024"
  contains "cleared before the summary" "$out" $'\r\e[K'
  out="$(script -qec "'$BIN' ladder -w '$TMP/t'" /dev/null </dev/null)"
  contains "the first engine build reports" "$out" "events read into the engine: 1,024"
  out="$(script -qec "'$BIN' demo generate --days 30 --people 100 --end 2024-03-31 -o '$TMP/g.csv'" /dev/null </dev/null)"
  contains "demo generation reports days" "$out" "demo days generated: 1 of 30"
  unset LEARNLOOP_PROGRESS_DELAY_MS
  out="$(script -qec "'$BIN' ladder -w '$TMP/t' --as-of 2024-03-31" /dev/null </dev/null)"
  [[ "$out" != *"rows read"* && "$out" != *"events read"* ]] || fail "quick work drew a line: $out"
else
  echo "script (util-linux) is not available: the terminal checks are skipped"
fi
finish
