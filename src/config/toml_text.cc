#include "config/toml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/text.h"

namespace learnloop::config {
namespace {

// The index just past the string (basic or literal, one line or multiline)
// that opens at `start`; an unterminated one ends at its line's end (one
// line) or at the end of the text (multiline).
size_t SkipString(std::string_view text, size_t start) {
  const char quote = text[start];
  const std::string delimiter(3, quote);
  const bool escapes = quote == '"';
  if (text.substr(start, 3) == delimiter) {
    for (size_t i = start + 3; i < text.size(); ++i) {
      if (escapes && text[i] == '\\') {
        ++i;
      } else if (text.substr(i, 3) == delimiter) {
        // Up to two more quotes belong to the content: """a""""
        size_t end = i + 3;
        while (end < text.size() && end < i + 5 && text[end] == quote) ++end;
        return end;
      }
    }
    return text.size();
  }
  size_t i = start + 1;
  while (i < text.size() && text[i] != quote && text[i] != '\n') i += escapes && text[i] == '\\' ? 2 : 1;
  return i < text.size() && text[i] == quote ? i + 1 : std::min(i, text.size());
}

// Measures nesting the way the parser will recurse, knowing just enough of
// TOML (keys, values, strings, comments) that dots and brackets inside
// quotes or comments do not count and a quoted key is one part.
class DepthScanner {
 public:
  explicit DepthScanner(std::string_view text) : text_(text) {}

  // Where nesting first passes kMaxTomlDepth, or nullopt.
  std::optional<size_t> FirstTooDeep() {
    for (size_t i = 0; i < text_.size();) {
      const char c = text_[i];
      if (c == '#') {
        i = std::min(text_.find('\n', i), text_.size());
        continue;
      }
      if (c == '"' || c == '\'') {
        if (in_key_ && !Open()) return i;
        i = SkipString(text_, i);
        continue;
      }
      if (!Step(c)) return i;
      ++i;
    }
    return std::nullopt;
  }

 private:
  struct Frame {
    int depth;   // the depth before it opened
    bool table;  // an inline table (its items are keys), else an array
  };

  // False when `c` nests too deep.
  bool Step(char c) {
    if (c == '\n') {
      if (frames_.empty()) EndStatement();
      return true;
    }
    if (c == ' ' || c == '\t' || c == '\r') return true;
    if (c == ']' || c == '}') {
      Close();
      return true;
    }
    if (in_key_) return KeyStep(c);
    if (c == '[' || c == '{') {
      frames_.push_back({depth_, c == '{'});
      in_key_ = c == '{';
      part_open_ = false;
      return ++depth_ <= kMaxTomlDepth;
    }
    if (c == ',' && !frames_.empty()) {
      depth_ = frames_.back().depth + 1;
      in_key_ = frames_.back().table;
      part_open_ = false;
    }
    return true;
  }

  bool KeyStep(char c) {
    if (c == '[' && frames_.empty() && !header_ && !part_open_ && depth_ == table_depth_) {
      header_ = true;  // [table] or [[array.of.tables]]
      depth_ = 0;
      return true;
    }
    if (c == '[' && header_ && depth_ == 0 && !part_open_) return true;
    if (c == '.') {
      part_open_ = false;
    } else if (c == '=') {
      in_key_ = false;
    } else {
      return Open();
    }
    return true;
  }

  // A key part begins (or goes on): false when it nests too deep.
  bool Open() {
    if (part_open_) return true;
    part_open_ = true;
    return ++depth_ <= kMaxTomlDepth;
  }

  void Close() {
    if (header_) {
      header_ = false;
      table_depth_ = depth_;
    } else if (!frames_.empty()) {
      depth_ = frames_.back().depth;
      frames_.pop_back();
      in_key_ = false;
    }
    part_open_ = false;
  }

  void EndStatement() {
    header_ = false;
    in_key_ = true;
    part_open_ = false;
    depth_ = table_depth_;
  }

  std::string_view text_;
  std::vector<Frame> frames_;
  int table_depth_ = 0;  // parts of the last [table] header
  int depth_ = 0;
  bool in_key_ = true;  // reading a key, else a value
  bool header_ = false;
  bool part_open_ = false;  // a key part has begun since the last dot
};

Status CheckBounds(std::string_view text, std::string_view file_name) {
  if (text.size() > kMaxTomlBytes) {
    return InputError({std::string(file_name), 0, 0, ""},
                      fmt::format("the file holds {} bytes, more than a config file may", text.size()),
                      fmt::format("at most {} bytes (1 MiB)", kMaxTomlBytes));
  }
  std::optional<size_t> too_deep = DepthScanner(text).FirstTooDeep();
  if (!too_deep) return Status::Ok();
  return InputError(LocationAt(text, *too_deep, file_name),
                    fmt::format("nested more than {} levels deep", kMaxTomlDepth),
                    fmt::format("at most {} levels, counting each part of a dotted key, each part of a "
                                "[table.header] and each inline table or array",
                                kMaxTomlDepth));
}

}  // namespace

Result<toml::table> ParseToml(std::string_view text, std::string_view file_name, std::string_view expected) {
  LL_RETURN_IF_ERROR(CheckBounds(text, file_name));
  try {
    return toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    return InputError({std::string(file_name), e.source().begin.line, e.source().begin.column, ""},
                      fmt::format("not valid TOML: {}", e.description()), expected);
  }
}

std::string TomlStringList(std::span<const std::string_view> items) {
  std::string list = "[";
  for (std::string_view item : items) list += fmt::format("{}\"{}\"", list.size() > 1 ? ", " : "", item);
  return list + "]";
}

}  // namespace learnloop::config
