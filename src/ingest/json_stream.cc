#include "ingest/json_stream.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "ingest/input_text.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"  // Excerpt

namespace learnloop::ingest {
namespace {

// simdjson's limit too: deeper nesting is an attack, not an export.
constexpr size_t kMaxDepth = 1024;

// How a message shows one byte of the input: 'x', or its value when it
// would not print.
std::string ByteName(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", u);
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether `c` ends a number or a literal.
bool EndsScalar(char c) { return IsJsonSpace(c) || c == ',' || c == ']' || c == '}' || c == ':'; }

}  // namespace

JsonStream::JsonStream(ChunkedInput& input, std::string_view expected, size_t max_value_bytes)
    : input_(input), expected_(expected), max_value_bytes_(max_value_bytes) {}

std::string_view JsonStream::Describe(Type type) {
  switch (type) {
    case Type::kObject:
      return "an object";
    case Type::kArray:
      return "an array";
    case Type::kString:
      return "a string";
    case Type::kNumber:
      return "a number";
    case Type::kBool:
      return "a boolean";
    case Type::kNull:
      return "null";
    case Type::kEnd:
      break;
  }
  return "nothing (the file ends)";
}

Status JsonStream::Error(std::string_view problem) const {
  return InputError(Where(), fmt::format("not valid JSON: {}", problem), expected_);
}

Status JsonStream::CutShort(std::string_view where) const {
  return InputError(Where(), fmt::format("not valid JSON (is the file cut short?): it ends {}", where), expected_);
}

Result<bool> JsonStream::Fill() {
  LL_ASSIGN_OR_RETURN(std::string_view ahead, Ahead(1));
  return !ahead.empty();
}

Result<bool> JsonStream::SkipSpace() {
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) return false;
    const std::string_view window = input_.window();
    if (!started_) {
      started_ = true;
      LL_ASSIGN_OR_RETURN(std::string_view head, Ahead(3));
      at_ += BomSize(head);
      continue;
    }
    while (at_ < window.size() && IsJsonSpace(window[at_])) ++at_;
    if (at_ < window.size()) return true;
  }
}

Result<std::string_view> JsonStream::Ahead(size_t bytes) {
  while (input_.window().size() - at_ < bytes) {
    const size_t drop = kept_ ? *kept_ : at_;
    LL_ASSIGN_OR_RETURN(bool more, input_.ReadMore(drop));
    at_ -= drop;
    if (kept_) kept_ = 0;
    if (!more) break;
  }
  return input_.window().substr(at_);
}

Result<JsonStream::Type> JsonStream::Peek() {
  LL_ASSIGN_OR_RETURN(bool more, SkipSpace());
  if (!more) return Type::kEnd;
  const char c = input_.window()[at_];
  switch (c) {
    case '{':
      return Type::kObject;
    case '[':
      return Type::kArray;
    case '"':
      return Type::kString;
    case 't':
    case 'f':
      return Type::kBool;
    case 'n':
      return Type::kNull;
    default:
      if (c == '-' || (c >= '0' && c <= '9')) return Type::kNumber;
  }
  return Error(fmt::format("{} where a JSON value should start", ByteName(c)));
}

Status JsonStream::Enter(Type type) {
  LL_ASSIGN_OR_RETURN(Type found, Peek());
  if (found != type || (type != Type::kObject && type != Type::kArray))
    return Error(fmt::format("found {}, not {}", Describe(found), Describe(type)));
  if (levels_.size() >= kMaxDepth) return Error(fmt::format("values nested more than {} deep", kMaxDepth));
  ++at_;
  levels_.push_back({type == Type::kArray});
  return Status::Ok();
}

Result<bool> JsonStream::NextElement() {
  if (levels_.empty() || !levels_.back().array) return Internal("NextElement outside an array");
  LL_ASSIGN_OR_RETURN(bool more, SkipSpace());
  if (!more) return CutShort("inside an array");
  Level& level = levels_.back();
  char c = input_.window()[at_];
  if (c == ']') {
    ++at_;
    levels_.pop_back();
    return false;
  }
  if (level.first) {
    level.first = false;
    return true;
  }
  if (c != ',') return Error(fmt::format("{} after an element", ByteName(c)));
  ++at_;
  LL_ASSIGN_OR_RETURN(more, SkipSpace());
  if (!more) return CutShort("inside an array");
  if (input_.window()[at_] == ']') return Error("a comma before ']'");
  return true;
}

