#include "store/sqlite/migrations.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"

namespace learnloop::store::sqlite {
namespace {

// "LLwk" in ASCII: marks the file as a learnloop workspace.
constexpr int64_t kApplicationId = 0x4c4c776b;

// Every row carries org_id (the workspace; 1 by default) so the same schema
// can be sharded by org on PostgreSQL/Citus. Times are UTC microseconds.
constexpr std::string_view kEventsSchema = R"sql(
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
INSERT INTO orgs (id, name) VALUES (1, 'default');
CREATE TABLE settings (
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (org_id, key)
) WITHOUT ROWID;
CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  name TEXT NOT NULL,
  UNIQUE (org_id, name)
);
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  created_at INTEGER NOT NULL
);
CREATE TABLE identities (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  value TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people (id),
  UNIQUE (org_id, value)
);
CREATE INDEX identities_by_person ON identities (person_id);
CREATE TABLE kinds (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  name TEXT NOT NULL,
  UNIQUE (org_id, name)
);
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0,
  added INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  custom_kinds INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL,
  finished_at INTEGER
);
-- The key is the event's identity, led by ts: imports arrive roughly in
-- time order, so inserts append, and scans come out in time order. The id
-- columns declare no REFERENCES: checking them halves bulk import speed,
-- and the importer takes every id from the row it just resolved.
CREATE TABLE events (
  org_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  channel_id INTEGER NOT NULL,
  identity_id INTEGER NOT NULL,
  kind_id INTEGER NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  value REAL,
  tags TEXT NOT NULL DEFAULT '',
  import_id INTEGER NOT NULL,
  PRIMARY KEY (org_id, ts, channel_id, identity_id, kind_id, content)
) WITHOUT ROWID;
)sql";

// What the organization published and aggregate numbers about it.
constexpr std::string_view kContentSchema = R"sql(
CREATE TABLE contents (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  channel_id INTEGER NOT NULL REFERENCES channels (id),
  key TEXT NOT NULL,
  published_at INTEGER,
  text TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, channel_id, key)
);
CREATE TABLE observations (
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  day INTEGER NOT NULL,
  channel_id INTEGER NOT NULL REFERENCES channels (id),
  content_key TEXT NOT NULL DEFAULT '',
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (org_id, channel_id, content_key, metric, day)
) WITHOUT ROWID;
)sql";

// What the organization knows about people beyond their events (CRM fields).
// Attributes hang on identities, not on people, so that when identities are
// linked into one person later, each identity's attributes follow it. An
// attribute import may name people no event has named yet: has_events says
// which identities events use, so counting matches needs no events scan.
// Every identity before this version came from an event.
constexpr std::string_view kPersonAttributesSchema = R"sql(
ALTER TABLE identities ADD COLUMN has_events INTEGER NOT NULL DEFAULT 1;
CREATE TABLE person_attributes (
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  identity_id INTEGER NOT NULL REFERENCES identities (id),
  attribute TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (org_id, identity_id, attribute)
) WITHOUT ROWID;
)sql";

// The learning loop's goals, plans, check-ins, reflections and history.
// Workspaces before this version may already hold these tables (the loop
// once migrated them itself, versioned in module_migrations), hence IF NOT
// EXISTS. Days are local days of the workspace; `at` is UTC microseconds;
// lists are ';'-joined.
constexpr std::string_view kLoopSchema = R"sql(
CREATE TABLE IF NOT EXISTS loop_goals (
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
CREATE TABLE IF NOT EXISTS loop_plans (
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
CREATE INDEX IF NOT EXISTS loop_plans_by_goal ON loop_plans (org_id, goal_id);
CREATE TABLE IF NOT EXISTS loop_checkins (
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
CREATE INDEX IF NOT EXISTS loop_checkins_by_day ON loop_checkins (org_id, day);
CREATE TABLE IF NOT EXISTS loop_reflections (
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
CREATE VIRTUAL TABLE IF NOT EXISTS loop_learnings USING fts5(
  org_id UNINDEXED, title, expected, happened, why, learned, tags, tokenize = 'porter unicode61');
CREATE TABLE IF NOT EXISTS loop_history (
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
CREATE INDEX IF NOT EXISTS loop_history_by_object ON loop_history (org_id, object_type, object_id);
DROP TABLE IF EXISTS module_migrations;
)sql";

// Random ids that caches of the events (engine.snapshot) are keyed by: one
// of this store, made once, and one of its events as they stand, drawn
// anew by every import that adds events (see EventsVersion). A restored
// backup or another workspace never shares both with other contents.
constexpr std::string_view kIdentitySchema = R"sql(
INSERT OR IGNORE INTO settings (org_id, key, value) VALUES (1, 'store_id', lower(hex(randomblob(16))));
INSERT OR IGNORE INTO settings (org_id, key, value) VALUES (1, 'events_generation', lower(hex(randomblob(16))));
)sql";

// Rules linking identities into one person or keeping them apart (see
// LinkRule): appended, never updated, so each link shows who made it, when
// and why, and can be undone by a later rule. Rules name identity values,
// not identity rows: a rule may name an identity no import has named yet.
constexpr std::string_view kLinkRulesSchema = R"sql(
CREATE TABLE link_rules (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  a TEXT NOT NULL,
  b TEXT NOT NULL,
  link INTEGER NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  CHECK (a < b)
);
)sql";

// Who may sign in to the web app and the API (see learnloop/accounts.h):
// members with a role and an Argon2id password hash, API tokens and reset
// links kept as digests of their secrets, and the audit log of changes.
constexpr std::string_view kAccountsSchema = R"sql(
CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'owner')),
  password_hash TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  password_set_at INTEGER NOT NULL,
  UNIQUE (org_id, email)
);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  secret_digest TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE password_resets (
  member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  secret_digest TEXT NOT NULL UNIQUE,
  expires_at INTEGER NOT NULL
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  source TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL
);
)sql";

