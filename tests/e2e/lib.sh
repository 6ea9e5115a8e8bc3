# Shared assertions for the end-to-end scripts; source it. Each assertion
# counts a check; `finish` prints the tally and fails the script on any
# failed check.
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  checks=$((checks + 1))
  local desc="$1"; shift
  "$@" >/dev/null 2>&1 || fail "$desc"
}
contains() {  # contains DESCRIPTION HAYSTACK NEEDLE
  checks=$((checks + 1))
  [[ "$2" == *"$3"* ]] || fail "$1: expected to find '$3' in: $2"
}
lacks() {  # lacks DESCRIPTION HAYSTACK NEEDLE
  checks=$((checks + 1))
  [[ "$2" != *"$3"* ]] || fail "$1: did not expect '$3' in: $2"
}
equals() {  # equals DESCRIPTION ACTUAL EXPECTED
  checks=$((checks + 1))
  [ "$2" == "$3" ] || fail "$1: expected '$3', got '$2'"
}
# store_sum DIR: a digest of the workspace store in DIR (learnloop.db and its WAL).
store_sum() { cat "$1/learnloop.db" "$1"/learnloop.db-wal 2>/dev/null | sha256sum; }
finish() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
# unprivileged_reader DIR: sets as_reader, a command prefix that runs as a
# user for whom permissions apply (root ignores them: as root it is
# "nobody", 65534), and succeeds when that user cannot write into DIR;
# otherwise it fails a check saying why.
unprivileged_reader() {
  as_reader=()
  [ "$(id -u)" -eq 0 ] && as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
  local err
  if ! err="$("${as_reader[@]}" true 2>&1)"; then
    fail "read-only workspace: cannot run as an unprivileged user (${as_reader[*]}): $err"
    return 1
  fi
  if "${as_reader[@]}" touch "$1/probe" 2>/dev/null; then
    fail "read-only workspace: $(id -un) can still write into a directory without write permission"
    return 1
  fi
}
