#include "store/sqlite/statement.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace learnloop::store::sqlite {

void Statement::Finalizer::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }

Result<Statement> Statement::Prepare(Connection& db, std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  int code = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &statement, nullptr);
  if (code != SQLITE_OK) return db.Error(code, fmt::format("preparing \"{}\"", sql.substr(0, 60)));
  return Statement(db, statement);
}

void Statement::Bind(int index, int64_t value) { NoteBind(sqlite3_bind_int64(statement_.get(), index, value)); }

void Statement::Bind(int index, std::string_view text) {
  // A null pointer would bind SQL NULL, and an empty string_view may carry one.
  const char* data = text.data() != nullptr ? text.data() : "";
  NoteBind(sqlite3_bind_text64(statement_.get(), index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8));
}

void Statement::Bind(int index, std::optional<double> value) {
  NoteBind(value ? sqlite3_bind_double(statement_.get(), index, *value) : sqlite3_bind_null(statement_.get(), index));
}

void Statement::Bind(int index, std::optional<int64_t> value) {
  NoteBind(value ? sqlite3_bind_int64(statement_.get(), index, *value) : sqlite3_bind_null(statement_.get(), index));
}

void Statement::NoteBind(int code) {
  if (code != SQLITE_OK && bind_error_ == 0) bind_error_ = code;
}

Result<bool> Statement::Step() {
  if (bind_error_ != 0) {
    Status error = db_->Error(bind_error_, "binding a value (text too long?)");
    bind_error_ = 0;
    return error;
  }
  int code = sqlite3_step(statement_.get());
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) {
    Reset();
    return false;
  }
  // Read the message before the reset, which may replace it.
  Status error =
      db_->Error(code, fmt::format("running \"{}\"", std::string_view(sqlite3_sql(statement_.get())).substr(0, 60)));
  Reset();
  return error;
}

Status Statement::Run() {
  LL_ASSIGN_OR_RETURN(bool has_row, Step());
  if (has_row) Reset();
  return Status::Ok();
}

void Statement::Reset() { sqlite3_reset(statement_.get()); }

Status Statement::ForEachRow(const std::function<Status(const Statement&)>& row) {
  while (true) {
    LL_ASSIGN_OR_RETURN(bool has_row, Step());
    if (!has_row) return Status::Ok();
    Status status = row(*this);
    if (!status.ok()) {
      Reset();
      return status;
    }
  }
}

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(statement_.get(), column); }

std::optional<double> Statement::ColumnDouble(int column) const {
  if (sqlite3_column_type(statement_.get(), column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(statement_.get(), column);
}

std::optional<int64_t> Statement::ColumnOptionalInt(int column) const {
  if (sqlite3_column_type(statement_.get(), column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(statement_.get(), column);
}

std::string_view Statement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_.get(), column));
  if (text == nullptr) return {};
  return {text, static_cast<size_t>(sqlite3_column_bytes(statement_.get(), column))};
}

}  // namespace learnloop::store::sqlite
