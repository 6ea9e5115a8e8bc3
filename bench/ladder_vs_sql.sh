#!/usr/bin/env bash
# Answers the default-ladder question "how many people stand on each rung as
# of day T?" twice on the same canonical CSV: with the learnloop engine and
# with plain SQL in the sqlite3 shell (written independently from DESIGN.md's
# rules), then prints both times and whether the counts agree. Days are UTC.
# Usage: bench/ladder_vs_sql.sh FILE [AS_OF]   (AS_OF defaults to the last day)
set -euo pipefail
cd "$(dirname "$0")/.."
FILE="$(realpath "$1")"
AS_OF="${2:-}"
BIN="${FOUNDATION_BENCH:-build/bench/foundation_bench}"

start=$(date +%s.%N)
engine_out="$("$BIN" "$FILE" --counts-only ${AS_OF:+--as-of "$AS_OF"})"
engine_wall=$(echo "$(date +%s.%N) - $start" | bc)
as_of="$(awk '$1 == "as_of" {print $2}' <<<"$engine_out")"
engine_counts="$(awk '$1 != "as_of" && $1 != "engine_seconds"' <<<"$engine_out")"

start=$(date +%s.%N)
sql_counts="$(sqlite3 -batch :memory: <<SQL
.mode csv
CREATE TABLE ev(ts TEXT, channel TEXT, person TEXT, kind TEXT, content TEXT, value TEXT, tags TEXT);
.import --skip 1 '$FILE' ev
.mode list
.separator ' '
CREATE TEMP TABLE w AS
  SELECT person, kind, CAST(julianday(date(ts)) - julianday('1969-12-29') AS INTEGER) / 7 AS week
  FROM ev
  WHERE date(ts) > date('$as_of', '-90 days') AND date(ts) <= '$as_of';
CREATE TEMP TABLE action_people AS
  SELECT DISTINCT person FROM w WHERE kind IN ('donation','volunteer','petition','event_attend','host');
CREATE TEMP TABLE engaged AS
  SELECT person, count(*) AS n, count(DISTINCT week) AS weeks FROM w
  WHERE kind IN ('like','share','comment','reply','mention','message','click','open') GROUP BY person;
CREATE TEMP TABLE exchanged AS
  SELECT person FROM w GROUP BY person
  HAVING sum(kind IN ('comment','reply','mention','message')) > 0 AND sum(kind = 'org_reply') > 0;
CREATE TEMP TABLE networked AS
  SELECT DISTINCT person FROM (
    SELECT person, kind, row_number() OVER (
      PARTITION BY person, channel ORDER BY julianday(ts) DESC, rowid DESC) AS latest
    FROM ev
    WHERE kind IN ('follow','subscribe','unfollow','unsubscribe') AND date(ts) <= '$as_of')
  WHERE latest = 1 AND kind IN ('follow','subscribe');
CREATE TEMP TABLE rung AS
  SELECT p.person,
    CASE
      WHEN p.person IN (SELECT person FROM action_people) THEN 'action'
      WHEN p.person IN (SELECT person FROM engaged WHERE n >= 3 AND weeks >= 2)
       AND p.person IN (SELECT person FROM exchanged) THEN 'relationship'
      WHEN p.person IN (SELECT person FROM engaged) THEN 'engagement'
      WHEN p.person IN (SELECT person FROM networked) THEN 'network'
    END AS name
  FROM (SELECT DISTINCT person FROM ev WHERE date(ts) <= '$as_of') p;
SELECT r.name, (SELECT count(*) FROM rung WHERE rung.name = r.name)
FROM (SELECT 'action' AS name, 1 AS o UNION ALL SELECT 'relationship', 2
      UNION ALL SELECT 'engagement', 3 UNION ALL SELECT 'network', 4) r ORDER BY r.o;
SQL
)"
sql_wall=$(echo "$(date +%s.%N) - $start" | bc)

echo "as of $as_of, $(basename "$FILE")"
printf '%-14s %12s %12s\n' rung engine sql
paste -d' ' <(echo "$engine_counts") <(echo "$sql_counts") | awk '{printf "%-14s %12s %12s\n", $1, $2, $4}'
printf 'engine: %.2f s (load CSV + ladder)   sql: %.2f s (import CSV + queries)   ratio %.1fx\n' \
  "$engine_wall" "$sql_wall" "$(echo "$sql_wall / $engine_wall" | bc -l)"
if [ "$engine_counts" == "$sql_counts" ]; then
  echo "counts agree"
else
  echo "COUNTS DISAGREE"
  exit 1
fi
