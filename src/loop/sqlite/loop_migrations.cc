#include "loop/sqlite/loop_migrations.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"

namespace learnloop::loop::sqlite {
namespace {

using store::sqlite::Connection;
using store::sqlite::Statement;

constexpr std::string_view kModule = "loop";

// Days are local days of the workspace (days since 1970-01-01); `at` is UTC
// microseconds. Lists are ';'-joined. Every row carries org_id.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE loop_goals (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  metric TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target REAL NOT NULL,
  start_day INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  parent_id INTEGER REFERENCES loop_goals (id),
  owner TEXT NOT NULL DEFAULT ''
);
CREATE TABLE loop_plans (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  goal_id INTEGER NOT NULL REFERENCES loop_goals (id),
  hypothesis TEXT NOT NULL,
  step_from TEXT NOT NULL,
  step_to TEXT NOT NULL,
  metric TEXT NOT NULL,
  guardrails TEXT NOT NULL DEFAULT '',
  variants TEXT NOT NULL DEFAULT '',
  timebox_days INTEGER NOT NULL,
  long_reason TEXT NOT NULL DEFAULT '',
  start_day INTEGER,
  baseline_from INTEGER,
  baseline_to INTEGER,
  effort TEXT NOT NULL,
  expected_lift REAL NOT NULL DEFAULT 0,
  owner TEXT NOT NULL DEFAULT '',
  tactic TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  parent_id INTEGER REFERENCES loop_plans (id),
  loop_number INTEGER NOT NULL DEFAULT 1,
  verdict TEXT NOT NULL DEFAULT 'none',
  reviewed_on INTEGER,
  decision TEXT NOT NULL DEFAULT 'none',
  decision_reason TEXT NOT NULL DEFAULT '',
  decided_on INTEGER,
  created_on INTEGER NOT NULL
);
CREATE INDEX loop_plans_by_goal ON loop_plans (org_id, goal_id);
CREATE TABLE loop_checkins (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  plan_id INTEGER NOT NULL REFERENCES loop_plans (id),
  day INTEGER NOT NULL,
  done TEXT NOT NULL DEFAULT '',
  next TEXT NOT NULL DEFAULT '',
  blocked TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX loop_checkins_by_day ON loop_checkins (org_id, day);
CREATE TABLE loop_reflections (
  org_id INTEGER NOT NULL,
  plan_id INTEGER NOT NULL REFERENCES loop_plans (id),
  day INTEGER NOT NULL,
  expected TEXT NOT NULL DEFAULT '',
  happened TEXT NOT NULL DEFAULT '',
  why TEXT NOT NULL DEFAULT '',
  learned TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (org_id, plan_id)
);
-- The searchable text of each reflection; rowid is the plan id.
CREATE VIRTUAL TABLE loop_learnings USING fts5(
  org_id UNINDEXED, title, expected, happened, why, learned, tags, tokenize = 'porter unicode61');
CREATE TABLE loop_history (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  object_type TEXT NOT NULL,
  object_id INTEGER NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX loop_history_by_object ON loop_history (org_id, object_type, object_id);
)sql";

// Index i holds the step from version i to i + 1.
constexpr std::array<std::string_view, kLoopSchemaVersion> kSteps = {kVersion1};

Result<int64_t> CurrentVersion(Connection& db) {
  LL_ASSIGN_OR_RETURN(Statement read, Statement::Prepare(db, "SELECT version FROM module_migrations WHERE module = ?"));
  read.Bind(1, kModule);
  LL_ASSIGN_OR_RETURN(bool found, read.Step());
  if (!found) return int64_t{0};
  int64_t version = read.ColumnInt(0);
  read.Reset();
  return version;
}

Status WriteVersion(Connection& db, int64_t version) {
  LL_ASSIGN_OR_RETURN(Statement write,
                      Statement::Prepare(db,
                                         "INSERT INTO module_migrations (module, version) VALUES (?, ?) "
                                         "ON CONFLICT (module) DO UPDATE SET version = excluded.version"));
  write.Bind(1, kModule);
  write.Bind(2, version);
  return write.Run();
}

Result<bool> UpToDate(Connection& db) {
  LL_ASSIGN_OR_RETURN(
      int64_t tables,
      db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'module_migrations'"));
  if (tables == 0) return false;
  LL_ASSIGN_OR_RETURN(int64_t version, CurrentVersion(db));
  return version == kLoopSchemaVersion;
}

}  // namespace

Status MigrateLoopSchema(Connection& db) {
  // Checked first without the write lock, so opening the loop does not wait
  // for a running import.
  LL_ASSIGN_OR_RETURN(bool up_to_date, UpToDate(db));
  if (up_to_date) return Status::Ok();
  LL_ASSIGN_OR_RETURN(auto transaction, store::sqlite::Transaction::BeginImmediate(db));
  LL_RETURN_IF_ERROR(
      db.Exec("CREATE TABLE IF NOT EXISTS module_migrations (module TEXT PRIMARY KEY, version INTEGER NOT NULL)"));
  LL_ASSIGN_OR_RETURN(int64_t version, CurrentVersion(db));
  if (version > kLoopSchemaVersion)
    return FailedPrecondition(
        fmt::format("{}: the loop tables are at version {}, newer than this learnloop knows ({}); "
                    "upgrade learnloop",
                    db.path(), version, kLoopSchemaVersion));
  if (version == kLoopSchemaVersion) return Status::Ok();
  for (int64_t v = version; v < kLoopSchemaVersion; ++v) LL_RETURN_IF_ERROR(db.Exec(kSteps[static_cast<size_t>(v)]));
  LL_RETURN_IF_ERROR(WriteVersion(db, kLoopSchemaVersion));
  return transaction.Commit();
}

}  // namespace learnloop::loop::sqlite
