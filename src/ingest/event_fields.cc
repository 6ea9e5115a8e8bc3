#include "ingest/event_fields.h"

#include <fmt/format.h>

#include "ingest/input_text.h"
#include "ingest/time_format.h"

namespace learnloop::ingest {
namespace {

// 0000-01-01T00:00:00Z and the last microsecond of 9999 (days -719528 and
// 2932897 from 1970-01-01).
constexpr int64_t kMicrosPerDay = 86'400'000'000;
constexpr Timestamp kEarliestTs{-719'528 * kMicrosPerDay};
constexpr Timestamp kLatestTs{2'932'897 * kMicrosPerDay - 1};

bool IsEdgeSpace(char c) { return c == ' ' || c == '\t'; }

bool TagsAreNormal(std::string_view tags) {
  if (tags.empty()) return true;
  if (tags.front() == ';' || tags.back() == ';') return false;
  for (size_t i = 0; i < tags.size(); ++i) {
    char c = tags[i];
    if (c == ';' && (tags[i + 1] == ';' || IsEdgeSpace(tags[i - 1]) || IsEdgeSpace(tags[i + 1]))) return false;
  }
  return !IsEdgeSpace(tags.front()) && !IsEdgeSpace(tags.back());
}

std::optional<FieldProblem> CheckName(EventColumn column, std::string_view text, std::string_view example) {
  if (text.empty()) return FieldProblem{column, "is empty", std::string(example)};
  if (text.size() > kMaxNameBytes)
    return FieldProblem{column, fmt::format("is {} bytes long", text.size()),
                        fmt::format("at most {} bytes (is a column misaligned?)", kMaxNameBytes)};
  return std::nullopt;
}

}  // namespace

std::string_view NormalizeTags(std::string_view tags, std::string* scratch) {
  tags = TrimAscii(tags);
  if (TagsAreNormal(tags)) return tags;
  scratch->clear();
  while (!tags.empty()) {
    size_t end = tags.find(';');
    std::string_view tag = TrimAscii(tags.substr(0, end));
    if (!tag.empty()) {
      if (!scratch->empty()) scratch->push_back(';');
      scratch->append(tag);
    }
    tags.remove_prefix(end == std::string_view::npos ? tags.size() : end + 1);
  }
  return *scratch;
}

std::optional<FieldProblem> FieldChecker::Check(const RawEvent& raw, EventView* out, bool* custom_kind) {
  auto text = [&](EventColumn c) { return raw.text[static_cast<int>(c)]; };
  if (auto problem = CheckTs(TrimAscii(text(EventColumn::kTs)), out)) return problem;
  out->channel = TrimAscii(text(EventColumn::kChannel));
  if (auto problem = CheckName(EventColumn::kChannel, out->channel, "a channel name like mastodon or newsletter"))
    return problem;
  out->person = TrimAscii(text(EventColumn::kPerson));
  if (auto problem = CheckName(EventColumn::kPerson, out->person, "the person's handle or email on that channel"))
    return problem;
  if (auto problem = CheckKind(TrimAscii(text(EventColumn::kKind)), out, custom_kind)) return problem;
  out->content = text(EventColumn::kContent);
  if (out->content.size() > kMaxContentBytes)
    return FieldProblem{
        EventColumn::kContent, fmt::format("is {} bytes long", out->content.size()),
        fmt::format("at most {} bytes: an id, URL or title of a post, email or page", kMaxContentBytes)};
  if (auto problem = CheckValue(raw, out)) return problem;
  return CheckTags(text(EventColumn::kTags), out);
}

std::optional<FieldProblem> FieldChecker::CheckTs(std::string_view text, EventView* out) const {
  // Timestamps are short; a long one would only bloat the message.
  constexpr size_t kMaxTsBytes = 64;
  if (text.size() > kMaxTsBytes)
    return FieldProblem{EventColumn::kTs, fmt::format("is {} bytes long", text.size()),
                        "a timestamp like 2024-05-01T09:30:00Z (is a column misaligned?)"};
  Result<Timestamp> ts = ts_format_ ? ts_format_->Parse(text) : ParseRfc3339(text);
  if (!ts.ok()) return FieldProblem{EventColumn::kTs, ts.status().message(), ""};
  // An offset can push year 0000 or 9999 across the edge, and such an
  // instant would not export as RFC 3339 that reads back.
  if (*ts < kEarliestTs || *ts > kLatestTs)
    return FieldProblem{EventColumn::kTs, fmt::format("'{}' falls outside the years 0000 to 9999 in UTC", text),
                        "a timestamp between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z"};
  out->ts = *ts;
  return std::nullopt;
}

std::optional<FieldProblem> FieldChecker::CheckKind(std::string_view text, EventView* out, bool* custom_kind) {
  if (text.size() > kMaxNameBytes) return CheckName(EventColumn::kKind, text, "");
  // Spreadsheets capitalize words; "Like" still means like.
  bool has_upper = false;
  for (char c : text) has_upper |= (c >= 'A' && c <= 'Z');
  if (has_upper) {
    kind_scratch_.assign(text);
    for (char& c : kind_scratch_)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    text = kind_scratch_;
  }
  if (const std::string problem = KindProblem(text); !problem.empty())
    return FieldProblem{EventColumn::kKind, fmt::format("'{}': {}", text, problem),
                        "a kind like follow, like, comment, donation, or a custom kind like webinar_signup"};
  out->kind = text;
  *custom_kind = !IsBuiltinKind(text);
  return std::nullopt;
}

std::optional<FieldProblem> FieldChecker::CheckValue(const RawEvent& raw, EventView* out) const {
  std::string_view text = TrimAscii(raw.text[static_cast<int>(EventColumn::kValue)]);
  if (text.empty()) {
    out->value.reset();
    return std::nullopt;
  }
  out->value = text.size() <= kMaxNameBytes ? ParseValue(text) : std::nullopt;
  if (!out->value)
    return FieldProblem{EventColumn::kValue, fmt::format("'{}' is not a number", text.substr(0, 64)),
                        "a decimal number like 12.5 (at most about 1.8e308 either way), or nothing"};
  return std::nullopt;
}

std::optional<FieldProblem> FieldChecker::CheckTags(std::string_view text, EventView* out) {
  out->tags = NormalizeTags(text, &tags_scratch_);
  if (out->tags.size() > kMaxTagsBytes)
    return FieldProblem{EventColumn::kTags, fmt::format("is {} bytes long", out->tags.size()),
                        fmt::format("at most {} bytes of ';'-separated tags", kMaxTagsBytes)};
  return std::nullopt;
}

}  // namespace learnloop::ingest
