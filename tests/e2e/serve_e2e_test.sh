#!/usr/bin/env bash
# End-to-end test of `learnloop serve`: it refuses nobody's workspace only
# by warning, a member signs in over HTTP with curl and reads the same JSON
# the CLI prints, a change needs the CSRF token, an API token made with
# `learnloop token` works, and SIGTERM stops it cleanly. Everything on
# 127.0.0.1, on a port the server picks. Usage: serve_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
TMP="$(mktemp -d)"
source "$(dirname "$0")/lib.sh"
ll() { "$BIN" "$@"; }
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

W="$TMP/org"
ll init -w "$W" >/dev/null || fail "init"
printf 'ts,channel,person,kind,content,value,tags\n2024-03-01T10:00:00Z,mastodon,@cara@mastodon.social,comment,p1,,\n' \
  >"$TMP/events.csv"
ll import -w "$W" "$TMP/events.csv" >/dev/null || fail "import"
printf 'a long enough password\n' | ll user add ana@example.org --role owner -w "$W" --password-stdin >/dev/null ||
  fail "user add"
E="$TMP/empty"
ll init -w "$E" >/dev/null || fail "init empty"

"$BIN" serve --listen 127.0.0.1:0 --workspace "$W" --workspace "$E" >/dev/null 2>"$TMP/serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/serve.log" | head -1)"
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { fail "the server printed no address: $(cat "$TMP/serve.log")"; finish; exit 1; }
contains "a workspace without members is named" "$(cat "$TMP/serve.log")" "$E has no members"

api() { curl -s -o "$TMP/body" -w '%{http_code}' "$@"; }
equals "health answers" "$(api "$url/api/v1/health")" "200"
equals "no session, no data" "$(api "$url/api/v1/workspaces/org/info")" "401"
equals "a wrong password" "$(api -H 'Content-Type: application/json' \
  -d '{"email":"ana@example.org","password":"wrong password!"}' "$url/api/v1/session")" "401"
equals "signing in" "$(api -c "$TMP/cookies" -D "$TMP/headers" -H 'Content-Type: application/json' \
  -d '{"email":"ana@example.org","password":"a long enough password"}' "$url/api/v1/session")" "200"
csrf="$(jq -r .csrf_token "$TMP/body")"
contains "the cookie is HttpOnly" "$(tr -d '\r' <"$TMP/headers")" "HttpOnly; SameSite=Lax"

# The API's JSON is the CLI's --json.
equals "info over HTTP" "$(api -b "$TMP/cookies" "$url/api/v1/workspaces/org/info")" "200"
equals "the API and the CLI agree on info" "$(jq -S 'del(.path)' "$TMP/body")" "$(ll info -w "$W" --json | jq -S 'del(.path)')"
equals "ladder over HTTP" "$(api -b "$TMP/cookies" "$url/api/v1/workspaces/org/ladder?as-of=2024-03-31")" "200"
equals "the API and the CLI agree on the ladder" "$(jq -S . "$TMP/body")" \
  "$(ll ladder -w "$W" --as-of 2024-03-31 --json | jq -S .)"

goal='{"title":"More replies","metric":"rung:relationship","more":5,"deadline":"2030-01-01"}'
equals "a change without the CSRF token" "$(api -b "$TMP/cookies" -H 'Content-Type: application/json' -d "$goal" \
  "$url/api/v1/workspaces/org/goals")" "403"
equals "a change with it" "$(api -b "$TMP/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d "$goal" "$url/api/v1/workspaces/org/goals")" "201"
json="$(ll goal list -w "$W" --json)"
equals "the CLI sees the goal" "$(jq -r ".goals[0].title" <<<"$json")" "More replies"
equals "the empty workspace is not hers" "$(api -b "$TMP/cookies" "$url/api/v1/workspaces/empty/info")" "404"

token="$(ll token create ana@example.org --name e2e -w "$W" --json | jq -r .secret)"
equals "an API token reads" "$(api -H "Authorization: Bearer $token" "$url/api/v1/workspaces/org/goals")" "200"

kill -TERM "$server_pid"
wait "$server_pid"
equals "SIGTERM stops the server cleanly" "$?" "0"
server_pid=""
lacks "no password in the log" "$(cat "$TMP/serve.log")" "a long enough password"
lacks "no token in the log" "$(cat "$TMP/serve.log")" "$token"
finish
