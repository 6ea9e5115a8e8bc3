// Splits RFC 4180 text into records: comma-separated fields, fields quoted
// with '"' (holding commas, line breaks and doubled quotes), records ending
// in LF or CRLF. Blank lines are skipped. A quote inside an unquoted field,
// text after a closing quote, a CR without LF outside quotes and a quote
// that never closes are errors that name the line and column, as are a
// record longer than kMaxRecordBytes and one that is not UTF-8 or holds a
// NUL byte. The input is read a chunk at a time, never whole. The first
// record is the header: its fields name the columns in those messages.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/chunked_input.h"
#include "learnloop/status.h"

namespace learnloop::ingest {

class CsvScanner {
 public:
  // Scans `input` from window offset `start`; `input` must outlive the
  // scanner.
  CsvScanner(ChunkedInput& input, size_t start) : input_(input), text_(input.window()), pos_(start) {}

  // Reads the next record; false at the end of the text. Its fields stay
  // valid until the next call.
  Result<bool> Next();

  const std::vector<std::string_view>& fields() const { return fields_; }
  // Where field `i` (or the record) begins, for messages.
  InputLocation FieldLocation(size_t i, std::string_view field = {}) const {
    return input_.LocationAt(offsets_[i], field);
  }
  InputLocation RecordLocation(std::string_view field = {}) const {
    return input_.LocationAt(offsets_.empty() ? pos_ : offsets_[0], field);
  }

  const std::string& file() const { return input_.name(); }

 private:
  // Returned by the scans when the record runs past the bytes read so far.
  static constexpr size_t kNeedMore = std::string_view::npos;

  // The offset just past the record (after its LF), or kNeedMore.
  Result<size_t> ScanRecord(size_t begin);
  // The offset just past the quoted field at `begin` (at ',', LF, CR or the
  // end), or kNeedMore.
  Result<size_t> ScanQuoted(size_t begin);
  Status ErrorAt(size_t offset, std::string_view problem, std::string_view expected) const;
  Status TooLong() const;
  // Skips blank lines, reading on as needed; false at the end of the input.
  Result<bool> SkipBlankLines();
  // Drops the bytes before pos_ and reads the next chunk.
  Result<bool> ReadMore();
  bool Final() const { return input_.at_end(); }

  ChunkedInput& input_;
  std::string_view text_;  // input_.window(), refreshed after each read
  size_t pos_;
  std::vector<std::string> header_;  // trimmed; empty until the first record is read
  std::vector<std::string_view> fields_;
  std::vector<size_t> offsets_;
  // Unescaped copies of fields with doubled quotes, one per field position,
  // reused across records. A deque, since growing it must not move the
  // (short, inline) strings that earlier fields of the record point into.
  std::deque<std::string> unescaped_;
};

}  // namespace learnloop::ingest