Result<std::optional<std::string>> JsonStream::NextKey() {
  if (levels_.empty() || levels_.back().array) return Internal("NextKey outside an object");
  LL_ASSIGN_OR_RETURN(bool more, SkipSpace());
  if (!more) return CutShort("inside an object");
  Level& level = levels_.back();
  char c = input_.window()[at_];
  if (c == '}') {
    ++at_;
    levels_.pop_back();
    return std::optional<std::string>();
  }
  if (!level.first) {
    if (c != ',') return Error(fmt::format("{} after a member", ByteName(c)));
    ++at_;
    LL_ASSIGN_OR_RETURN(more, SkipSpace());
    if (!more) return CutShort("inside an object");
    c = input_.window()[at_];
  }
  level.first = false;
  if (c != '"') return Error(fmt::format("{} where a member's key should start", ByteName(c)));
  LL_ASSIGN_OR_RETURN(size_t key_begin, TakeFrom());
  const std::string_view quoted = input_.window().substr(key_begin, at_ - key_begin);
  std::string key;
  if (quoted.find('\\') == std::string_view::npos) {
    key.assign(quoted.substr(1, quoted.size() - 2));
  } else {
    simdjson::dom::parser parser;
    std::string_view decoded;
    if (parser.parse(quoted.data(), quoted.size()).get(decoded) != simdjson::SUCCESS)
      return InputError(input_.LocationAt(key_begin), "a key that is not a valid JSON string", expected_);
    key.assign(decoded);
  }
  LL_ASSIGN_OR_RETURN(more, SkipSpace());
  if (!more) return CutShort("inside an object");
  if (input_.window()[at_] != ':') return Error(fmt::format("no ':' after the key {}", Excerpt(key)));
  ++at_;
  return std::optional<std::string>(std::move(key));
}

Status JsonStream::Scan(bool keep) {
  // Called at the value's first byte; with `keep`, kept_ marks it.
  const char head = input_.window()[at_];
  const bool scalar = head != '"' && head != '{' && head != '[';
  auto too_long = [&]() -> Status {
    if (!keep || at_ - *kept_ <= max_value_bytes_) return Status::Ok();
    return InputError(input_.LocationAt(*kept_), fmt::format("a value longer than {} MiB", max_value_bytes_ >> 20),
                      expected_);
  };
  std::string open;  // the brackets not yet closed
  bool in_string = false;
  auto cut = [&]() {
    if (in_string) return CutShort("inside a string");
    if (open.empty()) return CutShort("inside a value");
    return CutShort(open.back() == ']' ? "inside an array" : "inside an object");
  };
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) {
      if (scalar) return Status::Ok();  // a number or literal ends the input
      return cut();
    }
    const std::string_view window = input_.window();
    const char first = window[at_];
    if (in_string) {
      // To the next quote or backslash.
      size_t i = at_;
      while (i < window.size() && window[i] != '"' && window[i] != '\\') ++i;
      at_ = i;
      LL_RETURN_IF_ERROR(too_long());
      if (i == window.size()) continue;
      if (window[i] == '\\') {
        ++at_;
        LL_ASSIGN_OR_RETURN(more, Fill());
        if (!more) return cut();
        ++at_;
        continue;
      }
      ++at_;
      in_string = false;
      if (open.empty()) return Status::Ok();
      continue;
    }
    if (open.empty() && first != '"' && first != '{' && first != '[') {
      // A number or a literal: up to the byte that ends it.
      size_t i = at_;
      while (i < window.size() && !EndsScalar(window[i])) ++i;
      at_ = i;
      LL_RETURN_IF_ERROR(too_long());
      if (i < window.size()) return Status::Ok();
      continue;
    }
    // Inside brackets: the next quote or bracket.
    size_t i = at_;
    while (i < window.size()) {
      const char c = window[i];
      if (c == '"' || c == '{' || c == '[' || c == '}' || c == ']') break;
      ++i;
    }
    at_ = i;
    LL_RETURN_IF_ERROR(too_long());
    if (i == window.size()) continue;
    const char c = window[i];
    ++at_;
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (levels_.size() + open.size() >= kMaxDepth)
        return Error(fmt::format("values nested more than {} deep", kMaxDepth));
      open.push_back(c == '{' ? '}' : ']');
    } else {
      if (open.empty() || open.back() != c) {
        --at_;
        if (open.empty()) return Error(fmt::format("'{}' that closes nothing open", c));
        return Error(fmt::format("'{}' where '{}' should close what is open", c, open.back()));
      }
      open.pop_back();
      if (open.empty()) return Status::Ok();
    }
  }
}

Result<size_t> JsonStream::TakeFrom() {
  LL_ASSIGN_OR_RETURN(Type type, Peek());
  if (type == Type::kEnd) return CutShort("where a value should be");
  kept_ = at_;
  Status scanned = Scan(true);
  const size_t begin = *kept_;
  kept_.reset();
  LL_RETURN_IF_ERROR(scanned);
  return begin;
}

Result<std::string_view> JsonStream::Take() {
  LL_ASSIGN_OR_RETURN(size_t begin, TakeFrom());
  return input_.window().substr(begin, at_ - begin);
}

Result<simdjson::dom::element> JsonStream::Parse(simdjson::dom::parser& parser) {
  LL_ASSIGN_OR_RETURN(size_t begin, TakeFrom());
  const std::string_view bytes = input_.window().substr(begin, at_ - begin);
  simdjson::dom::element element;
  if (simdjson::error_code error = parser.parse(bytes.data(), bytes.size()).get(element); error != simdjson::SUCCESS)
    return InputError(input_.LocationAt(begin), JsonSyntaxError(error), expected_);
  return element;
}

