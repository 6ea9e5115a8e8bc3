#include "store/sqlite/migrations.h"

#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/test_workspace.h"

namespace learnloop::store::sqlite {
namespace {

Result<Connection> OpenAt(const std::string& file, int version) {
  LL_ASSIGN_OR_RETURN(Connection db, Connection::Open(file, true));
  LL_RETURN_IF_ERROR(Migrate(db, IfEmpty::kCreate, version));
  return db;
}

int64_t TableCount(Connection& db, const std::string& table) {
  auto count = db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'");
  return count.ok() ? *count : -1;
}

TEST(MigrationsTest, NewDatabaseGetsLatestSchema) {
  TempDir dir;
  auto db = OpenAt(dir.File("w.db"), LatestSchemaVersion());
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), LatestSchemaVersion());
  for (const char* table : {"orgs", "settings", "channels", "people", "identities", "kinds", "events", "imports",
                            "contents", "observations", "person_attributes", "loop_goals", "loop_plans",
                            "loop_checkins", "loop_reflections", "loop_learnings", "loop_history"}) {
    EXPECT_EQ(TableCount(*db, table), 1) << table;
  }
  EXPECT_EQ(*db->QueryInt("SELECT id FROM orgs WHERE name = 'default'"), 1);
}

TEST(MigrationsTest, MigratingTwiceChangesNothing) {
  TempDir dir;
  auto db = OpenAt(dir.File("w.db"), LatestSchemaVersion());
  ASSERT_TRUE(db.ok()) << db.status().message();
  Status again = Migrate(*db);
  EXPECT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM orgs"), 1);
}

