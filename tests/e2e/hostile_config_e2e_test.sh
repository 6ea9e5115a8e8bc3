#!/usr/bin/env bash
# End-to-end test of hostile config files: a dotted key of 50,000 parts in
# any TOML file learnloop reads is refused with the limit and its line (it
# used to overflow the stack), a long chain of ratio metrics that share
# inputs resolves in moments (it used to take 2^n steps), and a bad metric
# name is reported as a metric name. Usage: hostile_config_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { timeout 60 "$BIN" "$@"; }

deep="$TMP/deep.toml"
{ printf 'a'; for _ in $(seq 2 50000); do printf '.a'; done; printf ' = 1\n'; } >"$deep"
printf 'ts,channel,person,kind,content,value,tags\n2024-05-01T10:00:00Z,mastodon,@ana,like,,,\n' >"$TMP/events.csv"
for file in ladder.toml metrics.toml loop.toml tactics.toml; do
  W="$TMP/ws-${file%.toml}"
  ll init -w "$W" --time-zone UTC >/dev/null || fail "init for $file"
  cp "$deep" "$W/$file"
  case $file in
    ladder.toml) command=(ladder) ;;
    metrics.toml) command=(metric list) ;;
    loop.toml) command=(plans) ;;
    tactics.toml) command=(plan tactics) ;;
  esac
  out="$(ll "${command[@]}" -w "$W" 2>&1)"; rc=$?
  equals "deep $file: exit code" "$rc" "1"
  contains "deep $file: names the file, line, column and limit" "$out" "$file:1:129: nested more than 64 levels deep"
done
out="$(ll import -w "$TMP/ws-ladder" --map "$deep" "$TMP/events.csv" 2>&1)"; rc=$?
equals "deep --map: exit code" "$rc" "1"
contains "deep --map: names the file and limit" "$out" "deep.toml:1:129: nested more than 64 levels deep"

W="$TMP/ws"
ll init -w "$W" --time-zone UTC >/dev/null || fail "init"
check "import" ll import -w "$W" "$TMP/events.csv"
{
  printf '[[metric]]\nname = "m0"\ntype = "count"\n'
  for i in $(seq 1 40); do
    printf '[[metric]]\nname = "m%d"\ntype = "ratio"\nnumerator = "m%d"\ndenominator = "m%d"\n' "$i" $((i - 1)) $((i - 1))
  done
} >"$W/metrics.toml"
out="$(ll metric list -w "$W" 2>&1)"; rc=$?
equals "40 chained ratios: metric list finishes" "$rc" "0"
contains "40 chained ratios: listed" "$out" "m40"
out="$(ll metric show m40 -w "$W" --from 2024-05-01 --to 2024-05-02 --csv 2>&1)"; rc=$?
equals "40 chained ratios: metric show finishes" "$rc" "0"
contains "40 chained ratios: value" "$out" "2024-05-01,1"

printf '[[metric]]\nname = "BadName"\ntype = "count"\n' >"$W/metrics.toml"
out="$(ll metric list -w "$W" 2>&1)"; rc=$?
equals "bad metric name: exit code" "$rc" "1"
contains "bad metric name: called a metric name" "$out" "metric[1].name: 'BadName': metric name must start with a lower-case letter"
finish
