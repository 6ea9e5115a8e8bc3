#include "ingest/platform_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <string>

#include "core/text.h"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"

namespace learnloop::ingest {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kSecondsPerDay = 86400;

// Appends what the entity between '&' and ';' stands for; false when it is
// not one this decoder knows.
bool AppendEntity(std::string_view name, std::string* out) {
  static constexpr std::array<std::pair<std::string_view, char>, 5> kNamed = {
      {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}}};
  for (const auto& [entity, c] : kNamed) {
    if (name == entity) {
      *out += c;
      return true;
    }
  }
  if (name.size() < 2 || name[0] != '#') return false;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view number = name.substr(hex ? 2 : 1);
  uint32_t code = 0;
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), code, hex ? 16 : 10);
  if (number.empty() || error != std::errc() || end != number.data() + number.size()) return false;
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
  AppendUtf8(code, out);
  return true;
}

}  // namespace

std::optional<int> Digits(std::string_view text) {
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), IsAsciiDigit)) return std::nullopt;
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

std::optional<Day> CivilDay(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const CivilDate date{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
  const Day result = FromCivil(date);
  const CivilDate back = ToCivil(result);
  if (back.month != date.month || back.day != date.day) return std::nullopt;
  return result;
}

std::optional<int> ClockSeconds(std::string_view text, bool seconds_optional) {
  if (text.size() == 5 && seconds_optional) return ClockSeconds(fmt::format("{}:00", text), false);
  if (text.size() != 8 || text[2] != ':' || text[5] != ':') return std::nullopt;
  std::optional<int> h = Digits(text.substr(0, 2)), m = Digits(text.substr(3, 2)), s = Digits(text.substr(6, 2));
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 59) return std::nullopt;
  return *h * 3600 + *m * 60 + *s;
}

std::optional<int> OffsetSeconds(std::string_view text) {
  if (text.size() != 5 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  std::optional<int> h = Digits(text.substr(1, 2)), m = Digits(text.substr(3, 2));
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  return (text[0] == '-' ? -1 : 1) * (*h * 3600 + *m * 60);
}

Timestamp InstantOf(Day day, int clock_seconds, int offset_seconds) {
  return {(int64_t{day} * kSecondsPerDay + clock_seconds - offset_seconds) * kMicrosPerSecond};
}

std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string Excerpt(std::string_view text) {
  constexpr size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  return fmt::format("{}...", Utf8Prefix(text, kMax));
}

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string TagList(std::string_view cell) {
  std::string tags;
  std::set<std::string_view> seen;
  size_t i = 0;
  while (i < cell.size()) {
    while (i < cell.size() && IsAsciiSpace(cell[i])) ++i;
    if (i >= cell.size()) break;
    std::string_view tag;
    if (cell[i] == '"') {
      const size_t end = std::min(cell.find('"', i + 1), cell.size());
      tag = cell.substr(i + 1, end - i - 1);
      i = std::min(cell.find(',', end), cell.size());
    } else {
      const size_t end = std::min(cell.find(',', i), cell.size());
      tag = cell.substr(i, end - i);
      i = end;
    }
    ++i;  // past the ','
    tag = TrimAscii(tag);
    const bool usable =
        !tag.empty() && tag.find(';') == std::string_view::npos &&
        std::none_of(tag.begin(), tag.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (!usable || !seen.insert(tag).second || tags.size() + tag.size() + 1 > kMaxTagsBytes) continue;
    if (!tags.empty()) tags += ';';
    tags += tag;
  }
  return tags;
}

std::string AttributeName(std::string_view header) {
  std::string name = LowerAscii(header);
  std::replace(name.begin(), name.end(), ' ', '_');
  return name;
}

std::optional<double> ParseCount(std::string_view text) {
  if (const size_t dot = text.find('.'); dot != std::string_view::npos) {
    const std::string_view fraction = text.substr(dot + 1);
    if (fraction.empty() || fraction.find_first_not_of('0') != std::string_view::npos) return std::nullopt;
    text = text.substr(0, dot);
  }
  const size_t first_comma = text.find(',');
  const bool grouped = first_comma != std::string_view::npos;
  if (grouped && (first_comma == 0 || first_comma > 3 || (text.size() - first_comma) % 4 != 0)) return std::nullopt;
  // Accumulated as read: every cell of an analytics export is a count.
  int64_t value = 0;
  size_t digits = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    const bool separator = grouped && at >= first_comma && (at - first_comma) % 4 == 0;
    if (separator ? text[at] != ',' : !IsAsciiDigit(text[at])) return std::nullopt;
    if (separator) continue;
    if (++digits > 15) return std::nullopt;
    value = value * 10 + (text[at] - '0');
  }
  if (digits == 0) return std::nullopt;
  return static_cast<double>(value);
}

bool IsCleanName(std::string_view text, size_t max_bytes) {
  if (text.empty() || text.size() > max_bytes || FindInvalidUtf8(text)) return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  });
}

bool IsCleanId(std::string_view text) { return IsCleanName(text, kMaxContentBytes); }

std::optional<std::string> EmailPerson(std::string_view text) {
  text = TrimAscii(text);
  const size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.size() > kMaxNameBytes) return std::nullopt;
  const std::string_view domain = text.substr(at + 1);
  const size_t dot = domain.find('.');
  if (domain.find('@') != std::string_view::npos || dot == 0 || dot == std::string_view::npos || domain.ends_with('.'))
    return std::nullopt;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f || c == ',' || c == ';' || c == '"') return std::nullopt;
  }
  if (FindInvalidUtf8(text)) return std::nullopt;
  return LowerAscii(text);
}

std::string DecodeHtmlEntities(std::string_view text) {
  constexpr size_t kLongestEntity = 10;  // "#x10FFFF" and a little more
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  while (at < text.size()) {
    const size_t amp = text.find('&', at);
    out.append(text.substr(at, amp - at));
    if (amp == std::string_view::npos) break;
    const size_t semi = text.find(';', amp);
    if (semi != std::string_view::npos && semi - amp <= kLongestEntity &&
        AppendEntity(text.substr(amp + 1, semi - amp - 1), &out)) {
      at = semi + 1;
    } else {
      out += '&';
      at = amp + 1;
    }
  }
  return out;
}

}  // namespace learnloop::ingest
