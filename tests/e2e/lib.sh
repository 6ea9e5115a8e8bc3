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
equals() {  # equals DESCRIPTION ACTUAL EXPECTED
  checks=$((checks + 1))
  [ "$2" == "$3" ] || fail "$1: expected '$3', got '$2'"
}
finish() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
