#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <utility>

#include "store/engine_limits.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/content_table.h"
#include "store/sqlite/event_inserter.h"
#include "store/sqlite/event_scanner.h"
#include "store/sqlite/link_rule_table.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/observation_table.h"
#include "store/sqlite/open_checks.h"
#include "store/sqlite/person_attribute_table.h"
#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"

namespace learnloop::store {
namespace {

using sqlite::Connection;
using sqlite::kOrgId;
using sqlite::Statement;
using sqlite::Transaction;

// What one import adds: events through the inserter, and the observations,
// attributes and contents a platform export carries beside them through writers
// prepared on first use, all in the import's transaction.
class ImportSink final : public EventSink {
 public:
  ImportSink(Connection& db, sqlite::EventInserter& events, int64_t created_at)
      : db_(db), events_(events), created_at_(created_at) {}

  Status Add(const EventView& event) override { return events_.Add(event); }
  Status AddObservation(const Observation& observation) override {
    if (!observations_) {
      LL_ASSIGN_OR_RETURN(observations_, sqlite::ObservationWriter::Prepare(db_, kOrgId));
    }
    return observations_->Add(observation);
  }
  Status SetAttribute(const PersonAttribute& attribute) override {
    if (!attributes_) {
      LL_ASSIGN_OR_RETURN(attributes_, sqlite::PersonAttributeWriter::Prepare(db_, kOrgId, created_at_));
    }
    return attributes_->Set(attribute);
  }
  Status AddContent(const ContentItem& item) override {
    if (!contents_) {
      LL_ASSIGN_OR_RETURN(contents_, sqlite::ContentWriter::Prepare(db_, kOrgId));
    }
    return contents_->Add(item);
  }

  void CountInto(ImportRecord& record) const {
    record.added = events_.added();
    record.duplicates = events_.duplicates();
    if (observations_) record.observations = observations_->counts();
    if (attributes_) record.attributes = attributes_->counts();
    if (contents_) record.contents = contents_->counts();
  }

 private:
  Connection& db_;
  sqlite::EventInserter& events_;
  int64_t created_at_;
  std::unique_ptr<sqlite::ObservationWriter> observations_;
  std::unique_ptr<sqlite::PersonAttributeWriter> attributes_;
  std::unique_ptr<sqlite::ContentWriter> contents_;
};

constexpr std::string_view kListImports = R"sql(
SELECT id, file_name, sha256, rows, added, duplicates, custom_kinds, started_at, finished_at
FROM imports WHERE org_id = ?1 ORDER BY id
)sql";

class SqliteStore final : public Store {
 public:
  SqliteStore(Connection db, const Clock& clock) : db_(std::move(db)), clock_(clock) {
    // data_version moves with other connections' commits only; this
    // connection's own are counted here.
    sqlite3_commit_hook(
        db_.handle(),
        [](void* count) {
          ++*static_cast<std::atomic<int64_t>*>(count);
          return 0;
        },
        own_commits_.get());
  }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;
  ~SqliteStore() override { sqlite3_commit_hook(db_.handle(), nullptr, nullptr); }

  Result<std::string> ChangeStamp() override {
    LL_ASSIGN_OR_RETURN(Statement query, Statement::Prepare(db_, "PRAGMA data_version"));
    LL_ASSIGN_OR_RETURN(bool row, query.Step());
    const int64_t others = row ? query.ColumnInt(0) : 0;
    query.Reset();
    return fmt::format("{}.{}", others, own_commits_->load());
  }

