#include "store/sqlite/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "store/sqlite/connection.h"
#include "store/sqlite/test_workspace.h"

namespace learnloop::store {

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest, ::testing::Values(&sqlite::MakeSqliteBackend),
                         [](const auto&) { return std::string("sqlite"); });

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

// Permission bits do not bind root, so the store is opened in a child
// process that first drops to the unprivileged "nobody" user; the child's
// exit code says whether the store refused as expected.
template <typename Check>
void ExpectInUnprivilegedChild(Check check) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
    _exit(check() ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the child saw no IoError naming the file and 'not writable' (see stderr)";
}

bool IsNotWritableError(const Result<std::unique_ptr<Store>>& store, const std::string& file) {
  if (store.ok()) return false;
  const Status status = store.status();
  std::fprintf(stderr, "%s\n", status.message().c_str());
  return status.code() == StatusCode::kIoError && status.message().find(file) != std::string::npos &&
         status.message().find("not writable") != std::string::npos;
}

TEST(SqliteStoreTest, ReadOnlyDirectoryIsIoError) {
  TempDir dir;
  namespace fs = std::filesystem;
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  std::string file = dir.File("learnloop.db");
  ExpectInUnprivilegedChild([&] { return IsNotWritableError(OpenSqliteStore(file, OpenMode::kCreate), file); });
  fs::permissions(dir.path(), fs::perms::owner_all);
}