TEST(MigrationsTest, OpeningAnOldWorkspaceUpgradesItAndKeepsItsData) {
  TempDir dir;
  {
    auto db = OpenAt(dir.File("w.db"), 1);
    ASSERT_TRUE(db.ok()) << db.status().message();
    EXPECT_EQ(TableCount(*db, "contents"), 0);
    ASSERT_TRUE(db->Exec("INSERT INTO settings (org_id, key, value) VALUES (1, 'time_zone', 'Europe/Paris')").ok());
  }
  auto store = OpenSqliteStore(dir.File("w.db"), OpenMode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ((*store)->GetSetting("time_zone")->value_or("?"), "Europe/Paris");
  store->reset();

  auto db = Connection::Open(dir.File("w.db"), false);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(TableCount(*db, "contents"), 1);
  EXPECT_EQ(TableCount(*db, "observations"), 1);
}

TEST(MigrationsTest, VersionTwoWorkspaceGetsPersonAttributesAndKeepsItsPeople) {
  TempDir dir;
  {
    auto db = OpenAt(dir.File("w.db"), 2);
    ASSERT_TRUE(db.ok()) << db.status().message();
    EXPECT_EQ(TableCount(*db, "person_attributes"), 0);
    ASSERT_TRUE(db->Exec(R"sql(
INSERT INTO people (id, org_id, created_at) VALUES (1, 1, 0);
INSERT INTO identities (id, org_id, value, person_id) VALUES (1, 1, 'ana@example.org', 1);
INSERT INTO channels (id, org_id, name) VALUES (1, 1, 'mastodon');
INSERT INTO observations (org_id, day, channel_id, content_key, metric, value) VALUES (1, 19723, 1, '', 'reach', 5);
)sql")
                    .ok());
  }
  auto store = OpenSqliteStore(dir.File("w.db"), OpenMode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().message();
  std::vector<Observation> observations;
  Status scanned = (*store)->ScanObservations([&](const Observation& o) {
    observations.push_back(o);
    return Status::Ok();
  });
  ASSERT_TRUE(scanned.ok()) << scanned.message();
  EXPECT_EQ(observations, (std::vector<Observation>{{19'723, "mastodon", "", "reach", 5}}));
  auto counts = (*store)->SetPersonAttributes({{"ana@example.org", "city", "Berlin"}});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->added, 1);
  EXPECT_EQ(*(*store)->CountPeople(), 1) << "the attribute hangs on the identity stored before the migration";
  store->reset();

  auto db = Connection::Open(dir.File("w.db"), false);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(*db->QueryInt("SELECT identity_id FROM person_attributes WHERE attribute = 'city'"), 1);
}

// Before version 4 the loop created its tables itself and versioned them in
// module_migrations; such a workspace keeps its goals and loses that table.
TEST(MigrationsTest, VersionThreeWorkspaceWithLoopTablesKeepsItsGoals) {
  TempDir dir;
  {
    auto db = OpenAt(dir.File("w.db"), 3);
    ASSERT_TRUE(db.ok()) << db.status().message();
    ASSERT_TRUE(db->Exec(R"sql(
CREATE TABLE module_migrations (module TEXT PRIMARY KEY, version INTEGER NOT NULL);
INSERT INTO module_migrations VALUES ('loop', 1);
CREATE TABLE loop_goals (
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, title TEXT NOT NULL, metric TEXT NOT NULL,
  target_kind TEXT NOT NULL, target REAL NOT NULL, start_day INTEGER NOT NULL, deadline INTEGER NOT NULL,
  parent_id INTEGER REFERENCES loop_goals (id), owner TEXT NOT NULL DEFAULT '');
INSERT INTO loop_goals VALUES (7, 1, 'More talk', 'rung:relationship', 'more', 50, 19800, 19900, NULL, '');
)sql")
                    .ok());
  }
  auto db = Connection::Open(dir.File("w.db"), false);
  ASSERT_TRUE(db.ok());
  Status migrated = Migrate(*db);
  ASSERT_TRUE(migrated.ok()) << migrated.message();
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(*db->QueryInt("SELECT id FROM loop_goals WHERE title = 'More talk'"), 7);
  EXPECT_EQ(TableCount(*db, "loop_plans"), 1);
  EXPECT_EQ(TableCount(*db, "module_migrations"), 0);
}

// Only init creates a workspace: a file truncated to 0 bytes reads as an
// empty database, which must not be taken for a new, empty workspace.
TEST(MigrationsTest, AnEmptyOrForeignDatabaseIsRefusedUnlessCreating) {
  TempDir dir;
  { std::ofstream(dir.File("empty.db")); }
  auto empty = Connection::Open(dir.File("empty.db"), false);
  ASSERT_TRUE(empty.ok());
  Status refused = Migrate(*empty);
  EXPECT_EQ(refused.code(), StatusCode::kCorrupt);
  EXPECT_NE(refused.message().find("damaged or not a learnloop workspace"), std::string::npos) << refused.message();
  EXPECT_EQ(*empty->QueryInt("SELECT count(*) FROM sqlite_schema"), 0) << "nothing was created";

  auto foreign = Connection::Open(dir.File("foreign.db"), true);
  ASSERT_TRUE(foreign.ok());
  ASSERT_TRUE(foreign->Exec("CREATE TABLE notes (x)").ok());
  EXPECT_EQ(Migrate(*foreign, IfEmpty::kCreate).code(), StatusCode::kCorrupt) << "tables of another program";
  ASSERT_TRUE(foreign->Exec("PRAGMA application_id = 1280079723").ok());  // ours, without a schema version
  EXPECT_EQ(Migrate(*foreign, IfEmpty::kCreate).code(), StatusCode::kCorrupt);

  auto fresh = Connection::Open(dir.File("new.db"), true);
  ASSERT_TRUE(fresh.ok());
  EXPECT_TRUE(Migrate(*fresh, IfEmpty::kCreate).ok());
}

// Version 5 gives every workspace, old ones too, the random ids that key
// caches of its events.
TEST(MigrationsTest, EveryWorkspaceGetsItsOwnStoreId) {
  TempDir dir;
  auto old = OpenAt(dir.File("old.db"), 4);
  ASSERT_TRUE(old.ok());
  ASSERT_TRUE(Migrate(*old).ok());
  auto other = OpenAt(dir.File("other.db"), LatestSchemaVersion());
  ASSERT_TRUE(other.ok());
  auto id_of = [](Connection& db) {
    auto count = db.QueryInt(
        "SELECT count(*) FROM settings WHERE key IN ('store_id', 'events_generation') AND "
        "length(value) = 32");
    return count.ok() ? *count : -1;
  };
  EXPECT_EQ(id_of(*old), 2);
  EXPECT_EQ(id_of(*other), 2);
  ASSERT_TRUE(old->Exec("ATTACH DATABASE '" + dir.File("other.db") + "' AS other").ok());
  EXPECT_EQ(*old->QueryInt("SELECT count(*) FROM settings a JOIN other.settings b ON a.key = b.key "
                           "WHERE a.value = b.value"),
            0)
      << "two workspaces never share an id";
}

TEST(MigrationsTest, FailedMigrationLeavesTheDatabaseAtItsVersion) {
  TempDir dir;
  {
    auto db = OpenAt(dir.File("w.db"), 1);
    ASSERT_TRUE(db.ok()) << db.status().message();
    // A table in the way makes migration 2 fail halfway.
    ASSERT_TRUE(db->Exec("CREATE TABLE observations (x)").ok());
  }
  auto db = Connection::Open(dir.File("w.db"), false);
  ASSERT_TRUE(db.ok());
  Status status = Migrate(*db);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("migrating to schema version 2"), std::string::npos) << status.message();
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), 1);
  EXPECT_EQ(TableCount(*db, "contents"), 0) << "the part that ran was rolled back";
}

}  // namespace
}  // namespace learnloop::store::sqlite
