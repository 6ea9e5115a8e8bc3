#include "loop/sqlite/loop_migrations.h"

#include <gtest/gtest.h>

#include "loop/test_util.h"
#include "store/sqlite/connection.h"

namespace learnloop::loop::sqlite {
namespace {

using store::sqlite::Connection;

TEST(LoopMigrationsTest, RecordsTheVersionAndRunsOnce) {
  TestWorkspace ws;
  auto db = Connection::Open((ws.dir() / "learnloop.db").string(), false);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(MigrateLoopSchema(*db).ok());
  ASSERT_TRUE(MigrateLoopSchema(*db).ok());
  EXPECT_EQ(*db->QueryInt("SELECT version FROM module_migrations WHERE module = 'loop'"), kLoopSchemaVersion);
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM sqlite_master WHERE name = 'loop_history'"), 1);
}

TEST(LoopMigrationsTest, RefusesANewerSchema) {
  TestWorkspace ws;
  auto db = Connection::Open((ws.dir() / "learnloop.db").string(), false);
  ASSERT_TRUE(MigrateLoopSchema(*db).ok());
  ASSERT_TRUE(db->Exec("UPDATE module_migrations SET version = 99 WHERE module = 'loop'").ok());
  Status status = MigrateLoopSchema(*db);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("upgrade learnloop"), std::string::npos);
}

TEST(LoopMigrationsTest, OpeningAnUpToDateLoopDoesNotWaitForAWriter) {
  TestWorkspace ws;
  const std::string file = (ws.dir() / "learnloop.db").string();
  auto db = Connection::Open(file, false);
  ASSERT_TRUE(MigrateLoopSchema(*db).ok());
  // Another connection holds the write lock, as a long import does.
  auto writer = Connection::Open(file, false);
  ASSERT_TRUE(writer->Exec("BEGIN IMMEDIATE").ok());
  auto reader = Connection::Open(file, false);
  reader->SetBusyTimeout(0);
  EXPECT_TRUE(MigrateLoopSchema(*reader).ok());
  ASSERT_TRUE(writer->Exec("COMMIT").ok());
}

TEST(LoopMigrationsTest, LeavesOtherModulesAlone) {
  TestWorkspace ws;
  auto db = Connection::Open((ws.dir() / "learnloop.db").string(), false);
  ASSERT_TRUE(db->Exec("CREATE TABLE module_migrations (module TEXT PRIMARY KEY, version INTEGER NOT NULL);"
                       "INSERT INTO module_migrations VALUES ('listen', 3)")
                  .ok());
  ASSERT_TRUE(MigrateLoopSchema(*db).ok());
  EXPECT_EQ(*db->QueryInt("SELECT version FROM module_migrations WHERE module = 'listen'"), 3);
}

}  // namespace
}  // namespace learnloop::loop::sqlite
