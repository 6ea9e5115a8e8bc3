// A JSON document walked one value at a time over a ChunkedInput, so that a
// platform export of any size is read in bounded memory: a reader enters
// the objects and arrays that lead to its records and takes each record
// whole, as bytes for simdjson to parse, never the whole document. What a
// reader does not want is skipped without being held.
//
// The walk checks structure (brackets, commas, colons, strings) as it goes;
// a taken value is checked in full when it is parsed. A skipped value is
// checked for its structure only.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/chunked_input.h"
#include "learnloop/status.h"

namespace learnloop::ingest {

// The largest single value a reader takes whole (one notification, tweet
// or activity); a larger one means a broken file, not a record.
inline constexpr size_t kMaxJsonRecordBytes = size_t{16} << 20;

class JsonStream {
 public:
  enum class Type { kObject, kArray, kString, kNumber, kBool, kNull, kEnd };

  // `expected` ends every error message ("...; expected EXPECTED").
  JsonStream(ChunkedInput& input, std::string_view expected, size_t max_value_bytes = kMaxJsonRecordBytes);

  // The type of the next value, after white space; kEnd at the end of the
  // input. Refuses a byte no value starts with.
  Result<Type> Peek();
  // Consumes the '{' or '[' of the next value, which must be `type`.
  Status Enter(Type type);
  // Inside an array: true when another element follows (the next value
  // is it), false once the closing ']' is consumed.
  Result<bool> NextElement();
  // Inside an object: the next member's key (unescaped), with its ':'
  // consumed; nullopt once the closing '}' is consumed.
  Result<std::optional<std::string>> NextKey();
  // The next value whole; the bytes stay valid until the next call.
  // Refuses a value longer than the limit.
  Result<std::string_view> Take();
  // The next value parsed by `parser` (valid until its next parse). A
  // value that is not JSON is refused with its line and column.
  Result<simdjson::dom::element> Parse(simdjson::dom::parser& parser);
  // Skips the next value, however long.
  Status Skip();
  // Whether the input ends here, after white space and any of `trailer`.
  Status End(std::string_view trailer = {});

  // The unread bytes the window holds (at least `bytes` of them when the
  // input has that many), for a reader that must read a prefix by hand.
  Result<std::string_view> Ahead(size_t bytes);
  // Consumes `bytes` of those.
  void Consume(size_t bytes) { at_ += bytes; }

  // Where the next unread byte is.
  InputLocation Where() const { return input_.LocationAt(at_); }
  // "NAME:LINE:COLUMN: not valid JSON: PROBLEM; expected EXPECTED" at the
  // next byte.
  Status Error(std::string_view problem) const;
  // The same for an input that ends too soon ("it ends WHERE").
  Status CutShort(std::string_view where) const;

  // "an object", "a string", ...: what a message says was found.
  static std::string_view Describe(Type type);

 private:
  // Ensures the window holds a byte at at_; false at the end of the input.
  // The bytes of a value being taken, from kept_ on, stay in the window.
  Result<bool> Fill();
  Result<bool> SkipSpace();
  // Moves at_ past the next value; the bytes from its start stay in the
  // window only when `keep`.
  Status Scan(bool keep);
  // Take's work: the window offset where the value begins (it ends at at_).
  Result<size_t> TakeFrom();

  ChunkedInput& input_;
  std::string expected_;
  size_t max_value_bytes_;
  size_t at_ = 0;               // offset of the next unread byte in the window
  std::optional<size_t> kept_;  // start of a value being taken, in the window
  bool started_ = false;        // whether a leading BOM was looked for
  struct Level {
    bool array;
    bool first = true;
  };
  std::vector<Level> levels_;
};

}  // namespace learnloop::ingest

namespace learnloop::ingest {

// A JSON export whose records sit in arrays at known places: the top-level
// value itself (path {}) or a member of nested objects ({"emails"},
// {"_embedded", "osdi:people"}). Read in passes over the file, each in
// bounded memory: the outline first, then the records of one array.
struct JsonRecordFile {
  JsonRecordFile(ChunkedInput& source, std::string_view what, std::vector<std::vector<std::string>> record_paths,
                 size_t prefix_bytes = 0, std::string_view allowed_trailer = {})
      : input(source), expected(what), paths(std::move(record_paths)), offset(prefix_bytes), trailer(allowed_trailer) {}

  ChunkedInput& input;
  std::string_view expected;                    // ends every error message
  std::vector<std::vector<std::string>> paths;  // where record arrays may be
  size_t offset = 0;                            // bytes before the JSON value (X's "window.YTD... =")
  std::string_view trailer;                     // bytes allowed after it (X's ';')
};

// The whole document with each array found at one of `paths` replaced by
// [] (other values as they are, at most kMaxJsonRecordBytes in all), for a
// reader to parse and check; the structure of the skipped arrays is
// checked on the way. Rewinds the input first.
Result<std::string> OutlineJson(const JsonRecordFile& file);

// Each element of the array at `path` (which the outline showed is one),
// parsed by `parser`, in file order; the first `most` only, when given.
// Rewinds the input first.
Status ForEachJsonRecord(const JsonRecordFile& file, const std::vector<std::string>& path,
                         simdjson::dom::parser& parser, const std::function<Status(simdjson::dom::element)>& each,
                         std::optional<int64_t> most = std::nullopt);

}  // namespace learnloop::ingest
