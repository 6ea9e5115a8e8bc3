#include "ingest/jsonl_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstring>

#include "ingest/event_fields.h"
#include "ingest/input_text.h"

namespace learnloop::ingest {
namespace {

constexpr std::string_view kExpectedKeys = "the keys ts, channel, person, kind and optionally content, value, tags";

std::optional<size_t> FindKey(std::string_view key) {
  for (size_t i = 0; i < kEventColumnCount; ++i)
    if (key == kEventColumns[i]) return i;
  return std::nullopt;
}

class JsonlReader : public EventReader {
 public:
  JsonlReader(std::string bytes, size_t start, std::string file)
      : bytes_(std::move(bytes)), pos_(start), file_(std::move(file)) {}

  Result<bool> Next(EventView* out) override;
  const ReadCounts& counts() const override { return counts_; }

 private:
  Status Error(std::string_view key, std::string_view problem, std::string_view expected = {}) const {
    return InputError({file_, line_, 0, std::string(key)}, problem, expected);
  }
  Status ReadObject(std::string_view line, RawEvent* raw);
  Status ReadValue(size_t column, simdjson::dom::element value, RawEvent* raw);
  Status ReadString(std::string_view key, simdjson::dom::element value, std::string_view* out) const;
  Status JoinTags(simdjson::dom::array tags, std::string_view* out);

  std::string bytes_;
  size_t pos_;
  std::string file_;
  int64_t line_ = 0;
  simdjson::dom::parser parser_;
  FieldChecker checker_;
  std::string tags_;
  ReadCounts counts_;
};

Result<bool> JsonlReader::Next(EventView* out) {
  while (pos_ < bytes_.size()) {
    size_t end = std::min(bytes_.find('\n', pos_), bytes_.size());
    std::string_view line = std::string_view(bytes_).substr(pos_, end - pos_);
    pos_ = end + 1;
    ++line_;
    if (TrimAscii(line).empty()) continue;
    RawEvent raw;
    LL_RETURN_IF_ERROR(ReadObject(line, &raw));
    bool custom_kind = false;
    if (std::optional<FieldProblem> problem = checker_.Check(raw, out, &custom_kind))
      return Error(kEventColumns[static_cast<int>(problem->column)], problem->problem, problem->expected);
    ++counts_.rows;
    counts_.custom_kinds += custom_kind;
    return true;
  }
  return false;
}

Status JsonlReader::ReadObject(std::string_view line, RawEvent* raw) {
  simdjson::dom::element doc;
  // The parser copies the line into its own padded buffer, which it reuses.
  if (auto error = parser_.parse(line.data(), line.size()).get(doc))
    return Error("", fmt::format("invalid JSON: {}", simdjson::error_message(error)), "one JSON object per line");
  simdjson::dom::object object;
  if (doc.get_object().get(object)) return Error("", "line is not a JSON object", "one JSON object per line");
  std::array<bool, kEventColumnCount> seen{};
  for (simdjson::dom::key_value_pair field : object) {
    std::optional<size_t> column = FindKey(field.key);
    if (!column) return Error(field.key, "unknown key", kExpectedKeys);
    if (seen[*column]) return Error(field.key, "key appears twice", "each key once");
    seen[*column] = true;
    LL_RETURN_IF_ERROR(ReadValue(*column, field.value, raw));
  }
  for (size_t c = 0; c < kEventColumnCount; ++c)
    if (IsRequiredColumn(static_cast<EventColumn>(c)) && !seen[c])
      return Error(kEventColumns[c], "missing required key", kExpectedKeys);
  return Status::Ok();
}

Status JsonlReader::ReadValue(size_t column, simdjson::dom::element value, RawEvent* raw) {
  std::string_view key = kEventColumns[column];
  auto type = value.type();
  switch (static_cast<EventColumn>(column)) {
    case EventColumn::kContent:
      if (value.is_null()) return Status::Ok();
      break;
    case EventColumn::kValue:
      if (value.is_null()) return Status::Ok();
      if (value.is_number()) {
        raw->number_value = value.get_double().value_unsafe();
        return Status::Ok();
      }
      if (type != simdjson::dom::element_type::STRING)
        return Error(key, "is neither a number, a numeric string nor null", "a number like 12.5");
      break;
    case EventColumn::kTags:
      if (value.is_null()) return Status::Ok();
      if (type == simdjson::dom::element_type::ARRAY)
        return JoinTags(value.get_array().value_unsafe(), &raw->text[column]);
      break;
    default:
      break;
  }
  return ReadString(key, value, &raw->text[column]);
}

Status JsonlReader::ReadString(std::string_view key, simdjson::dom::element value, std::string_view* out) const {
  if (value.get_string().get(*out))
    return Error(key, "is not a string", key == "tags" ? "a string like \"a;b\" or an array of strings" : "a string");
  // Escapes can smuggle in what raw bytes may not: \u0000 or a lone surrogate.
  if (std::memchr(out->data(), '\0', out->size()) != nullptr) return Error(key, "holds a NUL character (\\u0000)");
  if (!simdjson::validate_utf8(out->data(), out->size())) return Error(key, "holds an unpaired surrogate escape");
  return Status::Ok();
}

Status JsonlReader::JoinTags(simdjson::dom::array tags, std::string_view* out) {
  tags_.clear();
  for (simdjson::dom::element tag : tags) {
    std::string_view text;
    LL_RETURN_IF_ERROR(ReadString("tags", tag, &text));
    if (!tags_.empty()) tags_.push_back(';');
    tags_.append(text);
  }
  *out = tags_;
  return Status::Ok();
}

}  // namespace

std::unique_ptr<EventReader> OpenJsonlReader(std::string bytes, size_t start, std::string file) {
  return std::make_unique<JsonlReader>(std::move(bytes), start, std::move(file));
}

}  // namespace learnloop::ingest