// /proc refuses new files even to root, which the checks above cannot see:
// SQLite's own failure must still come back as IoError naming the file.
TEST(SqliteStoreTest, DirectoryRefusingNewFilesIsIoError) {
  auto store = OpenSqliteStore("/proc/learnloop.db", OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_THAT(store.status().message(), HasSubstr("/proc/learnloop.db"));
}

// A store that cannot be written opens read-only: reads work, every change
// is IoError "not writable" naming the file.
bool ReadsButRefusesWrites(const std::string& file) {
  auto store = OpenSqliteStore(file, OpenMode::kReadWrite);
  if (!store.ok()) {
    std::fprintf(stderr, "open: %s\n", store.status().message().c_str());
    return false;
  }
  auto events = (*store)->CountEvents();
  auto zone = (*store)->GetSetting("time_zone");
  if (!(*store)->read_only() || !events.ok() || *events != 1 || !zone.ok() || zone->value_or("") != "Europe/Rome") {
    std::fprintf(stderr, "reading the read-only store failed\n");
    return false;
  }
  Status changed = (*store)->SetSetting("time_zone", "UTC");
  return IsNotWritableError(Result<std::unique_ptr<Store>>(changed), file);
}

void MakeStoreWithOneEvent(const std::string& file) {
  auto store = OpenSqliteStore(file, OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->SetSetting("time_zone", "Europe/Rome").ok());
  auto imported = (*store)->Import({}, [](EventSink& sink, ImportRecord&) -> Status {
    Event e{Timestamp{1'700'000'000'000'000}, "mastodon", "@ana", "like", "", std::nullopt, ""};
    return sink.Add(e.view());
  });
  ASSERT_TRUE(imported.ok()) << imported.status().message();
}

TEST(SqliteStoreTest, ReadOnlyDatabaseFileIsReadButNotWritten) {
  TempDir dir;
  namespace fs = std::filesystem;
  std::string file = dir.File("learnloop.db");
  MakeStoreWithOneEvent(file);
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(file, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  ExpectInUnprivilegedChild([&] { return ReadsButRefusesWrites(file); });
}

// Without a writable directory SQLite cannot keep its WAL index beside
// the file; with no log pending the file alone is read.
TEST(SqliteStoreTest, ReadOnlyDirectoryIsReadButNotWritten) {
  TempDir dir;
  namespace fs = std::filesystem;
  std::string file = dir.File("learnloop.db");
  MakeStoreWithOneEvent(file);
  ASSERT_FALSE(fs::exists(file + "-wal")) << "closing the store checkpointed its log";
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  ExpectInUnprivilegedChild([&] { return ReadsButRefusesWrites(file); });
  fs::permissions(dir.path(), fs::perms::owner_all);
}

TEST(SqliteStoreTest, RandomBytesAreCorrupt) {
  TempDir dir;
  std::string bytes(size_t{64} * 1024, '\0');
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

TEST(SqliteStoreTest, OpeningAndReadingDoNotWaitForAWriter) {
  TempDir dir;
  ASSERT_TRUE(OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate).ok());
  auto writer = Connection::Open(dir.File("learnloop.db"), false);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer->Exec("BEGIN IMMEDIATE; INSERT INTO settings (org_id, key, value) VALUES (1, 'k', 'v')").ok());

  SqliteOptions options;
  options.busy_timeout = std::chrono::milliseconds(1);
  auto reader = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kReadWrite, options);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(*(*reader)->CountEvents(), 0);
  EXPECT_FALSE((*reader)->GetSetting("k")->has_value()) << "uncommitted writes are not visible";
  ASSERT_TRUE(writer->Exec("COMMIT").ok());
}

// The race is narrow, so it is run several times: one opener reading the
// header while the other commits the schema once took the new workspace for
// a damaged one.
TEST(SqliteStoreTest, TwoFirstOpensOfANewWorkspaceBothSucceed) {
  for (int round = 0; round < 20; ++round) {
    TempDir dir;
    Status first, second;
    auto open = [&](Status* status) {
      *status = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate).status();
    };
    std::thread a(open, &first);
    std::thread b(open, &second);
    a.join();
    b.join();
    ASSERT_TRUE(first.ok()) << "round " << round << ": " << first.message();
    ASSERT_TRUE(second.ok()) << "round " << round << ": " << second.message();
    auto db = Connection::Open(dir.File("learnloop.db"), false);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM orgs"), 1) << "the schema was created once";
  }
}

// Events carry ids without declared foreign keys (for import speed), so
// check here that every id points at a stored row, also after a rollback.
TEST(SqliteStoreTest, EveryEventRefersToStoredRows) {
  TempDir dir;
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto add = [](const std::vector<Event>& events, const Status& end) {
    return [events, end](EventSink& sink, ImportRecord&) {
      for (const Event& event : events) LL_RETURN_IF_ERROR(sink.Add(event.view()));
      return end;
    };
  };
  Event a{{1}, "x", "p", "like", "", std::nullopt, ""};
  Event b{{2}, "y", "q", "share", "", std::nullopt, ""};
  ASSERT_TRUE((*store)->Import({}, add({a}, Status::Ok())).ok());
  ASSERT_FALSE((*store)->Import({}, add({b}, Internal("stop"))).ok());
  ASSERT_TRUE((*store)->Import({}, add({a, b}, Status::Ok())).ok());

  auto db = Connection::Open(dir.File("learnloop.db"), false);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*db->QueryInt(R"sql(
SELECT count(*) FROM events AS e
  LEFT JOIN channels AS c ON c.id = e.channel_id AND c.org_id = e.org_id
  LEFT JOIN identities AS i ON i.id = e.identity_id AND i.org_id = e.org_id
  LEFT JOIN people AS p ON p.id = i.person_id
  LEFT JOIN kinds AS k ON k.id = e.kind_id AND k.org_id = e.org_id
  LEFT JOIN imports AS m ON m.id = e.import_id AND m.org_id = e.org_id
WHERE c.id IS NULL OR p.id IS NULL OR k.id IS NULL OR m.id IS NULL
)sql"),
            0);
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM events"), 2);
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

TEST(SqliteStoreTest, ScanReportsAnEventWithAMissingNameAsCorrupt) {
  TempDir dir;
  auto store = OpenSqliteStore(dir.File("learnloop.db"), OpenMode::kCreate);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto db = Connection::Open(dir.File("learnloop.db"), false);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->Exec("INSERT INTO events (org_id, ts, channel_id, identity_id, kind_id, import_id) "
                       "VALUES (1, 5, 999, 1, 1, 1)")
                  .ok());
  Status status = (*store)->ScanEvents([](const EventView&) { return Status::Ok(); });
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_THAT(status.message(), HasSubstr("id 999 missing from table channels"));
  EXPECT_THAT(status.message(), HasSubstr(dir.File("learnloop.db")));
}

}  // namespace
}  // namespace sqlite
}  // namespace learnloop::store
