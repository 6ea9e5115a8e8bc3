// A column mapping lets a CSV that is not in the canonical format be
// imported: it names which of the file's columns holds each canonical
// column, gives constants for columns the file lacks, and says how ts is
// written. It is read from a TOML file:
//
//   time_format = "%m/%d/%Y %H:%M"     # optional; RFC 3339 otherwise
//   time_zone = "America/New_York"     # optional; UTC otherwise
//   ignore_extra_columns = true        # the default
//   [columns]
//   ts = "Date"
//   person = "Email Address"
//   [constants]
//   channel = "newsletter"
//   kind = "open"
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/time_format.h"
#include "learnloop/event.h"
#include "learnloop/status.h"

namespace learnloop::ingest {

class ColumnMapping {
 public:
  // The file's column (header name) for `column`, if mapped.
  const std::optional<std::string>& source(EventColumn column) const { return sources_[Index(column)]; }
  // The constant for `column`, if it has one.
  const std::optional<std::string>& constant(EventColumn column) const { return constants_[Index(column)]; }
  // How ts is written; nullptr for RFC 3339.
  const TimeFormat* time_format() const { return time_format_ ? &*time_format_ : nullptr; }
  // Whether the file's columns that no canonical column maps from are
  // skipped (true) or rejected as unknown (false).
  bool ignore_extra_columns() const { return ignore_extra_columns_; }
  // The mapping's file name, for messages.
  const std::string& file_name() const { return file_name_; }

 private:
  friend class ColumnMappingParser;
  static size_t Index(EventColumn column) { return static_cast<size_t>(column); }

  std::array<std::optional<std::string>, kEventColumnCount> sources_;
  std::array<std::optional<std::string>, kEventColumnCount> constants_;
  std::optional<TimeFormat> time_format_;
  bool ignore_extra_columns_ = true;
  std::string file_name_;
};

// Parses a mapping. Errors name `file_name` (with line and column for TOML
// syntax) and the offending key: unknown keys and columns, a column both
// mapped and constant, a required column (ts, channel, person, kind) with
// neither, a bad constant, time_format or time_zone.
Result<ColumnMapping> ParseColumnMapping(std::string_view toml_text, std::string_view file_name);

// Reads and parses the mapping file at `path`; NotFound when it is missing.
Result<ColumnMapping> LoadColumnMapping(const std::filesystem::path& path);

}  // namespace learnloop::ingest
