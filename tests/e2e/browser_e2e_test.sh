#!/usr/bin/env bash
# The web app in a real browser: a demo workspace with an owner and a
# viewer, `learnloop serve` with the built app (web/dist, made by
# scripts/web) on a port it picks on 127.0.0.1, then web/tests/browser.test.js
# drives Debian's chromium through it (see that file for what it checks).
# Screenshots go to tests/artifacts/. The server's log must hold no password
# and no session id. usage: browser_e2e_test.sh LEARNLOOP_BINARY SOURCE_DIR
set -uo pipefail
BIN="$1"
SRC="$2"
TMP="$(mktemp -d)"
source "$(dirname "$0")/lib.sh"
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

[ -f "$SRC/web/dist/index.html" ] || { echo "FAIL: the web app is not built: run scripts/web" >&2; exit 1; }
[ -d "$SRC/web/node_modules/playwright-core" ] || { echo "FAIL: web/node_modules is missing: run scripts/web" >&2; exit 1; }
command -v chromium >/dev/null || { echo "FAIL: chromium is not installed: run scripts/deps" >&2; exit 1; }

W="$TMP/riverbend"
PASSWORD="a browser test passphrase"
"$BIN" demo -w "$W" --people 600 >/dev/null 2>&1 || { echo "FAIL: demo" >&2; exit 1; }
for who in "owner@example.org owner" "viewer@example.org viewer"; do
  set -- $who
  printf '%s\n' "$PASSWORD" | "$BIN" user add "$1" --role "$2" -w "$W" --password-stdin >/dev/null ||
    { echo "FAIL: user add $1" >&2; exit 1; }
done

"$BIN" serve --listen 127.0.0.1:0 --workspace "$W" --web "$SRC/web/dist" >/dev/null 2>"$TMP/serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/serve.log" | head -1)"
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { echo "FAIL: the server printed no address: $(cat "$TMP/serve.log")" >&2; exit 1; }

checks=$((checks + 1))
(cd "$SRC/web" && node tests/browser.test.js "$url" owner@example.org viewer@example.org "$PASSWORD" \
  "$SRC/tests/artifacts") || fail "the browser test"

# The app's files come compressed and cached by name.
asset="$(grep -o '/assets/[^"]*\.js' "$SRC/web/dist/index.html" | head -1)"
headers="$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "$url$asset")"
contains "a hashed asset is sent gzipped" "$headers" "Content-Encoding: gzip"
contains "a hashed asset is cached for a year" "$headers" "immutable"
contains "the page refuses inline scripts" "$(curl -s -D - -o /dev/null "$url/")" "script-src 'self'"

kill "$server_pid" && wait "$server_pid" 2>/dev/null
server_pid=""
log="$(cat "$TMP/serve.log")"
lacks "no password in the server's log" "$log" "$PASSWORD"
lacks "no session cookie in the server's log" "$log" "learnloop_session="
finish
