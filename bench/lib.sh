# Shared by the bench scripts (source it after `cd` to the project root).

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# demo_data BINARY PEOPLE DAYS: sets $events and $people to the demo's events
# and CRM export for PEOPLE supporters over DAYS (seed 1, ending 2024-12-31),
# cached in build/bench-data/; made again when missing, or when the export
# is from before it held handles.
demo_data() {
  local bin="$1" people_count="$2" days="$3"
  mkdir -p build/bench-data
  events="build/bench-data/events-${people_count}p-${days}d.csv"
  people="build/bench-data/people-${people_count}p-${days}d.csv"
  if [ ! -f "$events" ] || [ ! -f "$people" ] || ! head -1 "$people" | grep -q mastodon; then
    echo "== generating $events and $people"
    "$bin" demo generate --people "$people_count" --days "$days" --seed 1 --end 2024-12-31 --out "$events" \
      --people-out "$people"
  fi
}
