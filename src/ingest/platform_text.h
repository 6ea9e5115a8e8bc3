// Text as platform exports write it: counts with thousands separators,
// calendar parts, clock times and UTC offsets, HTML entities, and the
// checks and excerpts the importers' messages use. Shared by the platform
// formats (x_archive.cc, meta.cc, ...); locale-free, ASCII rules only.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "learnloop/time.h"

namespace learnloop::ingest {

inline constexpr std::array<std::string_view, 12> kEnglishMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
inline constexpr std::array<std::string_view, 7> kEnglishWeekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The value of `text` when it is 1..9 ASCII digits.
std::optional<int> Digits(std::string_view text);

// The position of `name` in `names` (exact, case-sensitive).
template <size_t N>
std::optional<int> IndexOf(const std::array<std::string_view, N>& names, std::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<int>(it - names.begin());
}

// The day of a calendar date, when there is such a date.
std::optional<Day> CivilDay(int year, int month, int day);

// Seconds into the day of "HH:MM:SS", or of "HH:MM" when `seconds_optional`.
std::optional<int> ClockSeconds(std::string_view text, bool seconds_optional);

// Seconds east of UTC of "+HHMM" or "-HHMM".
std::optional<int> OffsetSeconds(std::string_view text);

// The instant of a clock time on `day` at a UTC offset.
Timestamp InstantOf(Day day, int clock_seconds, int offset_seconds);

// `text` split at single spaces (or `separator`), when it has exactly N parts.
template <size_t N>
std::optional<std::array<std::string_view, N>> SplitExactly(std::string_view text, std::string_view separator = " ") {
  std::array<std::string_view, N> parts;
  for (size_t i = 0; i < N; ++i) {
    const size_t end = i + 1 == N ? std::string_view::npos : text.find(separator);
    if (end == std::string_view::npos && i + 1 < N) return std::nullopt;
    parts[i] = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + separator.size());
  }
  if (parts[N - 1].find(separator) != std::string_view::npos) return std::nullopt;
  return parts;
}

// The first `max_bytes` of `text` or fewer, cut at a character boundary.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes);

// What a message quotes of an input text: its first 60 bytes, cut at a
// character boundary, with "..." when cut.
std::string Excerpt(std::string_view text);

std::string LowerAscii(std::string_view text);

// Whether `text` can be a name or id: valid UTF-8 without spaces or control
// characters, not empty, at most `max_bytes`.
bool IsCleanName(std::string_view text, size_t max_bytes);
// IsCleanName within the length of an event's content (a post's id).
bool IsCleanId(std::string_view text);

// The person an email address names: trimmed and lower-cased (ASCII), as
// every importer and the linking of identities write emails; nullopt when
// `text` is not an address (one '@' between a local part and a domain with
// a dot, valid UTF-8 without spaces, control characters, ',', ';' or '"').
std::optional<std::string> EmailPerson(std::string_view text);

// A cell listing tag names, comma-separated, each bare or double-quoted
// ("Volunteer, Walk" or "\"Volunteer\",\"Walk, May\""), as ';'-separated tags:
// each once, trimmed, without one that holds ';' or a control character,
// at most kMaxTagsBytes in all.
std::string TagList(std::string_view cell);

// The person attribute a column header names: lower-cased, spaces as '_'
// ("First Name" -> "first_name").
std::string AttributeName(std::string_view header);

// A count: ASCII digits, optionally grouped by thousands separators
// ("1,234") and followed by a zero fraction ("2350.0"); at most 15 digits,
// so it is exact as a double.
std::optional<double> ParseCount(std::string_view text);

// Decodes HTML entities: &amp; &lt; &gt; &quot; &apos; and numeric ones
// (&#39; &#x1F600;). Anything else, including a numeric entity that is no
// Unicode scalar value, is kept as written.
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace learnloop::ingest