  Result<ImportRecord> Import(ImportRecord record,
                              const std::function<Status(EventSink&, ImportRecord&)>& fill) override;
  Status ScanEvents(const std::function<Status(const EventView&)>& visit) override;
  using Store::AddObservations;
  using Store::SetPersonAttributes;
  Result<ObservationCounts> AddObservations(const std::function<Status(const ObservationSink&)>& fill) override;
  Status ScanObservations(const std::function<Status(const Observation&)>& visit) override {
    return sqlite::ScanObservationsInOrder(db_, kOrgId, visit);
  }
  Status ScanContents(const std::function<Status(const ContentItem&)>& visit) override {
    return sqlite::ScanContentsInOrder(db_, kOrgId, visit);
  }
  Result<PersonAttributeCounts> SetPersonAttributes(
      const std::function<Status(const PersonAttributeSink&)>& fill) override;
  Status ScanPersonAttributes(const std::function<Status(const PersonAttribute&)>& visit) override {
    return sqlite::ScanPersonAttributesInOrder(db_, kOrgId, visit);
  }
  Status ScanAttributesNamed(const std::vector<std::string>& attributes,
                             const std::function<Status(const PersonAttribute&)>& visit) override {
    return sqlite::ScanAttributesNamed(db_, kOrgId, attributes, visit);
  }
  Result<std::vector<std::string>> AttributeNames() override { return sqlite::AttributeNames(db_, kOrgId); }
  Result<std::vector<PersonAttribute>> AttributesOf(const std::string& person) override {
    return sqlite::AttributesOf(db_, kOrgId, person);
  }
  Result<std::vector<AttributeSummary>> SummarizePersonAttributes() override {
    return sqlite::SummarizePersonAttributes(db_, kOrgId);
  }
  Result<bool> HasIdentity(const std::string& identity) override {
    LL_ASSIGN_OR_RETURN(Statement query,
                        Statement::Prepare(db_, "SELECT 1 FROM identities WHERE org_id = ?1 AND value = ?2"));
    query.Bind(1, kOrgId);
    query.Bind(2, identity);
    LL_ASSIGN_OR_RETURN(bool found, query.Step());
    query.Reset();
    return found;
  }
  Status AddLinkRules(const std::vector<LinkRule>& rules) override {
    LL_ASSIGN_OR_RETURN(Transaction transaction, Transaction::BeginImmediate(db_));
    LL_RETURN_IF_ERROR(sqlite::InsertLinkRules(db_, kOrgId, rules));
    if (!rules.empty()) LL_RETURN_IF_ERROR(NewGeneration("links_generation"));
    return transaction.Commit();
  }
  Status ScanLinkRules(const std::function<Status(const LinkRule&)>& visit) override {
    return sqlite::ScanLinkRules(db_, kOrgId, visit);
  }
  Result<int64_t> CountEvents() override { return CountRows("events"); }
  Result<std::string> EventsVersion() override;
  Result<std::string> LinksVersion() override;
  Result<int64_t> CountPeople() override { return CountRows("people"); }
  Result<std::vector<ImportRecord>> ListImports() override;
  Result<std::optional<std::string>> GetSetting(const std::string& key) override;
  Status SetSetting(const std::string& key, const std::string& value) override;

  bool read_only() const override { return db_.read_only(); }
  Connection& connection() { return db_; }

 private:
  Result<int64_t> CountRows(std::string_view table);
  // Draws a new random value for the setting `key` (a generation).
  Status NewGeneration(std::string_view key);
  // Sets how many distinct names of `table` events use, without and with the
  // events of import `import_id`: exact when `with` passes `limit`, else
  // both the table's row count (observations add channels too).
  Status CountNamedByEvents(std::string_view table, std::string_view id_column, int64_t limit, int64_t import_id,
                            int64_t& without, int64_t& with);
  // Refuses import `import_id`, which `added` events, when the workspace would
  // pass the engine's limits.
  Status CheckEngineLimits(int64_t import_id, int64_t added);
  Result<int64_t> InsertImport(const ImportRecord& record, Timestamp started);
  Status FinishImport(const ImportRecord& record, Timestamp finished);
  Result<std::string> Setting(std::string_view key);

