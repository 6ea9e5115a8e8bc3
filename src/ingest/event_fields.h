// Turns the raw texts of one record (CSV fields or JSON strings) into an
// EventView: parses ts and value, trims channel/person/kind/value/tags
// (content is kept byte for byte), lower-cases kind and normalizes tags.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "learnloop/event.h"

namespace learnloop::ingest {

class TimeFormat;  // time_format.h

// channel, person, kind and value longer than this are rejected; they are
// names, and a longer one means a column is misaligned.
inline constexpr size_t kMaxNameBytes = 1024;
inline constexpr size_t kMaxTagsBytes = 4096;
// content names a post, email or page (an id or URL, maybe a title), not
// a body of text.
inline constexpr size_t kMaxContentBytes = size_t{64} << 10;

// The raw texts of one record, indexed by EventColumn; a JSON number for
// value arrives as its text, so both formats read numbers by one rule.
struct RawEvent {
  std::array<std::string_view, kEventColumnCount> text;
};

// What is wrong with one field, for the reader to locate.
struct FieldProblem {
  EventColumn column;
  std::string problem;
  std::string expected;
};

class FieldChecker {
 public:
  // `ts_format` parses ts when set (mapped files); RFC 3339 otherwise.
  explicit FieldChecker(const TimeFormat* ts_format = nullptr) : ts_format_(ts_format) {}

  // Fills *out from `raw`; views point into `raw` or into this checker and
  // stay valid until the next call. Sets *custom_kind for a kind that is
  // not built in.
  std::optional<FieldProblem> Check(const RawEvent& raw, EventView* out, bool* custom_kind);

 private:
  std::optional<FieldProblem> CheckTs(std::string_view text, EventView* out) const;
  std::optional<FieldProblem> CheckKind(std::string_view text, EventView* out, bool* custom_kind);
  std::optional<FieldProblem> CheckValue(const RawEvent& raw, EventView* out) const;
  std::optional<FieldProblem> CheckTags(std::string_view text, EventView* out);

  const TimeFormat* ts_format_;
  std::string kind_scratch_;
  std::string tags_scratch_;
};

// Splits on ';', trims each tag and drops empty ones: " a; ;b " -> "a;b".
// Returns `tags` itself when it is already normal, else a view of *scratch.
std::string_view NormalizeTags(std::string_view tags, std::string* scratch);

}  // namespace learnloop::ingest
