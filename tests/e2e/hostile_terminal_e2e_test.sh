#!/usr/bin/env bash
# End-to-end test of hostile text on a terminal: ESC and BEL (and a newline)
# in imported person names and content, in the org name and in a file name
# never reach stdout or stderr raw; text output shows them escaped (\x1b,
# \a, \n) and JSON keeps them as JSON escapes.
# Usage: hostile_terminal_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }
ESC=$'\x1b'
BEL=$'\a'
# run NAME ARGS...: runs learnloop, its stdout in $TMP/NAME.out and stderr in $TMP/NAME.err.
run() {
  local name="$1"; shift
  ll "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
}
# clean DESCRIPTION NAME: neither output of run NAME holds a raw ESC or BEL byte.
clean() {
  checks=$((checks + 1))
  if LC_ALL=C grep -q "[$ESC$BEL]" "$TMP/$2.out" "$TMP/$2.err"; then
    fail "$1: a raw ESC or BEL reached the terminal: $(cat -v "$TMP/$2.out" "$TMP/$2.err" | head -c 600)"
  fi
}

W="$TMP/ws"
run init init -w "$W" --time-zone UTC --org "Evil${ESC}]0;pwned${BEL}Org"
equals "init: exit code" "$?" "0"
clean "init" init

events="$TMP/events${ESC}[2J.csv"
{
  echo "ts,channel,person,kind,content,value,tags"
  echo "2024-05-01T10:00:00Z,mastodon,@ana${ESC}[31m${BEL},like,post${ESC}[2Jone,,"
  echo "2024-05-02T10:00:00Z,mastodon,@ana${ESC}[31m${BEL},comment,post${ESC}[2Jone,,"
  printf '2024-05-03T10:00:00Z,mastodon,"@bo\nerror: fake",donation,,5,\n'
} >"$events"
run import import -w "$W" "$events"
equals "import: exit code" "$?" "0"
clean "import" import
contains "import names the file escaped" "$(cat "$TMP/import.out")" 'events\x1b[2J.csv'

run info info -w "$W"
equals "info: exit code" "$?" "0"
clean "info" info
contains "info shows the org escaped" "$(cat "$TMP/info.out")" 'Evil\x1b]0;pwned\aOrg'
contains "info shows the file escaped" "$(cat "$TMP/info.out")" 'events\x1b[2J.csv'

run ladder_people ladder people -w "$W" --as-of 2024-05-31
equals "ladder people: exit code" "$?" "0"
clean "ladder people" ladder_people
contains "ladder people shows the person escaped" "$(cat "$TMP/ladder_people.out")" '@ana\x1b[31m\a'
contains "a newline in a name stays in its row" "$(cat "$TMP/ladder_people.out")" '@bo\nerror: fake'
equals "ladder people: one line per person and the header" "$(wc -l <"$TMP/ladder_people.out" | tr -d ' ')" "3"

run people_show people show -w "$W" "@ana${ESC}[31m${BEL}" --as-of 2024-05-31
equals "people show: exit code" "$?" "0"
clean "people show" people_show
contains "people show names the person escaped" "$(cat "$TMP/people_show.out")" '@ana\x1b[31m\a'

run people_missing people show -w "$W" "@nobody${ESC}[2J${BEL}" --as-of 2024-05-31
equals "unknown person: exit code" "$?" "1"
clean "unknown person's error" people_missing
contains "unknown person's error quotes it escaped" "$(cat "$TMP/people_missing.err")" '@nobody\x1b[2J\a'

bad="$TMP/bad${ESC}[2J${BEL}.csv"
printf 'ts,channel,person,kind,content,value,tags\nnot-a-time,mastodon,@cy,like,,,\n' >"$bad"
run bad_file import -w "$W" "$bad"
equals "bad file: exit code" "$?" "1"
clean "bad file's error" bad_file
contains "bad file's error names it escaped" "$(cat "$TMP/bad_file.err")" 'bad\x1b[2J\a.csv:2:1: field'

run missing_file import -w "$W" "$TMP/missing${ESC}[2J${BEL}.csv"
equals "missing file: exit code (a usage error)" "$?" "2"
clean "missing file's error" missing_file
contains "missing file's error names it escaped" "$(cat "$TMP/missing_file.err")" 'missing\x1b[2J\a.csv'

run usage ladder -w "$W" "--as-of${ESC}[2J"
equals "usage error: exit code" "$?" "2"
clean "usage error" usage

# JSON is for machines: the same text, as JSON escapes.
run info_json info -w "$W" --json
clean "info --json" info_json
equals "info --json keeps the org name" "$(jq -r .org_name "$TMP/info_json.out" 2>/dev/null)" "Evil${ESC}]0;pwned${BEL}Org"
finish