  Connection db_;
  const Clock& clock_;
  // Commits on db_, counted by its commit hook (see ChangeStamp).
  std::unique_ptr<std::atomic<int64_t>> own_commits_ = std::make_unique<std::atomic<int64_t>>(0);
};

Result<ImportRecord> SqliteStore::Import(ImportRecord record,
                                         const std::function<Status(EventSink&, ImportRecord&)>& fill) {
  LL_ASSIGN_OR_RETURN(Transaction transaction, Transaction::BeginImmediate(db_));
  Timestamp started = clock_.Now();
  // Events refer to their import, so its row comes first and is completed
  // once `fill` has counted the rows.
  LL_ASSIGN_OR_RETURN(int64_t id, InsertImport(record, started));
  LL_ASSIGN_OR_RETURN(auto inserter, sqlite::EventInserter::Create(db_, id, started.micros));
  ImportSink sink(db_, *inserter, started.micros);
  LL_RETURN_IF_ERROR(fill(sink, record));
  LL_RETURN_IF_ERROR(CheckEngineLimits(id, inserter->added()));
  if (inserter->added() > 0) LL_RETURN_IF_ERROR(NewGeneration("events_generation"));
  record.id = id;
  sink.CountInto(record);
  if (record.attributes.added + record.attributes.updated + record.attributes.removed > 0)
    LL_RETURN_IF_ERROR(NewGeneration("links_generation"));
  record.started_at = FormatRfc3339(started);
  Timestamp finished = clock_.Now();
  record.finished_at = FormatRfc3339(finished);
  LL_RETURN_IF_ERROR(FinishImport(record, finished));
  LL_RETURN_IF_ERROR(transaction.Commit());
  return record;
}

Result<int64_t> SqliteStore::InsertImport(const ImportRecord& record, Timestamp started) {
  LL_ASSIGN_OR_RETURN(Statement insert, Statement::Prepare(db_, R"sql(
INSERT INTO imports (org_id, file_name, sha256, started_at) VALUES (?1, ?2, ?3, ?4)
)sql"));
  insert.Bind(1, kOrgId);
  insert.Bind(2, record.file_name);
  insert.Bind(3, record.sha256);
  insert.Bind(4, started.micros);
  LL_RETURN_IF_ERROR(insert.Run());
  return db_.LastInsertId();
}

Status SqliteStore::FinishImport(const ImportRecord& record, Timestamp finished) {
  LL_ASSIGN_OR_RETURN(Statement update, Statement::Prepare(db_, R"sql(
UPDATE imports SET file_name = ?1, sha256 = ?2, rows = ?3, custom_kinds = ?4, added = ?5, duplicates = ?6,
  finished_at = ?7
WHERE id = ?8
)sql"));
  update.Bind(1, record.file_name);
  update.Bind(2, record.sha256);
  update.Bind(3, record.rows);
  update.Bind(4, record.custom_kinds);
  update.Bind(5, record.added);
  update.Bind(6, record.duplicates);
  update.Bind(7, finished.micros);
  update.Bind(8, record.id);
  return update.Run();
}

Status SqliteStore::ScanEvents(const std::function<Status(const EventView&)>& visit) {
  return sqlite::ScanEventsInOrder(db_, kOrgId, visit);
}

Result<ObservationCounts> SqliteStore::AddObservations(const std::function<Status(const ObservationSink&)>& fill) {
  LL_ASSIGN_OR_RETURN(Transaction transaction, Transaction::BeginImmediate(db_));
  LL_ASSIGN_OR_RETURN(ObservationCounts counts, sqlite::UpsertObservations(db_, kOrgId, fill));
  LL_RETURN_IF_ERROR(transaction.Commit());
  return counts;
}

Result<PersonAttributeCounts> SqliteStore::SetPersonAttributes(
    const std::function<Status(const PersonAttributeSink&)>& fill) {
  LL_ASSIGN_OR_RETURN(Transaction transaction, Transaction::BeginImmediate(db_));
  LL_ASSIGN_OR_RETURN(PersonAttributeCounts counts,
                      sqlite::UpsertPersonAttributes(db_, kOrgId, clock_.Now().micros, fill));
  if (counts.added + counts.updated + counts.removed > 0) LL_RETURN_IF_ERROR(NewGeneration("links_generation"));
  LL_RETURN_IF_ERROR(transaction.Commit());
  return counts;
}

Status SqliteStore::NewGeneration(std::string_view key) {
  LL_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db_, R"sql(
INSERT OR REPLACE INTO settings (org_id, key, value) VALUES (?1, ?2, lower(hex(randomblob(16))))
)sql"));
  upsert.Bind(1, kOrgId);
  upsert.Bind(2, key);
  return upsert.Run();
}

Result<int64_t> SqliteStore::CountRows(std::string_view table) {
  return db_.QueryInt(fmt::format("SELECT count(*) FROM {} WHERE org_id = {}", table, kOrgId));
}

Status SqliteStore::CountNamedByEvents(std::string_view table, std::string_view id_column, int64_t limit,
                                       int64_t import_id, int64_t& without, int64_t& with) {
  LL_ASSIGN_OR_RETURN(with, CountRows(table));
  without = with;
  // Only a workspace near the limit pays for the scans.
  if (with <= limit) return Status::Ok();
  const std::string count = fmt::format("SELECT count(DISTINCT {}) FROM events WHERE org_id = {}", id_column, kOrgId);
  LL_ASSIGN_OR_RETURN(without, db_.QueryInt(fmt::format("{} AND import_id != {}", count, import_id)));
  LL_ASSIGN_OR_RETURN(with, db_.QueryInt(count));
  return Status::Ok();
}

Status SqliteStore::CheckEngineLimits(int64_t import_id, int64_t added) {
  store::EngineCounts before;
  store::EngineCounts after;
  LL_RETURN_IF_ERROR(
      CountNamedByEvents("channels", "channel_id", kMaxChannels, import_id, before.channels, after.channels));
  LL_RETURN_IF_ERROR(CountNamedByEvents("kinds", "kind_id", kMaxKinds, import_id, before.kinds, after.kinds));
  // Events are only added by imports, each recording how many (this one's
  // record is written later).
  LL_ASSIGN_OR_RETURN(before.events, db_.QueryInt(fmt::format(
                                         "SELECT coalesce(sum(added), 0) FROM imports WHERE org_id = {}", kOrgId)));
  after.events = before.events + added;
  return store::CheckEngineLimits(before, after);
}

Result<std::vector<ImportRecord>> SqliteStore::ListImports() {
  LL_ASSIGN_OR_RETURN(Statement list, Statement::Prepare(db_, kListImports));
  list.Bind(1, kOrgId);
  std::vector<ImportRecord> records;
  LL_RETURN_IF_ERROR(list.ForEachRow([&records](const Statement& row) {
    ImportRecord& r = records.emplace_back();
    r.id = row.ColumnInt(0);
    r.file_name = row.ColumnText(1);
    r.sha256 = row.ColumnText(2);
    r.rows = row.ColumnInt(3);
    r.added = row.ColumnInt(4);
    r.duplicates = row.ColumnInt(5);
    r.custom_kinds = row.ColumnInt(6);
    r.started_at = FormatRfc3339({row.ColumnInt(7)});
    r.finished_at = FormatRfc3339({row.ColumnInt(8)});
    return Status::Ok();
  }));
  return records;
}

Result<std::string> SqliteStore::Setting(std::string_view key) {
  LL_ASSIGN_OR_RETURN(std::optional<std::string> value, GetSetting(std::string(key)));
  if (!value) return Corrupt(fmt::format("{} is damaged: its setting '{}' is missing", db_.path(), key));
  return *value;
}

// The generation changes in the transaction of every import that adds
// events (only they change the events).
Result<std::string> SqliteStore::EventsVersion() {
  LL_ASSIGN_OR_RETURN(std::string store, Setting("store_id"));
  LL_ASSIGN_OR_RETURN(std::string generation, Setting("events_generation"));
  return store + "/" + generation;
}

// A workspace that never linked anyone has no links generation yet.
Result<std::string> SqliteStore::LinksVersion() {
  LL_ASSIGN_OR_RETURN(std::string store, Setting("store_id"));
  LL_ASSIGN_OR_RETURN(std::optional<std::string> generation, GetSetting("links_generation"));
  return store + "/links/" + generation.value_or("none");
}

Result<std::optional<std::string>> SqliteStore::GetSetting(const std::string& key) {
  LL_ASSIGN_OR_RETURN(Statement select,
                      Statement::Prepare(db_, "SELECT value FROM settings WHERE org_id = ?1 AND key = ?2"));
  select.Bind(1, kOrgId);
  select.Bind(2, key);
  LL_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<std::string>();
  std::optional<std::string> value(select.ColumnText(0));
  select.Reset();
  return value;
}

Status SqliteStore::SetSetting(const std::string& key, const std::string& value) {
  LL_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db_, R"sql(
INSERT INTO settings (org_id, key, value) VALUES (?1, ?2, ?3)
ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value
)sql"));
  upsert.Bind(1, kOrgId);
  upsert.Bind(2, key);
  upsert.Bind(3, value);
  return upsert.Run();
}

// WAL lets readers run beside the one writer; NORMAL sync is durable across
// process crashes and loses at most the last commits on power loss.
// Switching a new file to WAL needs an exclusive lock, and SQLite reports
// Busy at once (without its busy handler) while another connection is
// opening the same new file, so wait here instead.
Status EnableWal(Connection& db, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    Status status = db.Exec("PRAGMA journal_mode = WAL");
    if (status.code() != StatusCode::kBusy || std::chrono::steady_clock::now() >= deadline) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

Status Configure(Connection& db, const SqliteOptions& options) {
  if (db.read_only())
    return db.Exec(fmt::format("PRAGMA foreign_keys = ON; PRAGMA cache_size = -{}", options.cache_kib));
  LL_RETURN_IF_ERROR(db.Exec("PRAGMA page_size = 8192"));
  LL_RETURN_IF_ERROR(EnableWal(db, options.busy_timeout));
  return db.Exec(
      fmt::format("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -{}", options.cache_kib));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& file, OpenMode mode, const SqliteOptions& options) {
  LL_ASSIGN_OR_RETURN(sqlite::Access access, sqlite::CheckCanOpen(file, mode == OpenMode::kCreate));
  LL_ASSIGN_OR_RETURN(Connection db, access == sqlite::Access::kReadOnly
                                         ? Connection::OpenReadOnly(file)
                                         : Connection::Open(file, mode == OpenMode::kCreate));
  db.SetBusyTimeout(static_cast<int>(options.busy_timeout.count()));
  const sqlite::IfEmpty if_empty = mode == OpenMode::kCreate ? sqlite::IfEmpty::kCreate : sqlite::IfEmpty::kRefuse;
  // Before Configure writes the file's header (page size, WAL): a damaged
  // or foreign file is left as it was. (A file being created may be busy
  // switching to WAL in another process; Migrate checks it too.)
  if (mode != OpenMode::kCreate) LL_RETURN_IF_ERROR(sqlite::CheckWorkspace(db, if_empty));
  LL_RETURN_IF_ERROR(Configure(db, options));
  LL_RETURN_IF_ERROR(sqlite::Migrate(db, if_empty));
  return std::unique_ptr<Store>(
      new SqliteStore(std::move(db), options.clock != nullptr ? *options.clock : SystemClock()));
}

sqlite::Connection* SqliteConnectionOf(Store& store) {
  auto* sqlite_store = dynamic_cast<SqliteStore*>(&store);
  return sqlite_store == nullptr ? nullptr : &sqlite_store->connection();
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& file, OpenMode mode) {
  return OpenSqliteStore(file, mode, SqliteOptions());
}

}  // namespace learnloop::store
