#include "ingest/jsonl_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstring>

#include "ingest/event_fields.h"
#include "ingest/input_text.h"

namespace learnloop::ingest {
namespace {

namespace od = simdjson::ondemand;

constexpr std::string_view kExpectedKeys = "the keys ts, channel, person, kind and optionally content, value, tags";
constexpr std::string_view kExpectedObject = "one JSON object per line";

std::optional<size_t> FindKey(std::string_view key) {
  for (size_t i = 0; i < kEventColumnCount; ++i)
    if (key == kEventColumns[i]) return i;
  return std::nullopt;
}

std::string_view ExpectedValue(EventColumn column) {
  switch (column) {
    case EventColumn::kContent:
      return "a string or null";
    case EventColumn::kValue:
      return "a number like 12.5, a numeric string or null";
    case EventColumn::kTags:
      return "a string like \"a;b\", an array of strings or null";
    default:
      return "a string";
  }
}

// "a number (1e400)", "an array": what a value is, for messages.
std::string Describe(od::json_type type, od::value& value) {
  std::string_view token = TrimAscii(value.raw_json_token()).substr(0, 32);
  switch (type) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return fmt::format("a number ({})", token);
    case od::json_type::boolean:
      return fmt::format("a boolean ({})", token);
    case od::json_type::null:
      return "null";
    default:
      return "a string";
  }
}

// The key whose value `prefix` (the start of a line too long to parse) ends
// in: the known key written last, or "" when there is none.
std::string_view LastKeyIn(std::string_view prefix) {
  std::string_view last;
  size_t last_at = 0;
  for (std::string_view key : kEventColumns) {
    size_t at = prefix.rfind(fmt::format("\"{}\"", key));
    if (at == std::string_view::npos || (!last.empty() && at < last_at)) continue;
    std::string_view after = TrimAscii(prefix.substr(at + key.size() + 2));
    if (after.starts_with(':')) {
      last = key;
      last_at = at;
    }
  }
  return last;
}

class JsonlReader : public EventReader {
 public:
  JsonlReader(std::unique_ptr<ChunkedInput> input, size_t start) : input_(std::move(input)), pos_(start) {}

  Result<bool> Next(EventView* out) override;
  const ReadCounts& counts() const override { return counts_; }

 private:
  Result<std::optional<std::string_view>> NextLine();
  Status Error(std::string_view key, std::string_view problem, std::string_view expected = {}) const {
    InputLocation where = input_->LocationAt(line_start_, key);
    where.column = 0;
    return InputError(where, problem, expected);
  }
  // A value simdjson could not read, at `key`.
  Status JsonError(std::string_view key, simdjson::error_code error) const;
  // Broken syntax between values; `previous` is the key read last.
  Status SyntaxError(std::string_view previous, simdjson::error_code error) const;
  Status ReadObject(std::string_view line, RawEvent* raw);
  Status ReadValue(size_t column, od::value value, RawEvent* raw);
  Status ReadString(std::string_view key, od::value value, std::string_view* out) const;
  Status JoinTags(od::array tags, std::string_view* out);

