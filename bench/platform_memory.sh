#!/usr/bin/env bash
# Peak memory of importing platform exports of growing size: each format's
# generated input at SIZES MiB (default "32 256") is imported into a fresh
# workspace, whole process, and its peak RSS printed. Memory bounded by the
# record, not the file, shows as a peak that stays flat as the file grows.
#   bench/platform_memory.sh [FORMAT...]   (default: the JSON formats and one CSV)
# BEFORE=path/to/learnloop also measures an older binary on the same files.
# Not part of scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-32 256}"
formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=(x-archive mastodon-api bluesky-api mastodon-archive osdi mailchimp-activity
  mobilize-attendances actblue-contributions)
scripts/deps
scripts/build release >/dev/null
bin=build/cli/learnloop
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
measure() {  # measure BINARY FILE FORMAT: prints "seconds peak-KiB"
  rm -rf "$tmp/ws"
  "$1" init -w "$tmp/ws" >/dev/null
  /usr/bin/time -f "%e %M" "$1" import -w "$tmp/ws" --format "$3" "$2" 2>&1 >/dev/null | tail -1
}
printf "%-22s %8s  %-22s %s\n" format "MiB" "this tree (s, peak MiB)" "${BEFORE:+before (s, peak MiB)}"
for format in "${formats[@]}"; do
  for mib in $SIZES; do
    file="$tmp/input-$format"
    build/bench/import_bench --write-input "$format" "$mib" "$file"
    read -r s kib < <(measure "$bin" "$file" "$format")
    line="$(printf "%-22s %8s  %8s %10.0f" "$format" "$mib" "$s" "$((kib / 1024))")"
    if [ -n "${BEFORE:-}" ]; then
      read -r bs bkib < <(measure "$BEFORE" "$file" "$format")
      line+="$(printf "      %8s %10.0f" "$bs" "$((bkib / 1024))")"
    fi
    echo "$line"
    rm -f "$file"
  done
done
