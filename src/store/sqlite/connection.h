// One open SQLite database file. Every failure comes back as a Status whose
// message names the file, with SQLite's result codes mapped onto learnloop's
// (busy, corrupt, not writable, ...). Used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "learnloop/status.h"

struct sqlite3;

namespace learnloop::store::sqlite {

class Connection {
 public:
  // Opens `path` read-write, creating it when `create` is set. SQLite opens
  // lazily, so a file that is not a database fails on its first statement.
  static Result<Connection> Open(const std::string& path, bool create);
  // Opens `path` read-only, beside any writer. Where SQLite cannot keep its
  // shared WAL index (a read-only directory) and no write-ahead log is
  // pending, the file is read as immutable instead.
  static Result<Connection> OpenReadOnly(const std::string& path);

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql);
  // Runs a statement returning one integer (e.g. "PRAGMA user_version").
  Result<int64_t> QueryInt(std::string_view sql);

  // How long a statement waits for another connection's lock before Busy.
  void SetBusyTimeout(int milliseconds);

  // The Status for SQLite result `code`, raised while `doing` something.
  Status Error(int code, std::string_view doing) const;

  int64_t Changes() const;
  int64_t LastInsertId() const;
  const std::string& path() const { return path_; }
  bool read_only() const;
  sqlite3* handle() const { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  Connection(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}

  std::string path_;
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace learnloop::store::sqlite