  std::unique_ptr<ChunkedInput> input_;
  size_t pos_;
  size_t line_start_ = 0;  // window offset of the current line
  std::string padded_;     // the current line with the padding simdjson reads past its end
  od::parser parser_;
  FieldChecker checker_;
  std::string tags_;
  ReadCounts counts_;
};

Result<std::optional<std::string_view>> JsonlReader::NextLine() {
  while (true) {
    std::string_view window = input_->window();
    size_t lf = pos_ < window.size() ? window.find('\n', pos_) : std::string_view::npos;
    if (lf == std::string_view::npos && !input_->at_end()) {
      line_start_ = pos_;
      if (window.size() - pos_ > kMaxRecordBytes) break;
      LL_RETURN_IF_ERROR(input_->ReadMore(pos_).status());
      pos_ = 0;
      continue;
    }
    if (pos_ >= window.size()) return std::optional<std::string_view>();
    size_t end = lf == std::string_view::npos ? window.size() : lf;
    line_start_ = pos_;
    pos_ = end + 1;
    if (end - line_start_ > kMaxRecordBytes) break;
    LL_RETURN_IF_ERROR(CheckRecordText(*input_, line_start_, end));
    return std::optional<std::string_view>(window.substr(line_start_, end - line_start_));
  }
  return Error(LastKeyIn(input_->window().substr(line_start_, kMaxRecordBytes)),
               fmt::format("line is longer than {} bytes", kMaxRecordBytes), kExpectedObject);
}

Result<bool> JsonlReader::Next(EventView* out) {
  while (true) {
    LL_ASSIGN_OR_RETURN(std::optional<std::string_view> line, NextLine());
    if (!line) return false;
    if (TrimAscii(*line).empty()) continue;
    RawEvent raw;
    LL_RETURN_IF_ERROR(ReadObject(*line, &raw));
    bool custom_kind = false;
    if (std::optional<FieldProblem> problem = checker_.Check(raw, out, &custom_kind))
      return Error(kEventColumns[static_cast<int>(problem->column)], problem->problem, problem->expected);
    ++counts_.rows;
    counts_.custom_kinds += custom_kind;
    return true;
  }
}

Status JsonlReader::JsonError(std::string_view key, simdjson::error_code error) const {
  std::string_view expected = kExpectedObject;
  if (std::optional<size_t> column = FindKey(key)) expected = ExpectedValue(static_cast<EventColumn>(*column));
  return Error(key, fmt::format("invalid JSON: {}", simdjson::error_message(error)), expected);
}

Status JsonlReader::SyntaxError(std::string_view previous, simdjson::error_code error) const {
  std::string where = previous.empty() ? std::string() : fmt::format(" after the key '{}'", previous);
  return Error("", fmt::format("invalid JSON{}: {}", where, simdjson::error_message(error)),
               "one JSON object per line, like {\"ts\":\"2024-05-01T09:30:00Z\",\"channel\":\"x\",...}");
}

Status JsonlReader::ReadObject(std::string_view line, RawEvent* raw) {
  // On-Demand parses each value as it is asked for, so an error names the
  // key whose value is at fault. It reads up to SIMDJSON_PADDING bytes past
  // the end, hence the copy.
  padded_.assign(line);
  padded_.resize(line.size() + simdjson::SIMDJSON_PADDING);
  od::document doc;
  if (auto error = parser_.iterate(padded_.data(), line.size(), padded_.size()).get(doc)) return JsonError("", error);
  od::object object;
  if (auto error = doc.get_object().get(object)) {
    if (error == simdjson::INCORRECT_TYPE) return Error("", "line is not a JSON object", kExpectedObject);
    return SyntaxError("", error);
  }
  std::array<bool, kEventColumnCount> seen{};
  std::string_view key;
  for (auto result : object) {
    od::field field;
    if (auto error = std::move(result).get(field)) return SyntaxError(key, error);
    if (auto error = field.unescaped_key().get(key)) return SyntaxError(key, error);
    std::optional<size_t> column = FindKey(key);
    if (!column) return Error(key, "unknown key", kExpectedKeys);
    if (seen[*column]) return Error(key, "key appears twice", "each key once");
    seen[*column] = true;
    LL_RETURN_IF_ERROR(ReadValue(*column, field.value(), raw));
  }
  // Anything but blanks after the closing brace is a second value.
  const char* after = nullptr;
  if (!doc.current_location().get(after)) {
    std::string_view rest = line.substr(std::min<size_t>(after - padded_.data(), line.size()));
    return Error("", fmt::format("invalid JSON: text after the object: '{}'", TrimAscii(rest).substr(0, 20)),
                 kExpectedObject);
  }
  for (size_t c = 0; c < kEventColumnCount; ++c)
    if (IsRequiredColumn(static_cast<EventColumn>(c)) && !seen[c])
      return Error(kEventColumns[c], "missing required key", kExpectedKeys);
  return Status::Ok();
}

Status JsonlReader::ReadValue(size_t column, od::value value, RawEvent* raw) {
  const std::string_view key = kEventColumns[column];
  const auto col = static_cast<EventColumn>(column);
  od::json_type type;
  if (auto error = value.type().get(type)) return JsonError(key, error);
  if (type == od::json_type::null && col != EventColumn::kTs && col != EventColumn::kChannel &&
      col != EventColumn::kPerson && col != EventColumn::kKind) {
    bool is_null = false;
    if (auto error = value.is_null().get(is_null); error || !is_null)
      return JsonError(key, error ? error : simdjson::N_ATOM_ERROR);
    return Status::Ok();
  }
  if (col == EventColumn::kValue && type == od::json_type::number) {
    // The number's own text, parsed by the same rule as a CSV value.
    raw->text[column] = TrimAscii(value.raw_json_token());
    return Status::Ok();
  }
  if (col == EventColumn::kTags && type == od::json_type::array) {
    od::array tags;
    if (auto error = value.get_array().get(tags)) return JsonError(key, error);
    return JoinTags(tags, &raw->text[column]);
  }
  return ReadString(key, value, &raw->text[column]);
}

Status JsonlReader::ReadString(std::string_view key, od::value value, std::string_view* out) const {
  od::json_type type;
  if (auto error = value.type().get(type)) return JsonError(key, error);
  std::optional<size_t> column = FindKey(key);
  std::string_view expected = column ? ExpectedValue(static_cast<EventColumn>(*column)) : "a string";
  if (type != od::json_type::string)
    return Error(key, fmt::format("is {}, not a string", Describe(type, value)), expected);
  if (auto error = value.get_string().get(*out)) return JsonError(key, error);
  // Escapes can smuggle in what raw bytes may not: \u0000 or a lone surrogate.
  if (std::memchr(out->data(), '\0', out->size()) != nullptr) return Error(key, "holds a NUL character (\\u0000)");
  if (!simdjson::validate_utf8(out->data(), out->size())) return Error(key, "holds an unpaired surrogate escape");
  return Status::Ok();
}

Status JsonlReader::JoinTags(od::array tags, std::string_view* out) {
  tags_.clear();
  for (auto element : tags) {
    od::value tag;
    if (auto error = element.get(tag)) return JsonError("tags", error);
    std::string_view text;
    LL_RETURN_IF_ERROR(ReadString("tags", tag, &text));
    if (!tags_.empty()) tags_.push_back(';');
    tags_.append(text);
  }
  *out = tags_;
  return Status::Ok();
}

}  // namespace

std::unique_ptr<EventReader> OpenJsonlReader(std::unique_ptr<ChunkedInput> input, size_t start) {
  return std::make_unique<JsonlReader>(std::move(input), start);
}

}  // namespace learnloop::ingest
