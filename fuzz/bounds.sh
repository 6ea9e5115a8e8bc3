#!/usr/bin/env bash
# Writes inputs that sit at and beyond the readers' documented limits, made
# from a fuzzer's seed corpus, for fuzz/run.sh to start a short run from:
# every field or string value of a seed made longer than a name (1,024
# bytes) and than a content field (64 KiB), a CSV or JSON Lines row longer
# than a line may be (1 MiB), TOML with a dotted key of 50,000 parts and
# nesting far past its depth limit, JSON nested past simdjson's 1,024 levels.
# Generated here rather than committed: they are megabytes.
#
#   fuzz/bounds.sh FUZZER SEEDDIR OUTDIR    (prints nothing; OUTDIR may stay empty)
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 FUZZER SEEDDIR OUTDIR" >&2; exit 2; }
name=$1 seeds=$2 out=$3
mkdir -p "$out"

pad() { head -c "$1" /dev/zero | tr '\0' x; }
first_seed() { find "$seeds" -type f | LC_ALL=C sort | head -n 1; }

# The K-th string value of a JSON seed lengthened by N bytes, for K = 1..8:
# one long value per input, so that each value's own limit is reached.
json_long() {
  local n=$1 p k
  p=$(pad "$n")
  for k in 1 2 3 4 5 6 7 8; do sed "s/\":[[:space:]]*\"/&$p/$k" "$(first_seed)" >"$out/long-string-$k-$n.json"; done
}
# The K-th unquoted field after the first of the first row after the header
# lengthened by N bytes, for K = 1..6.
csv_long() {
  local n=$1 p k
  p=$(pad "$n")
  for k in 1 2 3 4 5 6; do sed "2s/,\([^\"]\)/,$p\1/$k" "$(first_seed)" >"$out/long-field-$k-$n.csv"; done
}
json_deep() {
  { head -c 3000 /dev/zero | tr '\0' '['; head -c 3000 /dev/zero | tr '\0' ']'; } >"$out/deep.json"
}

case $name in
  csv_reader_fuzzer | observations_fuzzer | person_attributes_fuzzer | x_analytics_fuzzer | meta_fuzzer | \
  mailchimp_audience_fuzzer | actblue_fuzzer | civicrm_fuzzer | actionnetwork_csv_fuzzer)
    csv_long 1100
    csv_long 70000
    # A row longer than a line may be: its last field 1.1 MB.
    { head -n 2 "$(first_seed)" | tr -d '\r' | sed '$s/$//' | head -c -1; pad 1100000; echo; } >"$out/long-row.csv"
    ;;
  jsonl_reader_fuzzer)
    json_long 1100
    json_long 70000
    { printf '{"ts":"2024-05-01T00:00:00Z","channel":"web","person":"p","kind":"page_view","content":"'
      pad 1100000; printf '"}\n'; } >"$out/long-line.jsonl"
    ;;
  bluesky_fuzzer | mastodon_fuzzer | x_archive_fuzzer | mailchimp_activity_fuzzer | mobilize_fuzzer | osdi_fuzzer | \
  mastodon_archive_fuzzer | json_feed_fuzzer)
    json_long 1100
    json_long 70000
    json_deep
    ;;
  column_mapping_fuzzer | ladder_rules_fuzzer | metrics_toml_fuzzer | tactics_toml_fuzzer | loop_toml_fuzzer | \
  toml_text_fuzzer)
    { printf 'a'; for _ in $(seq 49999); do printf '.a'; done; printf ' = 1\n'; } >"$out/dotted-key.toml"
    { printf 'x = '; head -c 3000 /dev/zero | tr '\0' '['; head -c 3000 /dev/zero | tr '\0' ']'; echo; } \
      >"$out/deep-array.toml"
    { printf 'x = '; for _ in $(seq 1000); do printf '{a='; done; printf '1'; head -c 1000 /dev/zero | tr '\0' '}'
      echo; } >"$out/deep-table.toml"
    { printf 'x = "'; pad 2000000; printf '"\n'; } >"$out/long-string.toml"
    ;;
  *) ;;  # a fuzzer whose input has no length limit of its own
esac
