#include "store/sqlite/migrations.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/test_workspace.h"

namespace learnloop::store::sqlite {
namespace {

Result<Connection> OpenAt(const std::string& file, int version) {
  LL_ASSIGN_OR_RETURN(Connection db, Connection::Open(file, true));
  LL_RETURN_IF_ERROR(Migrate(db, version));
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
                            "contents", "observations"}) {
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
