#!/usr/bin/env bash
# Members, API tokens and the audit log from the command line: passwords
# only from standard input, secrets never in listings, the audit log or
# the store, the last owner kept, and every refusal leaving the store as
# it was.
# usage: accounts_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/lib.sh"
W="$TMP/ws"
ll() { "$BIN" "$@" -w "$W"; }
# refused DESCRIPTION EXPECTED_MESSAGE COMMAND...: exit 1, the message, the store unchanged.
refused() {
  local desc="$1" message="$2"; shift 2
  local before out code
  before="$(store_sum "$W")"
  out="$("$@" 2>&1)"; code=$?
  equals "$desc: exit code" "$code" "1"
  contains "$desc: message" "$out" "$message"
  equals "$desc: store unchanged" "$(store_sum "$W")" "$before"
}

"$BIN" init -w "$W" >/dev/null || { echo "init failed" >&2; exit 1; }
PW='a long passphrase 7'
out="$(printf '%s\n' "$PW" | ll user add ' Ana@Example.org ' --role owner --password-stdin --as admin)"
equals "add an owner" "$out" "Added ana@example.org as owner"
check "add an editor" bash -c "printf '%s' 'editor pass phrase' | '$BIN' user add ben@example.org --role editor --password-stdin -w '$W'"
refused "a second add of one email" "ben@example.org is already a member (role editor)" \
  bash -c "printf '%s' 'editor pass phrase' | '$BIN' user add BEN@example.org --role viewer --password-stdin -w '$W'"
refused "a short password" "the password has 5 characters; expected at least 10" \
  bash -c "printf 'short' | '$BIN' user add cy@example.org --role viewer --password-stdin -w '$W'"
refused "no password and no terminal" "pass --password-stdin" ll user add cy@example.org --role viewer </dev/null
refused "an unknown role" "'admin' is not a role; expected viewer, editor or owner" \
  bash -c "printf '%s' 'viewer pass phrase' | '$BIN' user add cy@example.org --role admin --password-stdin -w '$W'"
refused "not an email" "'cy' is not an email address" \
  bash -c "printf '%s' 'viewer pass phrase' | '$BIN' user add cy --role viewer --password-stdin -w '$W'"
out="$("$BIN" user add x@example.org --role viewer --password "$PW" -w "$W" 2>&1)"
equals "no --password flag: it would show in ps and the shell history" "$?" "2"

list="$(ll user list --json)"
equals "members by email" "$(jq -r '[.members[] | .email + ":" + .role] | join(",")' <<<"$list")" \
  "ana@example.org:owner,ben@example.org:editor"
equals "who added ana" "$(jq -r '.members[0].added_by' <<<"$list")" "admin"
contains "text list" "$(ll user list)" "ben@example.org  editor"

refused "demoting the last owner" "ana@example.org is the last owner" ll user role ana@example.org editor
refused "removing the last owner" "ana@example.org is the last owner" ll user remove ana@example.org
refused "an unknown member" "zed@example.org is not a member" ll user role zed@example.org viewer
equals "a second owner" "$(ll user role ben@example.org owner --json | jq -r .role)" "owner"
equals "then the first may step down" "$(ll user role ana@example.org viewer --json | jq -r .role)" "viewer"

reset="$(ll user reset ana@example.org --base-url https://loop.example.org/ --json)"
link="$(jq -r .link <<<"$reset")"
contains "a reset link carries its key in the fragment" "$link" "https://loop.example.org/reset#llr_"
key="${link#*#}"
check "setting a password from stdin" bash -c "printf '%s' 'brand new passphrase' | '$BIN' user reset ana@example.org --password-stdin -w '$W'"

token_json="$(ll token create ben@example.org --name "nightly import" --json)"
secret="$(jq -r .secret <<<"$token_json")"
contains "a token's secret is shown on creation" "$secret" "llt_"
tokens="$(ll token list --json)"
equals "the token list" "$(jq -r '.tokens[0].name + " as " + .tokens[0].email' <<<"$tokens")" \
  "nightly import as ben@example.org"
equals "the token list has no secret" "$(grep -c -- "$secret" <<<"$tokens")" "0"
refused "revoking an unknown token" "no API token has id 99" ll token revoke 99
check "revoking the token" ll token revoke 1

audit="$(ll audit --json)"
equals "the audit log, newest first" "$(jq -r '[.entries[].action] | join(",")' <<<"$audit")" \
  "token.revoke,token.create,member.password,member.reset-link,member.role,member.role,member.add,member.add"
equals "it says where a change came from" "$(jq -r '[.entries[].source] | unique | join(",")' <<<"$audit")" "cli"
equals "and who made it" "$(jq -r '.entries[-1].actor' <<<"$audit")" "admin"
contains "text audit" "$(ll audit --limit 1)" "token.revoke"

for s in "$PW" "brand new passphrase" "editor pass phrase" "$secret" "$key"; do
  equals "no secret in the audit log" "$(grep -c -F -- "$s" <<<"$audit")" "0"
  equals "no secret in the store" "$(cat "$W"/learnloop.db* | grep -c -a -F -- "$s")" "0"
done
finish
