// Feed dates as feeds write them. RFC 3339 is tried first; everything else
// is read as tokens in any order (a weekday, a day, a month name, a year,
// a clock time, a zone), so "Tue, 10 Jun 2003 04:00:00 GMT", "10 Jun 03
// 4:00 EST", "June 10, 2003 4:00 PM" and "2003-06-10T04:00Z" all read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/feed.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

constexpr int kHour = 3600;

struct Zone {
  std::string_view name;
  int hours;
};
// The zones RFC 822 names, and those feeds use most besides.
constexpr std::array<Zone, 22> kZones = {
    {{"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"est", -5},  {"edt", -4},  {"cst", -6},  {"cdt", -5},
     {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}, {"akst", -9}, {"akdt", -8}, {"hst", -10}, {"wet", 0},
     {"bst", 1},  {"cet", 1},  {"cest", 2}, {"eet", 2},  {"eest", 3},  {"jst", 9}}};

struct Parts {
  std::optional<int> year, month, day;
  int seconds = 0;
  bool have_time = false;
  std::optional<int> pm;  // 1 for PM, 0 for AM
  int offset = 0;
};

std::optional<int> MonthOf(std::string_view word) {
  if (word.size() < 3) return std::nullopt;
  const std::string lower = LowerAscii(word);
  static constexpr std::array<std::string_view, 12> kFull = {"january",   "february", "march",    "april",
                                                             "may",       "june",     "july",     "august",
                                                             "september", "october",  "november", "december"};
  for (size_t i = 0; i < kFull.size(); ++i)
    if (kFull[i].starts_with(lower) || (lower.size() == 4 && lower == "sept" && i == 8)) return static_cast<int>(i) + 1;
  return std::nullopt;
}

bool IsWeekday(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kFull = {"monday", "tuesday",  "wednesday", "thursday",
                                                            "friday", "saturday", "sunday"};
  const std::string lower = LowerAscii(word);
  if (lower.size() < 2) return false;
  for (std::string_view day : kFull)
    if (day.starts_with(lower) || (lower.ends_with('.') && day.starts_with(lower.substr(0, lower.size() - 1))))
      return true;
  return false;
}

// "+0500", "-05:00", "+05", "Z", "GMT", "EST", "GMT+2": seconds east of UTC.
std::optional<int> ZoneOf(std::string_view text) {
  if (text.empty()) return 0;
  const char sign = text[0];
  if (sign == '+' || sign == '-') {
    std::string digits;
    for (char c : text.substr(1))
      if (c != ':') digits.push_back(c);
    std::optional<int> value = Digits(digits);
    if (!value) return std::nullopt;
    int hours = 0;
    int minutes = 0;
    if (digits.size() <= 2) {
      hours = *value;
    } else if (digits.size() == 4) {
      hours = *value / 100;
      minutes = *value % 100;
    } else {
      return std::nullopt;
    }
    if (hours > 14 || minutes > 59) return std::nullopt;
    const int seconds = hours * kHour + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }
  const std::string lower = LowerAscii(text);
  for (const Zone& zone : kZones) {
    if (lower == zone.name) return zone.hours * kHour;
    // "GMT+2", "UTC-05:00"
    if (lower.size() > zone.name.size() && lower.starts_with(zone.name) &&
        (lower[zone.name.size()] == '+' || lower[zone.name.size()] == '-') && zone.hours == 0)
      return ZoneOf(text.substr(zone.name.size()));
  }
  // RFC 822's military letters had their signs reversed in practice; they
  // carry no reliable offset.
  if (lower.size() == 1 && IsAsciiLetter(lower[0]) && lower != "j") return 0;
  return std::nullopt;
}

// "4:00", "04:00:00", "04:00:00.25Z", "4:00PM", "04:00+02:00".
bool ReadTime(std::string_view token, Parts& parts) {
  size_t i = 0;
  auto number = [&](size_t max_digits) -> std::optional<int> {
    size_t start = i;
    while (i < token.size() && IsAsciiDigit(token[i]) && i - start < max_digits) ++i;
    return Digits(token.substr(start, i - start));
  };
  std::optional<int> hour = number(2);
  if (!hour || i >= token.size() || token[i] != ':') return false;
  ++i;
  std::optional<int> minute = number(2);
  if (!minute) return false;
  int second = 0;
  if (i < token.size() && token[i] == ':') {
    ++i;
    std::optional<int> s = number(2);
    if (!s) return false;
    second = *s;
  }
  if (i < token.size() && (token[i] == '.' || token[i] == ',')) {
    ++i;
    while (i < token.size() && IsAsciiDigit(token[i])) ++i;
  }
  if (*hour > 24 || *minute > 59 || second > 60) return false;
  parts.seconds = *hour * kHour + *minute * 60 + (second == 60 ? 59 : second);
  parts.have_time = true;
  std::string_view rest = token.substr(i);
  const std::string lower = LowerAscii(rest);
  if (lower == "am" || lower == "pm") {
    parts.pm = lower == "pm";
    return true;
  }
  if (rest.empty()) return true;
  std::optional<int> zone = ZoneOf(rest);
  if (!zone) return false;
  parts.offset = *zone;
  return true;
}

// "2003-06-10", "2003/06/10", "2003-06", "2003-06-10T04:00Z".
bool ReadNumericDate(std::string_view token, Parts& parts) {
  const char separator = token.find('-') != std::string_view::npos ? '-' : '/';
  std::string_view time;
  if (size_t t = token.find_first_of("Tt"); t != std::string_view::npos) {
    time = token.substr(t + 1);
    token = token.substr(0, t);
  }
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    size_t end = token.find(separator, start);
    fields.push_back(token.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (fields.size() < 2 || fields.size() > 3 || fields[0].size() != 4) return false;
  parts.year = Digits(fields[0]);
  parts.month = Digits(fields[1]);
  parts.day = fields.size() == 3 ? Digits(fields[2]) : 1;
  if (!parts.year || !parts.month || !parts.day) return false;
  return time.empty() || ReadTime(time, parts);
}

bool ReadToken(std::string_view token, Parts& parts) {
  if (token.size() >= 7 && IsAsciiDigit(token[0]) && token.size() > 4 && (token[4] == '-' || token[4] == '/'))
    return ReadNumericDate(token, parts);
  if (token.find(':') != std::string_view::npos && IsAsciiDigit(token[0])) return ReadTime(token, parts);
  if (token[0] == '+' || (token[0] == '-' && token.size() > 1)) {
    std::optional<int> zone = ZoneOf(token);
    if (zone) parts.offset = *zone;
    return zone.has_value();
  }
  if (IsAsciiDigit(token[0])) {
    std::string_view digits = token;
    // "10th", "1st"
    while (!digits.empty() && IsAsciiLetter(digits.back())) digits.remove_suffix(1);
    if (digits.size() != token.size() && digits.size() > 2) return false;
    std::optional<int> value = Digits(digits);
    if (!value) return false;
    if (digits.size() >= 3) {
      if (parts.year) return false;
      parts.year = value;
    } else if (!parts.day) {
      parts.day = value;
    } else if (!parts.year) {
      // Two-digit years: RFC 822's own, and RFC 2822's rule for them.
      parts.year = *value < 50 ? 2000 + *value : 1900 + *value;
    } else {
      return false;
    }
    return true;
  }
  const std::string lower = LowerAscii(token);
  if (lower == "am" || lower == "pm") {
    parts.pm = lower == "pm";
    return true;
  }
  if (std::optional<int> month = MonthOf(token); month && !parts.month) {
    parts.month = month;
    return true;
  }
  if (IsWeekday(token)) return true;
  if (std::optional<int> zone = ZoneOf(token)) {
    parts.offset = *zone;
    return true;
  }
  return false;
}

}  // namespace

std::optional<Timestamp> ParseFeedDate(std::string_view text) {
  text = text.substr(0, 200);
  if (Result<Timestamp> strict = ParseRfc3339(text); strict.ok()) return *strict;
  Parts parts;
  size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    while (i < text.size() && (IsAsciiSpace(text[i]) || text[i] == ',')) ++i;
    size_t start = i;
    while (i < text.size() && !IsAsciiSpace(text[i]) && text[i] != ',') ++i;
    if (start == i) break;
    if (!ReadToken(text.substr(start, i - start), parts)) return std::nullopt;
    any = true;
  }
  if (!any || !parts.year || !parts.month || !parts.day) return std::nullopt;
  if (parts.pm) {
    int hour = parts.seconds / kHour;
    if (hour > 12 || hour == 0) return std::nullopt;
    if (hour == 12) parts.seconds -= 12 * kHour;
    if (*parts.pm) parts.seconds += 12 * kHour;
  }
  if (*parts.year < 1000 || *parts.year > 9999) return std::nullopt;
  std::optional<Day> day = CivilDay(*parts.year, *parts.month, *parts.day);
  if (!day) return std::nullopt;
  return InstantOf(*day, parts.seconds, parts.offset);
}

}  // namespace learnloop::ingest
