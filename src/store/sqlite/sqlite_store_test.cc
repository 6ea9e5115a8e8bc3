#include "store/sqlite/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "store/sqlite/connection.h"
#include "store/sqlite/test_workspace.h"

namespace learnloop::store {

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest, ::testing::Values(&sqlite::MakeSqliteBackend));

namespace sqlite {
namespace {

using ::testing::HasSubstr;

void WriteFile(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

TEST(SqliteStoreTest, OpeningMissingWorkspaceIsNotFound) {
  TempDir dir;
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(store.status().message(), HasSubstr(dir.File("learnloop.db")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("learnloop.db")));
}

TEST(SqliteStoreTest, CreateThenReopenReadWrite) {
  TempDir dir;
  ASSERT_TRUE(OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate).ok());
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*(*store)->CountEvents(), 0);
}

TEST(SqliteStoreTest, CreatingUnderARegularFileIsIoError) {
  TempDir dir;
  WriteFile(dir.File("plain"), "not a directory");
  std::string file = dir.File("plain") + "/learnloop.db";
  auto store = OpenSqliteStore(file, OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_THAT(store.status().message(), HasSubstr(file));
  EXPECT_THAT(store.status().message(), HasSubstr("is not a directory"));
}

TEST(SqliteStoreTest, CreatingInMissingDirectoryIsIoError) {
  TempDir dir;
  std::string file = dir.File("missing") + "/learnloop.db";
  auto store = OpenSqliteStore(file, OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_THAT(store.status().message(), HasSubstr("does not exist"));
}

TEST(SqliteStoreTest, DirectoryAsDatabaseIsIoError) {
  TempDir dir;
  auto store = OpenSqliteStore(dir.path().string(), OpenMode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_THAT(store.status().message(), HasSubstr("is a directory"));
}

// Permission bits do not bind root, so as root there is no read-only
// directory to test against and the test is skipped.
TEST(SqliteStoreTest, ReadOnlyDirectoryIsIoError) {
  TempDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  if (access(dir.path().c_str(), W_OK) == 0) GTEST_SKIP() << "permissions are not enforced for this user (root)";
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_THAT(store.status().message(), HasSubstr(dir.File("learnloop.db")));
  EXPECT_THAT(store.status().message(), HasSubstr("not writable"));
}

TEST(SqliteStoreTest, ReadOnlyDatabaseFileIsIoError) {
  TempDir dir;
  ASSERT_TRUE(OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate).ok());
  std::filesystem::permissions(dir.File("learnloop.db"), std::filesystem::perms::owner_read);
  if (access(dir.File("learnloop.db").c_str(), W_OK) == 0) GTEST_SKIP() << "permissions are not enforced (root)";
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_THAT(store.status().message(), HasSubstr("not writable"));
}

TEST(SqliteStoreTest, RandomBytesAreCorrupt) {
  TempDir dir;
  std::string bytes(64 * 1024, '\0');
  std::mt19937 random(7);
  for (char& c : bytes) c = static_cast<char>(random());
  WriteFile(dir.File("learnloop.db"), bytes);
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorrupt);
  EXPECT_THAT(store.status().message(), HasSubstr(dir.File("learnloop.db")));
}

TEST(SqliteStoreTest, ForeignSqliteDatabaseIsCorrupt) {
  TempDir dir;
  {
    auto db = Connection::Open(dir.File("other.db"), true);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("CREATE TABLE photos (id INTEGER PRIMARY KEY)").ok());
  }
  auto store = OpenSqliteStore(dir.File("other.db"), OpenMode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorrupt);
  EXPECT_THAT(store.status().message(), HasSubstr("not a learnloop workspace"));
}

TEST(SqliteStoreTest, NewerSchemaIsRefused) {
  TempDir dir;
  ASSERT_TRUE(OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate).ok());
  {
    auto db = Connection::Open(dir.File("learnloop.db"), false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 99").ok());
  }
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(), HasSubstr("schema version 99"));
  EXPECT_THAT(store.status().message(), HasSubstr("newer learnloop"));
}

TEST(SqliteStoreTest, WorkspaceUsesWriteAheadLog) {
  TempDir dir;
  ASSERT_TRUE(OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate).ok());
  auto db = Connection::Open(dir.File("learnloop.db"), false);
  ASSERT_TRUE(db.ok());
  // WAL mode is recorded in the file, so a fresh connection sees it.
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
}

TEST(SqliteStoreTest, ImportWaitsThenReportsBusyWhileAnotherWriterHoldsTheLock) {
  TempDir dir;
  SqliteOptions options;
  options.busy_timeout = std::chrono::milliseconds(20);
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate, options);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto other = Connection::Open(dir.File("learnloop.db"), false);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(other->Exec("BEGIN IMMEDIATE").ok());

  auto busy = (*store)->Import({}, [](EventSink&, ImportRecord&) { return Status::Ok(); });
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().code(), StatusCode::kBusy);
  EXPECT_THAT(busy.status().message(), HasSubstr("another learnloop process is writing this workspace"));

  ASSERT_TRUE(other->Exec("COMMIT").ok());
  auto done = (*store)->Import({}, [](EventSink&, ImportRecord&) { return Status::Ok(); });
  EXPECT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ((*store)->ListImports()->size(), 1u);
}

}  // namespace
}  // namespace sqlite
}  // namespace learnloop::store
