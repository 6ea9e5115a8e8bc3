#!/usr/bin/env bash
# End-to-end test of the learnloop command line on real files and a real
# SQLite workspace: usage: cli_e2e_test.sh LEARNLOOP_BINARY SOURCE_DIR
set -uo pipefail
BIN="$1"
DATA="$2/tests/testdata/e2e"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }
count_events() { ll export events -w "$1" --format jsonl | wc -l | tr -d " "; }

# --help works everywhere.
for cmd in "" init info import export ladder report demo "demo generate" people "people show"; do
  check "--help for '$cmd'" ll $cmd --help
done

# --version prints the version that project() in CMakeLists.txt declares.
version="$(sed -nE 's/^project\(learnloop VERSION ([0-9.]+).*/\1/p' "$2/CMakeLists.txt")"
out="$(ll --version)"; rc=$?
equals "--version exit code" "$rc" "0"
equals "--version output" "$out" "learnloop $version"

# Usage errors exit 2 and name the flag.
out="$(ll export events -w "$TMP/none" --format xml 2>&1)"; rc=$?
equals "usage error exit code" "$rc" "2"
contains "usage error names the flag" "$out" "--format"
out="$(ll ladder -w "$TMP/none" 2>&1)"; rc=$?
equals "missing workspace exit code" "$rc" "1"
contains "missing workspace hint" "$out" "learnloop init"

# init, and init twice is refused.
W="$TMP/ws"
check "init" ll init -w "$W" --time-zone UTC --org "Test Org"
out="$(ll init -w "$W" 2>&1)"; rc=$?
equals "second init exit code" "$rc" "1"
contains "second init message" "$out" "already holds a workspace"

# import, then the same file again adds nothing.
out="$(ll import -w "$W" "$DATA/events.csv")"
contains "first import" "$out" "12 rows, 12 new events"
contains "custom kind warning" "$out" "1 rows use a kind learnloop does not know"
out="$(ll import -w "$W" "$DATA/events.csv")"
contains "re-import adds nothing" "$out" "0 new events"
contains "re-import names duplicates" "$out" "12 already in the workspace"
equals "events after re-import" "$(count_events "$W")" "12"

# info: what the workspace holds, and its imports newest first.
out="$(ll info -w "$W" --json)"
equals "info counts" "$(jq -c '[.events, .imports, (.recent_imports | length), .recent_imports[0].added, .recent_imports[1].added]' <<<"$out")" "[12,2,2,0,12]"
contains "info table" "$(ll info -w "$W")" "Latest imports"

# A bad file is rejected whole, with file, line and field.
before="$(ll export events -w "$W")"
out="$(ll import -w "$W" "$DATA/bad_timestamp.csv" 2>&1)"; rc=$?
equals "bad file exit code" "$rc" "1"
contains "bad file names file and line" "$out" "bad_timestamp.csv:3"
contains "bad file names field" "$out" "field 'ts'"
equals "bad file changed nothing" "$(ll export events -w "$W")" "$before"

# Export, re-import into a new workspace, export again: byte-identical.
ll export events -w "$W" -o "$TMP/export1.csv"
check "init second" ll init -w "$TMP/ws2"
check "import export" ll import -w "$TMP/ws2" "$TMP/export1.csv"
ll export events -w "$TMP/ws2" -o "$TMP/export2.csv"
check "csv export round trip is byte-identical" cmp "$TMP/export1.csv" "$TMP/export2.csv"
out="$(ll import -w "$W" "$TMP/export1.csv")"
contains "re-importing the export adds nothing" "$out" "0 new events"
ll export events -w "$W" --format jsonl -o "$TMP/export.jsonl"
check "init third" ll init -w "$TMP/ws3"
check "import jsonl" ll import -w "$TMP/ws3" "$TMP/export.jsonl"
ll export events -w "$TMP/ws3" -o "$TMP/export3.csv"
check "jsonl round trip is byte-identical" cmp "$TMP/export1.csv" "$TMP/export3.csv"

# The ladder as of a date, highest rung first.
json="$(ll ladder -w "$W" --as-of 2024-03-31 --json)"
equals "ladder json" "$(jq -c '[.as_of, [.rungs[] | [.name, .people]]]' <<<"$json")" \
  '["2024-03-31",[["action",1],["relationship",1],["engagement",1],["network",0]]]'
json="$(ll ladder -w "$W" --from 2024-03-03 --to 2024-03-31 --json)"
equals "transition matrix present" "$(jq -c '.transitions.states' <<<"$json")" \
  '["action","relationship","engagement","network","audience"]'
out="$(ll ladder -w "$W" --as-of 2024-03-31)"
contains "ladder table" "$out" "relationship"

# A mapped import.
out="$(ll import -w "$W" --map "$DATA/mailing_map.toml" "$DATA/mailing_export.csv")"
contains "mapped import" "$out" "2 rows, 2 new events"

