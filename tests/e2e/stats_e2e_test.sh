#!/usr/bin/env bash
# End-to-end test of `learnloop stats`: JSON keys, reference values, plain
# output and errors. Usage: stats_e2e_test.sh LEARNLOOP_BINARY
set -uo pipefail
BIN="$1"
source "$(dirname "$0")/lib.sh"
keys() { jq -c 'keys_unsorted' <<<"$1"; }
rounded() { jq -r "$2 * 1e6 | round / 1e6" <<<"$1"; }  # six decimals
ll() { "$BIN" stats "$@"; }

for cmd in rate-test beta-ab gamma-ab mean-test anomalies power; do
  ll "$cmd" --help >/dev/null 2>&1 || fail "--help for stats $cmd"
done

# R's ?poisson.test example: rate ratio 1.971488, CI 0.8584264 4.2772659, p 0.07967.
out="$(ll rate-test --a 21:3011 --b 11:800 --json)"
equals "rate-test keys" "$(keys "$out")" '["rate_ratio","ci_low","ci_high","p_value"]'
equals "rate-test ratio" "$(rounded "$out" .rate_ratio)" "1.971488"
equals "rate-test ci_high" "$(rounded "$out" .ci_high)" "4.277266"
equals "rate-test p" "$(rounded "$out" .p_value)" "0.079669"
out="$(ll rate-test --a 0:10 --b 4:10 --json)"
equals "infinite ratio is null" "$(jq -r .rate_ratio <<<"$out")" "null"
out="$(ll rate-test --a 21:3011 --b 11:800)"
contains "rate-test table" "$out" "rate B / rate A"
contains "rate-test verdict" "$out" "not clear evidence"

out="$(ll beta-ab --a 0/0 --b 1/1 --json)"
equals "beta-ab keys" "$(keys "$out")" '["prob_b_beats_a","expected_loss_a","expected_loss_b"]'
equals "beta-ab P(B>A) = 2/3" "$(rounded "$out" .prob_b_beats_a)" "0.666667"
out="$(ll gamma-ab --a 0:2 --b 0:3 --json)"
equals "gamma-ab keys" "$(keys "$out")" '["prob_b_beats_a","expected_loss_a","expected_loss_b"]'
equals "gamma-ab P(B>A) = 2/5" "$(rounded "$out" .prob_b_beats_a)" "0.4"
# Posteriors Gamma(2, 3) and Gamma(2, 4): I_{3/7}(2, 2) = 3x^2 - 2x^3 = 135/343.
out="$(ll gamma-ab --a 0:2 --b 0:3 --prior 2,1 --json)"
equals "gamma-ab with a prior" "$(rounded "$out" .prob_b_beats_a)" "0.393586"

# R's sleep data, t.test(extra ~ group, data = sleep): CI -3.3654832 0.2054832, p 0.07939.
out="$(ll mean-test --a 7.5:34.43:10 --b 23.3:90.37:10 --json)"
equals "mean-test keys" "$(keys "$out")" '["effect","ci_low","ci_high","p_value"]'
equals "mean-test ci_low" "$(rounded "$out" .ci_low)" "-0.205483"
equals "mean-test p" "$(rounded "$out" .p_value)" "0.079394"
out="$(ll mean-test --a 500:5196:50 --b 480:6111:40 --relative)"
contains "relative lift in percent" "$out" "+20.00%"

series="$(for i in $(seq 0 55); do
  awk -v i="$i" 'BEGIN { v = 100 + 25 * sin(2 * 3.14159265 * i / 7) + (i * 37 % 11) / 3;
                         if (i == 20) v += 60; if (i == 41) v -= 50; print v }'
done)"
out="$(ll anomalies --period 7 --json <<<"$series")"
equals "anomalies keys" "$(keys "$out")" '["indices"]'
equals "anomalies found" "$(jq -c .indices <<<"$out")" "[20,41]"
equals "anomalies pos only" "$(ll anomalies --period 7 --direction pos --json <<<"$series" | jq -c .indices)" "[20]"
out="$(printf '1\n2\nabc\n' | ll anomalies --period 1 2>&1)"; rc=$?
equals "bad series exit code" "$rc" "1"
contains "bad series names the line" "$out" "stdin:3: 'abc' is not a number"
out="$(printf '1\n2\n3\n' | ll anomalies --period 7 2>&1)"
contains "short series" "$out" "fewer than 2 periods"

out="$(ll power --mean 100 --lift 10 --json)"
equals "power days" "$(jq -c . <<<"$out")" '{"days":17}'
contains "power text" "$(ll power --mean 100 --lift 10 --baseline-days 28)" "run the plan for 12 days"
out="$(ll power --mean 100 --lift 10 --baseline-days 8 2>&1)"; rc=$?
equals "too short baseline exit code" "$rc" "1"
contains "too short baseline" "$out" "needs at least 9 days"

# Errors name the flag and the expected form; usage errors exit 2.
out="$(ll rate-test --a 12:x --b 1:2 2>&1)"; rc=$?
equals "bad --a exit code" "$rc" "1"
contains "bad --a" "$out" "--a '12:x': expected COUNT:EXPOSURE like 12:1000"
contains "zero exposure" "$(ll gamma-ab --a 1:10 --b 1:0 2>&1)" "--b '1:0': the exposure must be greater than 0"
contains "bad fraction" "$(ll beta-ab --a 5/3 --b 1/3 2>&1)" "successes exceed trials"
contains "bad prior" "$(ll beta-ab --a 1/3 --b 1/3 --prior 1 2>&1)" "--prior '1': expected two numbers A,B"
contains "bad sums" "$(ll mean-test --a 1:2 --b 1:2:3 2>&1)" "expected SUM:SUMSQ:N"
ll rate-test --a 1:2 --b 1:2 --alternative sideways >/dev/null 2>&1; rc=$?
equals "bad --alternative exit code" "$rc" "2"
ll rate-test --a 1:2 >/dev/null 2>&1; rc=$?
equals "missing --b exit code" "$rc" "2"

finish
