#include "store/sqlite/connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cctype>
#include <filesystem>

#include "store/sqlite/statement.h"

namespace learnloop::store::sqlite {

void Connection::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Result<Connection> Connection::Open(const std::string& path, bool create) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // SQLite hands back a handle even on failure, to carry the message.
  Connection connection(path, db);
  if (code != SQLITE_OK) return connection.Error(code, "opening the database");
  return connection;
}

namespace {

// `path` as an SQLite URI ("file:" and the path, percent-encoded) with
// `parameters` after "?".
std::string FileUri(std::string_view path, std::string_view parameters) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri.push_back(static_cast<char>(c));
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  return uri.append("?").append(parameters);
}

bool HasPendingLog(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path + "-wal", ec);
  return !ec && size > 0;
}

}  // namespace

Result<Connection> Connection::OpenReadOnly(const std::string& path) {
  auto open = [&path](std::string_view parameters) -> Result<Connection> {
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    sqlite3* db = nullptr;
    int code = sqlite3_open_v2(FileUri(path, parameters).c_str(), &db, flags, nullptr);
    Connection connection(path, db);
    if (code != SQLITE_OK) return connection.Error(code, "opening the database read-only");
    return connection;
  };
  LL_ASSIGN_OR_RETURN(Connection db, open("mode=ro"));
  // SQLite opens lazily: the first read tells whether the WAL index works.
  auto probe = db.QueryInt("SELECT count(*) FROM sqlite_schema");
  if (probe.ok()) return db;
  // No WAL index can be made (a read-only directory): with no log pending,
  // the file alone is the whole database.
  if (probe.status().code() != StatusCode::kIoError || HasPendingLog(path)) return probe.status();
  return open("immutable=1");
}

bool Connection::read_only() const { return sqlite3_db_readonly(db_.get(), "main") == 1; }

Status Connection::Exec(std::string_view sql) {
  std::string text(sql);
  int code = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return Error(code, fmt::format("running \"{}\"", sql.substr(0, 60)));
  return Status::Ok();
}

Result<int64_t> Connection::QueryInt(std::string_view sql) {
  LL_ASSIGN_OR_RETURN(Statement statement, Statement::Prepare(*this, sql));
  LL_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  if (!has_row) return Internal(fmt::format("{}: \"{}\" returned no row", path_, sql));
  int64_t value = statement.ColumnInt(0);
  statement.Reset();
  return value;
}

void Connection::SetBusyTimeout(int milliseconds) { sqlite3_busy_timeout(db_.get(), milliseconds); }

Status Connection::Error(int code, std::string_view doing) const {
  std::string detail = db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(code);
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Busy(
          fmt::format("{}: another learnloop process is writing this workspace and did not finish in time "
                      "({}); try again when it is done",
                      path_, doing));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Corrupt(fmt::format("{} is not a valid learnloop workspace database ({}: {})", path_, doing, detail));
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return IoError(fmt::format("{} is not writable ({}: {})", path_, doing, detail));
    case SQLITE_CANTOPEN:
      return IoError(fmt::format("cannot open {} ({}: {})", path_, doing, detail));
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return IoError(fmt::format("{}: {} failed: {}", path_, doing, detail));
    default:
      return Internal(fmt::format("{}: {} failed: {} (SQLite code {})", path_, doing, detail, code));
  }
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_.get()); }

int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(db_.get()); }

}  // namespace learnloop::store::sqlite
