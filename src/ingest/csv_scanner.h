// Splits RFC 4180 text into records: comma-separated fields, fields quoted
// with '"' (holding commas, line breaks and doubled quotes), records ending
// in LF or CRLF. Blank lines are skipped. A quote inside an unquoted field,
// text after a closing quote, a CR without LF outside quotes and a quote
// that never closes are errors that name the line and column.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/status.h"

namespace learnloop::ingest {

class CsvScanner {
 public:
  // Scans `text` from byte `start`; `text` must outlive the scanner. `file`
  // names the input in messages.
  CsvScanner(std::string_view text, size_t start, std::string file)
      : text_(text), pos_(start), file_(std::move(file)) {}

  // Reads the next record; false at the end of the text. Its fields stay
  // valid until the next call.
  Result<bool> Next();

  const std::vector<std::string_view>& fields() const { return fields_; }
  // Byte offset in the text where field `i` (or the record) begins.
  size_t field_offset(size_t i) const { return offsets_[i]; }
  size_t record_offset() const { return offsets_.empty() ? pos_ : offsets_[0]; }

  std::string_view text() const { return text_; }
  const std::string& file() const { return file_; }

 private:
  // Each returns the offset just past the field (at ',', LF, CR or the end).
  Result<size_t> ScanUnquoted(size_t begin);
  Result<size_t> ScanQuoted(size_t begin);
  Status ErrorAt(size_t offset, std::string_view problem, std::string_view expected) const;
  void SkipBlankLines();

  std::string_view text_;
  size_t pos_;
  std::string file_;
  std::vector<std::string_view> fields_;
  std::vector<size_t> offsets_;
  // Unescaped copies of fields with doubled quotes, one per field position,
  // reused across records. A deque, since growing it must not move the
  // (short, inline) strings that earlier fields of the record point into.
  std::deque<std::string> unescaped_;
};

}  // namespace learnloop::ingest