Status JsonStream::Skip() {
  LL_ASSIGN_OR_RETURN(Type type, Peek());
  if (type == Type::kEnd) return CutShort("where a value should be");
  return Scan(false);
}

Status JsonStream::End(std::string_view trailer) {
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, SkipSpace());
    if (!more) return Status::Ok();
    const char c = input_.window()[at_];
    if (trailer.find(c) == std::string_view::npos) return Error("more after the end of the JSON value");
    ++at_;
  }
}

}  // namespace learnloop::ingest

namespace learnloop::ingest {
namespace {

void AppendQuoted(std::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  out += '"';
}

bool StartsWith(const std::vector<std::string>& path, const std::vector<std::string>& prefix) {
  return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// Positions a new stream over `file` at its JSON value.
Status Start(const JsonRecordFile& file, JsonStream& stream) {
  LL_RETURN_IF_ERROR(file.input.Rewind());
  if (file.offset == 0) return Status::Ok();
  LL_ASSIGN_OR_RETURN(std::string_view ahead, stream.Ahead(file.offset));
  if (ahead.size() < file.offset) return stream.Error("the file ends before its JSON value");
  stream.Consume(file.offset);
  return Status::Ok();
}

class Outliner {
 public:
  Outliner(const JsonRecordFile& file, JsonStream& stream) : file_(file), stream_(stream) {}

  Status Value(std::vector<std::string>& at) {
    LL_ASSIGN_OR_RETURN(JsonStream::Type type, stream_.Peek());
    if (type == JsonStream::Type::kEnd)
      return at.empty() && depth_ == 0 && file_.offset == 0 ? stream_.Error("the file is empty")
                                                            : stream_.CutShort("where a value should be");
    bool records = false;
    bool leads = false;
    for (const auto& path : file_.paths) {
      records = records || path == at;
      leads = leads || (path.size() > at.size() && StartsWith(path, at));
    }
    if (records && type == JsonStream::Type::kArray) {
      out_ += "[]";
      return stream_.Skip();
    }
    if (leads && type == JsonStream::Type::kObject) {
      LL_RETURN_IF_ERROR(stream_.Enter(type));
      out_ += '{';
      bool first = true;
      while (true) {
        LL_ASSIGN_OR_RETURN(std::optional<std::string> key, stream_.NextKey());
        if (!key) break;
        if (!first) out_ += ',';
        first = false;
        AppendQuoted(*key, out_);
        out_ += ':';
        at.push_back(std::move(*key));
        ++depth_;
        LL_RETURN_IF_ERROR(Value(at));
        --depth_;
        at.pop_back();
      }
      out_ += '}';
      return Status::Ok();
    }
    LL_ASSIGN_OR_RETURN(std::string_view bytes, stream_.Take());
    if (out_.size() + bytes.size() > kMaxJsonRecordBytes)
      return stream_.Error(fmt::format("more than {} MiB besides the records", kMaxJsonRecordBytes >> 20));
    out_ += bytes;
    return Status::Ok();
  }

  std::string Done() { return std::move(out_); }

 private:
  const JsonRecordFile& file_;
  JsonStream& stream_;
  std::string out_;
  int depth_ = 0;
};

}  // namespace

Result<std::string> OutlineJson(const JsonRecordFile& file) {
  JsonStream stream(file.input, file.expected);
  LL_RETURN_IF_ERROR(Start(file, stream));
  Outliner outliner(file, stream);
  std::vector<std::string> at;
  LL_RETURN_IF_ERROR(outliner.Value(at));
  LL_RETURN_IF_ERROR(stream.End(file.trailer));
  return outliner.Done();
}

Status ForEachJsonRecord(const JsonRecordFile& file, const std::vector<std::string>& path,
                         simdjson::dom::parser& parser, const std::function<Status(simdjson::dom::element)>& each,
                         std::optional<int64_t> most) {
  JsonStream stream(file.input, file.expected);
  LL_RETURN_IF_ERROR(Start(file, stream));
  for (const std::string& step : path) {
    LL_RETURN_IF_ERROR(stream.Enter(JsonStream::Type::kObject));
    while (true) {
      LL_ASSIGN_OR_RETURN(std::optional<std::string> key, stream.NextKey());
      if (!key) return stream.Error(fmt::format("no member {}", Excerpt(step)));
      if (*key == step) break;
      LL_RETURN_IF_ERROR(stream.Skip());
    }
  }
  LL_RETURN_IF_ERROR(stream.Enter(JsonStream::Type::kArray));
  for (int64_t read = 0;; ++read) {
    if (most && read >= *most) return Status::Ok();
    LL_ASSIGN_OR_RETURN(bool more, stream.NextElement());
    if (!more) return Status::Ok();
    LL_ASSIGN_OR_RETURN(simdjson::dom::element element, stream.Parse(parser));
    LL_RETURN_IF_ERROR(each(element));
  }
}

}  // namespace learnloop::ingest
