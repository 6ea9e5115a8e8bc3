#include "ingest/time_format.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <optional>

namespace learnloop::ingest {
namespace {

constexpr std::string_view kDirectives = "YymdeHIpMSbBhaAzs%";
constexpr std::array<std::string_view, 12> kMonths = {"january",   "february", "march",    "april",
                                                      "may",       "june",     "july",     "august",
                                                      "september", "october",  "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};

// The calendar parts read so far; unset time parts are zero.
struct Parts {
  int year = -1;
  int month = -1;
  int day = -1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int64_t micros = 0;
  int pm = -1;  // -1 unless %p was read
  std::optional<int64_t> offset_seconds;
  std::optional<int64_t> epoch_micros;
};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Reads `min`..`max` digits from `text` at *pos.
std::optional<int> ReadNumber(std::string_view text, size_t* pos, size_t min, size_t max) {
  size_t start = *pos;
  int value = 0;
  while (*pos < text.size() && *pos - start < max && IsDigit(text[*pos])) value = value * 10 + (text[(*pos)++] - '0');
  if (*pos - start < min) return std::nullopt;
  return value;
}

// Reads an optional ".123" fraction as microseconds.
int64_t ReadFraction(std::string_view text, size_t* pos) {
  if (*pos + 1 >= text.size() || text[*pos] != '.' || !IsDigit(text[*pos + 1])) return 0;
  ++*pos;
  int64_t micros = 0;
  int64_t scale = 100'000;
  for (; *pos < text.size() && IsDigit(text[*pos]); ++*pos, scale /= 10) micros += (text[*pos] - '0') * scale;
  return micros;
}

bool MatchesWordAt(std::string_view text, size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (Lower(text[pos + i]) != word[i]) return false;
  return true;
}

// Reads a full or three-letter name from `names`; returns its index.
template <size_t N>
std::optional<int> ReadName(std::string_view text, size_t* pos, const std::array<std::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i) {
    for (std::string_view form : {names[i], names[i].substr(0, 3)}) {
      if (MatchesWordAt(text, *pos, form)) {
        *pos += form.size();
        return static_cast<int>(i);
      }
    }
  }
  return std::nullopt;
}

std::optional<int64_t> ReadOffset(std::string_view text, size_t* pos) {
  if (*pos < text.size() && (text[*pos] == 'Z' || text[*pos] == 'z')) {
    ++*pos;
    return 0;
  }
  if (*pos >= text.size() || (text[*pos] != '+' && text[*pos] != '-')) return std::nullopt;
  int sign = text[(*pos)++] == '-' ? -1 : 1;
  auto hours = ReadNumber(text, pos, 2, 2);
  if (*pos < text.size() && text[*pos] == ':') ++*pos;
  size_t before_minutes = *pos;
  auto minutes = ReadNumber(text, pos, 2, 2);
  if (!minutes) *pos = before_minutes;
  if (!hours || *hours > 23 || minutes.value_or(0) > 59) return std::nullopt;
  return sign * (*hours * 3600 + minutes.value_or(0) * 60);
}

std::optional<int64_t> ReadEpoch(std::string_view text, size_t* pos) {
  bool negative = *pos < text.size() && text[*pos] == '-';
  if (negative) ++*pos;
  size_t start = *pos;
  int64_t seconds = 0;
  // 12 digits reach year 33658; more would overflow microseconds.
  while (*pos < text.size() && *pos - start < 12 && IsDigit(text[*pos]))
    seconds = seconds * 10 + (text[(*pos)++] - '0');
  if (*pos == start) return std::nullopt;
  int64_t micros = seconds * 1'000'000 + ReadFraction(text, pos);
  return negative ? -micros : micros;
}

bool SetMonthName(Parts* parts, std::optional<int> index) {
  if (index) parts->month = *index + 1;
  return index.has_value();
}

// Reads one directive's text into *parts; false when the text does not fit.
bool ReadDirective(char directive, std::string_view text, size_t* pos, Parts* parts) {
  auto set = [](int* field, std::optional<int> v) {
    if (v) *field = *v;
    return v.has_value();
  };
  switch (directive) {
    case 'Y':
      return set(&parts->year, ReadNumber(text, pos, 4, 4));
    case 'y': {
      auto v = ReadNumber(text, pos, 2, 2);
      // POSIX: 69-99 are 1969-1999, 00-68 are 2000-2068.
      if (v) parts->year = *v + (*v >= 69 ? 1900 : 2000);
      return v.has_value();
    }
    case 'm':
      return set(&parts->month, ReadNumber(text, pos, 1, 2));
    case 'e':
      if (*pos < text.size() && text[*pos] == ' ') ++*pos;
      return set(&parts->day, ReadNumber(text, pos, 1, 2));
    case 'd':
      return set(&parts->day, ReadNumber(text, pos, 1, 2));
    case 'H':
    case 'I':
      return set(&parts->hour, ReadNumber(text, pos, 1, 2));
    case 'M':
      return set(&parts->minute, ReadNumber(text, pos, 1, 2));
    case 'S':
      if (!set(&parts->second, ReadNumber(text, pos, 1, 2))) return false;
      parts->micros = ReadFraction(text, pos);
      return true;
    case 'p':
      if (MatchesWordAt(text, *pos, "am") || MatchesWordAt(text, *pos, "pm")) {
        parts->pm = Lower(text[*pos]) == 'p';
        *pos += 2;
        return true;
      }
      return false;
    case 'b':
    case 'B':
    case 'h':
      return SetMonthName(parts, ReadName(text, pos, kMonths));
    case 'a':
    case 'A':
      return ReadName(text, pos, kWeekdays).has_value();
    case 'z':
      return (parts->offset_seconds = ReadOffset(text, pos)).has_value();
    case 's':
      return (parts->epoch_micros = ReadEpoch(text, pos)).has_value();
    default:  // '%'
      return *pos < text.size() && text[(*pos)++] == '%';
  }
}

std::string_view Expansion(char directive) {
  switch (directive) {
    case 'F':
      return "Y-m-d";
    case 'T':
      return "H:M:S";
    case 'R':
      return "H:M";
    case 'D':
      return "m/d/y";
    default:
      return {};
  }
}

bool Uses(std::string_view format, std::string_view directives) {
  for (size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (directives.find(format[i + 1]) != std::string_view::npos) return true;
    ++i;
  }
  return false;
}

}  // namespace

Result<TimeFormat> TimeFormat::Make(std::string_view format, std::string_view time_zone) {
  auto bad = [&](std::string_view why) { return InvalidArgument(fmt::format("time_format '{}': {}", format, why)); };
  std::vector<Token> tokens;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c != '%') {
      tokens.push_back(IsSpace(c) ? Token{' ', 0} : Token{0, c});
      continue;
    }
    if (++i == format.size()) return bad("ends with a lone '%'");
    if (std::string_view expansion = Expansion(format[i]); !expansion.empty()) {
      for (char e : expansion) tokens.push_back(e == '-' || e == ':' || e == '/' ? Token{0, e} : Token{e, 0});
    } else if (kDirectives.find(format[i]) != std::string_view::npos) {
      tokens.push_back({format[i], 0});
    } else {
      return bad(
          fmt::format("unknown directive '%{}'; expected one of %Y %y %m %d %e %H %I %p %M %S %b %B %a %z %s "
                      "%F %T %R %D %%",
                      format[i]));
    }
  }
  bool has_date = Uses(format, "YyFD") && Uses(format, "mbBhFD") && Uses(format, "deFD");
  if (!has_date && !Uses(format, "s")) return bad("does not name a date; expected %Y, %m and %d (or %F, or %s)");
  if (Uses(format, "I") != Uses(format, "p")) return bad("%I (12-hour clock) and %p (AM/PM) go together");
  const date::time_zone* zone = nullptr;
  if (time_zone != "UTC" && time_zone != "Etc/UTC") {
    try {
      zone = date::locate_zone(time_zone);
    } catch (const std::exception&) {
      return InvalidArgument(
          fmt::format("unknown time_zone '{}'; expected an IANA name like UTC or America/New_York", time_zone));
    }
  }
  return TimeFormat(std::string(format), std::move(tokens), zone);
}