# Two imports at once: both land, nothing is lost or duplicated.
check "init concurrent" ll init -w "$TMP/wc"
ll demo generate --people 300 --days 60 --seed 7 --end 2024-03-31 --out "$TMP/big.csv"
ll import -w "$TMP/wc" "$TMP/big.csv" >"$TMP/c1.out" 2>&1 &
p1=$!
ll import -w "$TMP/wc" "$DATA/more.csv" >"$TMP/c2.out" 2>&1 &
p2=$!
ll import -w "$TMP/wc" "$TMP/big.csv" >"$TMP/c3.out" 2>&1 &
p3=$!
wait $p1 && wait $p2 && wait $p3 || fail "concurrent imports: $(cat "$TMP"/c*.out)"
expected=$(( $(tail -n +2 "$TMP/big.csv" | wc -l) + 3 ))
equals "concurrent imports total" "$(count_events "$TMP/wc")" "$expected"

# The demo generator is deterministic for a seed.
ll demo generate --people 200 --days 30 --seed 42 --end 2024-06-30 --out "$TMP/d1.csv"
ll demo generate --people 200 --days 30 --seed 42 --end 2024-06-30 --out "$TMP/d2.csv"
check "demo deterministic" cmp "$TMP/d1.csv" "$TMP/d2.csv"
check "demo workspace" ll demo -w "$TMP/demo" --people 300 --days 90
json="$(ll ladder -w "$TMP/demo" --json)"
equals "demo ladder has four rungs" "$(jq '.rungs | length' <<<"$json")" "4"
# The demo's loop is in progress, made by the loop's own operations.
json="$(ll plan list -w "$TMP/demo" --json)"
equals "demo plans by state" "$(jq -c '[.plans[].state] | group_by(.) | map({(.[0]): length}) | add' <<<"$json")" \
  '{"decided":2,"idea":2,"reviewing":1,"running":1}'
equals "the adapted plan's next loop" "$(jq '[.plans[] | select(.loop_number == 2)] | length' <<<"$json")" "1"
json="$(ll today -w "$TMP/demo" --json)"
equals "today: a plan due for review" "$(jq '.due_for_review | length' <<<"$json")" "1"
contains "demo learnings" "$(ll learnings search conversations -w "$TMP/demo" --json)" "conversation"
equals "demo goals" "$(ll goal list -w "$TMP/demo" --json | jq '.goals | length')" "3"
# The report: one self-contained page, without any script.
check "demo report" ll report -w "$TMP/demo" --out "$TMP/r.html"
equals "report starts as HTML" "$(head -c 15 "$TMP/r.html")" "<!doctype html>"
contains "report names the org" "$(cat "$TMP/r.html")" "$(ll info -w "$TMP/demo" --json | jq -r .org_name)"
equals "report has no script" "$(grep -c '<script' "$TMP/r.html")" "0"
json="$(ll report -w "$TMP/demo" --out "$TMP/r.html" --from today-60 --json)"
equals "report --json names the file" "$(jq -r .file <<<"$json")" "$TMP/r.html"
equals "report --json counts its bytes" "$(jq .bytes <<<"$json")" "$(wc -c <"$TMP/r.html" | tr -d ' ')"
equals "report to standard output" "$(ll report -w "$TMP/demo" --out - | head -1)" "<!doctype html>"
out="$(ll report -w "$TMP/demo" --out "$TMP/r.html" --from someday 2>&1)"
contains "report names a bad --from" "$out" "--from 'someday'"
check "demo without its loop" ll demo -w "$TMP/demo-bare" --people 100 --days 90 --without-loop
equals "no plans without the loop" "$(ll plan list -w "$TMP/demo-bare" --json | jq '.plans | length')" "0"

# A read-only workspace: refused with a clear message, nothing lost. A copy
# of the workspace, the binary and the input sits in a fresh directory under
# /tmp (reachable by anyone, unlike a 0700 /root) with writing denied; root
# ignores permission bits, so as root the import runs as "nobody" (65534).
RO="$(mktemp -d /tmp/learnloop-ro.XXXXXX)"
trap 'chmod -R u+w "$RO"; rm -rf "$TMP" "$RO"' EXIT
cp -a "$W" "$RO/ws" && cp "$BIN" "$RO/learnloop" && cp "$DATA/more.csv" "$RO/more.csv"
chmod -R a+rX,a-w "$RO/ws" && chmod 755 "$RO"
if unprivileged_reader "$RO/ws"; then
  before="$(cd "$RO/ws" && ls -l --time-style=full-iso && md5sum ./*)"
  out="$("${as_reader[@]}" "$RO/learnloop" import -w "$RO/ws" "$RO/more.csv" 2>&1)"; rc=$?
  equals "read-only workspace exit code" "$rc" "1"
  contains "read-only workspace message" "$out" "not writable"
  equals "read-only workspace unchanged" "$(cd "$RO/ws" && ls -l --time-style=full-iso && md5sum ./*)" "$before"
fi

finish
