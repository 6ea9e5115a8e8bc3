// A prepared SQLite statement bound to a Connection that outlives it.
// Bind values by 1-based index, Step through rows, read columns by 0-based
// index. Text binds are not copied: they must stay alive until the step.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "learnloop/status.h"
#include "store/sqlite/connection.h"

struct sqlite3_stmt;

namespace learnloop::store::sqlite {

class Statement {
 public:
  static Result<Statement> Prepare(Connection& db, std::string_view sql);

  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;

  void Bind(int index, int64_t value);
  void Bind(int index, std::string_view text);
  void Bind(int index, std::optional<double> value);
  void Bind(int index, std::optional<int64_t> value);  // nullopt binds NULL

  // True when a row is ready. After the last row or an error the statement
  // is reset, so it can be bound and stepped again; a failed bind is
  // reported here.
  Result<bool> Step();
  // Steps a statement that returns no rows.
  Status Run();
  // Makes the statement ready to run again after stopping early.
  void Reset();
  // Steps through every row, calling `row` for each; stops at the first
  // error of `row`, resets the statement and returns that error.
  Status ForEachRow(const std::function<Status(const Statement&)>& row);

  int64_t ColumnInt(int column) const;
  std::optional<double> ColumnDouble(int column) const;
  std::optional<int64_t> ColumnOptionalInt(int column) const;  // nullopt for NULL
  // Valid until the next Step or Reset.
  std::string_view ColumnText(int column) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const;
  };
  Statement(Connection& db, sqlite3_stmt* statement) : db_(&db), statement_(statement) {}
  void NoteBind(int code);

  Connection* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
  int bind_error_ = 0;
};

}  // namespace learnloop::store::sqlite
