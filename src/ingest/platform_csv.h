// A platform's CSV export read by role: the header row names the columns,
// a format maps each name onto a role (a metric, the post id, a date; or
// nothing, and the column is ignored), and each row is read as cells of
// those roles. Rows that do not fit the header are skipped and counted in
// the report, never guessed at. Shared by the CSV platform formats
// (x-analytics, meta-insights, ...).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/chunked_input.h"
#include "ingest/csv_scanner.h"
#include "ingest/input_text.h"  // SameName
#include "ingest/platform.h"
#include "learnloop/status.h"

namespace learnloop::ingest {

class PlatformCsv {
 public:
  // What a header names: the role a format gives it, empty when ignored.
  using RoleOf = std::function<std::string_view(std::string_view header)>;

  // `input` must outlive the reader.
  PlatformCsv(ChunkedInput& input, ReadReport& report);
  PlatformCsv(const PlatformCsv&) = delete;
  PlatformCsv& operator=(const PlatformCsv&) = delete;

  // Reads the header row and gives each column the role `role_of` names.
  // Refuses, with `expected` in the message, a file that is not text or is
  // empty and a header where two columns have one role.
  Status ReadHeader(const RoleOf& role_of, std::string_view expected);

  // The column of `role`, when the header has one.
  std::optional<size_t> Column(std::string_view role) const;
  // Every column with a role, in header order: (column, role).
  const std::vector<std::pair<size_t, std::string_view>>& roles() const { return roles_; }
  // An error about the header as a whole (a column it lacks), at its start.
  Status HeaderError(std::string_view problem, std::string_view expected) const {
    return InputError(header_start_, problem, expected);
  }
  // The header's name of `column`, trimmed.
  const std::string& Header(size_t column) const { return header_[column]; }

  // After ReadHeader: reads the next row that has one cell per header column; false at the
  // end. A row with more or fewer cells is skipped, counted and warned
  // about. Every row read counts in the report's records.
  Result<bool> NextRow();
  // The trimmed cell of the current row in `column`.
  std::string_view Cell(size_t column) const;

  // Skips the current row: counted under `reason`, with a warning that
  // names the row and `column`, says `problem` and what was `expected`.
  void SkipRow(std::string_view reason, size_t column, std::string_view problem, std::string_view expected);
  // Warns about a cell of the current row, which is kept.
  void Warn(size_t column, std::string_view problem, std::string_view expected);
  // Where `column` of the current row begins, naming its header.
  InputLocation Where(size_t column) const;

  const std::string& file() const { return input_->name(); }

 private:
  ChunkedInput* input_;
  std::optional<CsvScanner> scanner_;  // made once RequireText has read the start
  ReadReport& report_;
  std::vector<std::string> header_;
  InputLocation header_start_;
  std::vector<std::pair<size_t, std::string_view>> roles_;
};

// The role `table` (pairs of header name and role) gives `header`, its
// names compared with SameName; empty when it names none.
template <typename Table>
std::string_view RoleIn(const Table& table, std::string_view header) {
  for (const auto& [name, role] : table)
    if (SameName(header, name)) return role;
  return {};
}

// Whether the first line of `head` (a BOM removed, fields unquoted) has a
// field for which `accept` is true, for each of `accepts`: a CSV format's
// sniff.
bool FirstLineHas(std::string_view head, std::initializer_list<std::function<bool(std::string_view)>> accepts);

}  // namespace learnloop::ingest