// Index i holds the migration to version i + 1. Append only: released
// versions must never change.
constexpr std::array<std::string_view, 7> kMigrations = {kEventsSchema,  kContentSchema,  kPersonAttributesSchema,
                                                         kLoopSchema,    kIdentitySchema, kLinkRulesSchema,
                                                         kAccountsSchema};

struct Header {
  int64_t application_id = 0;
  int64_t version = 0;
  int64_t tables = 0;
};

// One statement reads one snapshot: read one by one, a workspace that
// another process creates in between would show its tables with the old
// version 0 and look damaged.
Result<Header> ReadHeader(Connection& db) {
  LL_ASSIGN_OR_RETURN(Statement query, Statement::Prepare(db,
                                                          "SELECT (SELECT application_id FROM pragma_application_id), "
                                                          "(SELECT user_version FROM pragma_user_version), "
                                                          "(SELECT count(*) FROM sqlite_schema)"));
  LL_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) return Internal(fmt::format("{}: reading the schema version returned no row", db.path()));
  Header header{query.ColumnInt(0), query.ColumnInt(1), query.ColumnInt(2)};
  query.Reset();
  return header;
}

Status CheckIsWorkspace(Connection& db, const Header& header, IfEmpty if_empty) {
  const auto [application_id, version, tables] = header;
  const bool empty = application_id == 0 && version == 0 && tables == 0;
  if (empty && if_empty == IfEmpty::kRefuse) {
    // A truncated file reads as an empty database: taking it for a new
    // workspace would show no data where data was.
    return Corrupt(fmt::format(
        "{} is damaged or not a learnloop workspace: it holds no learnloop schema (an empty or truncated file?); "
        "restore it from a backup, or run `learnloop init` in a new directory",
        db.path()));
  }
  if (!empty && (application_id != kApplicationId || version == 0)) {
    return Corrupt(fmt::format(
        "{} is damaged or not a learnloop workspace: an SQLite database without learnloop's application id and schema "
        "version (application id {:#x}, version {})",
        db.path(), application_id, version));
  }
  if (version > LatestSchemaVersion()) {
    return FailedPrecondition(
        fmt::format("{} has schema version {} but this learnloop knows versions up to {}; it was written by a newer "
                    "learnloop, so upgrade learnloop to open it",
                    db.path(), version, LatestSchemaVersion()));
  }
  return Status::Ok();
}

}  // namespace

Status CheckWorkspace(Connection& db, IfEmpty if_empty) {
  LL_ASSIGN_OR_RETURN(Header header, ReadHeader(db));
  return CheckIsWorkspace(db, header, if_empty);
}

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

Status Migrate(Connection& db, IfEmpty if_empty, int target) {
  // Checked first without the write lock, so opening an up-to-date
  // workspace does not wait for a running import.
  LL_ASSIGN_OR_RETURN(Header header, ReadHeader(db));
  LL_RETURN_IF_ERROR(CheckIsWorkspace(db, header, if_empty));
  if (header.version >= target) return Status::Ok();
  if (db.read_only()) {
    return FailedPrecondition(
        fmt::format("{} has schema version {} and needs upgrading to version {}, which this read-only workspace "
                    "does not allow; run any learnloop command on it once with write access",
                    db.path(), header.version, target));
  }

  LL_ASSIGN_OR_RETURN(Transaction transaction, Transaction::BeginImmediate(db));
  // Another process may have migrated while this one waited for the lock.
  LL_ASSIGN_OR_RETURN(header, ReadHeader(db));
  LL_RETURN_IF_ERROR(CheckIsWorkspace(db, header, if_empty));
  if (header.version >= target) return transaction.Commit();
  for (int64_t next = header.version; next < target; ++next) {
    LL_RETURN_IF_ERROR(db.Exec(kMigrations[next]).WithContext(fmt::format("migrating to schema version {}", next + 1)));
  }
  LL_RETURN_IF_ERROR(
      db.Exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {}", kApplicationId, target)));
  return transaction.Commit();
}

}  // namespace learnloop::store::sqlite
