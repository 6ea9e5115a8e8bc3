#!/usr/bin/env bash
# Runs every fuzzer in BUILDDIR from a temporary copy of its seed corpus
# (the repository is never written to). Exits non-zero, naming the fuzzer
# and the crashing input, on any crash.
#
#   fuzz/run.sh BUILDDIR --runs N      N inputs each from seed 1: the same
#                                      inputs on every machine, so a run that
#                                      passes here passes in CI (scripts/test)
#   fuzz/run.sh BUILDDIR --seconds S   S seconds each from a random seed:
#                                      for hunting new crashes
#
#   CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DLEARNLOOP_FUZZ=ON
#   ninja -C build-fuzz fuzzers
#   fuzz/run.sh build-fuzz --seconds 60
set -euo pipefail

usage() {
  echo "usage: $0 BUILDDIR (--runs N | --seconds S) [FUZZER...]" >&2
  exit 2
}
[[ $# -ge 3 ]] || usage
build_dir=$1
case $2 in
  --runs) budget=(-seed=1 -runs="$3") ;;
  --seconds) budget=(-max_total_time="$3") ;;
  *) usage ;;
esac
[[ $3 =~ ^[0-9]+$ ]] || usage
shift 3
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
fuzzers=(csv_reader_fuzzer jsonl_reader_fuzzer column_mapping_fuzzer time_format_fuzzer rfc3339_fuzzer
         ladder_rules_fuzzer metrics_toml_fuzzer observations_fuzzer person_attributes_fuzzer
         tactics_toml_fuzzer loop_toml_fuzzer stats_parse_fuzzer snapshot_fuzzer toml_text_fuzzer bluesky_fuzzer mastodon_fuzzer
         x_archive_fuzzer x_analytics_fuzzer meta_fuzzer mailchimp_audience_fuzzer mailchimp_activity_fuzzer
         actblue_fuzzer mobilize_fuzzer osdi_fuzzer civicrm_fuzzer actionnetwork_csv_fuzzer
         mastodon_archive_fuzzer feed_fuzzer json_feed_fuzzer html_text_fuzzer)
[[ $# -eq 0 ]] || fuzzers=("$@")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
for name in "${fuzzers[@]}"; do
  binary="$build_dir/fuzz/$name"
  if [[ ! -x $binary ]]; then
    echo "$name: $binary is missing; build it first" >&2
    failed=1
    continue
  fi
  mkdir -p "$work/$name/corpus" "$work/$name/artifacts"
  cp "$fuzz_dir/corpus/$name/"* "$work/$name/corpus/"
  echo "== $name"
  if ! "$binary" "${budget[@]}" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$work/$name/artifacts/" "$work/$name/corpus" >"$work/$name/log" 2>&1; then
    echo "$name FAILED; last lines of its log:" >&2
    tail -n 40 "$work/$name/log" >&2
    for artifact in "$work/$name/artifacts/"*; do
      [[ -e $artifact ]] || continue
      echo "--- crashing input $(basename "$artifact") (base64):" >&2
      base64 "$artifact" | head -c 4000 >&2
      echo >&2
    done
    failed=1
    continue
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$work/$name/log" | tail -n 1
  # Then a short run from inputs at and past the limits (fuzz/bounds.sh),
  # which the seeds above are too short to reach.
  "$fuzz_dir/bounds.sh" "$name" "$fuzz_dir/corpus/$name" "$work/$name/bounds"
  inputs=$(find "$work/$name/bounds" -type f | wc -l)
  if [[ $inputs -gt 0 ]]; then
    if ! "$binary" -seed=1 -runs=40 -max_len=4194304 -timeout=60 -rss_limit_mb=4096 \
        -artifact_prefix="$work/$name/artifacts/" "$work/$name/bounds" >"$work/$name/bounds.log" 2>&1; then
      echo "$name FAILED on inputs at its limits; last lines of its log:" >&2
      tail -n 40 "$work/$name/bounds.log" >&2
      failed=1
      continue
    fi
    echo "   and 40 runs from $inputs inputs at the limits"
  fi
done
exit $failed