Result<Timestamp> TimeFormat::Parse(std::string_view text) const {
  auto bad = [&](std::string_view why) {
    return InvalidArgument(fmt::format("'{}' does not match time_format '{}' ({})", text, format_, why));
  };
  Parts parts;
  size_t pos = 0;
  for (const Token& token : tokens_) {
    if (token.directive == ' ') {
      while (pos < text.size() && IsSpace(text[pos])) ++pos;
    } else if (token.directive == 0) {
      if (pos >= text.size() || text[pos] != token.literal)
        return bad(fmt::format("expected '{}' at byte {}", token.literal, pos + 1));
      ++pos;
    } else if (size_t start = pos; !ReadDirective(token.directive, text, &pos, &parts)) {
      return bad(fmt::format("expected %{} at byte {}", token.directive, start + 1));
    }
  }
  if (pos != text.size()) return bad(fmt::format("unexpected text at byte {}", pos + 1));
  if (parts.epoch_micros) return Timestamp{*parts.epoch_micros};
  if (parts.pm >= 0) {
    if (parts.hour < 1 || parts.hour > 12) return bad("hour must be 1 to 12 with AM/PM");
    parts.hour = parts.hour % 12 + (parts.pm ? 12 : 0);
  }
  date::year_month_day ymd{date::year(parts.year), date::month(parts.month), date::day(parts.day)};
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || !ymd.ok()) return bad("no such date");
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 60) return bad("time out of range");
  if (parts.second == 60) {
    // A leap second stays in its minute (and day), as in ParseRfc3339.
    parts.second = 59;
    parts.micros = 999'999;
  }
  auto local = date::local_days(ymd) + std::chrono::hours(parts.hour) + std::chrono::minutes(parts.minute) +
               std::chrono::seconds(parts.second);
  date::sys_seconds utc;
  if (parts.offset_seconds) {
    utc = date::sys_seconds(local.time_since_epoch() - std::chrono::seconds(*parts.offset_seconds));
  } else if (zone_ == nullptr) {
    utc = date::sys_seconds(local.time_since_epoch());
  } else {
    utc = zone_->to_sys(local, date::choose::earliest);
  }
  return Timestamp{utc.time_since_epoch().count() * 1'000'000 + parts.micros};
}

}  // namespace learnloop::ingest
