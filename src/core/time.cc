#include "learnloop/time.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdint>

namespace learnloop {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
constexpr int64_t kMinSeconds = -62'167'219'200;
constexpr int64_t kMaxSeconds = 253'402'300'799;
constexpr std::string_view kRfc3339Example = "RFC 3339 like 2024-05-01T09:30:00Z";

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Reads exactly `n` digits at `pos`; -1 when any is not a digit.
int ReadDigits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool Expect(std::string_view s, size_t pos, char c) { return pos < s.size() && s[pos] == c; }

unsigned DaysInMonth(int year, unsigned month) {
  return static_cast<unsigned>(
      (date::year_month_day_last(date::year(year), date::month_day_last(date::month(month)))).day());
}

Status BadTime(std::string_view text, std::string_view why) {
  return InvalidArgument(fmt::format("bad timestamp '{}' ({}); expected {}", text, why, kRfc3339Example));
}

int64_t SecondsToMicrosSaturated(int64_t seconds) {
  constexpr int64_t kLimit = INT64_MAX / kMicrosPerSecond;
  if (seconds > kLimit) return INT64_MAX;
  if (seconds < -kLimit) return INT64_MIN;
  return seconds * kMicrosPerSecond;
}

const date::time_zone* Zone(const void* p) { return static_cast<const date::time_zone*>(p); }

}  // namespace

Day FromCivil(CivilDate d) {
  return date::sys_days(date::year(d.year) / date::month(d.month) / date::day(d.day)).time_since_epoch().count();
}

CivilDate ToCivil(Day day) {
  date::year_month_day ymd{date::sys_days(date::days(day))};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

Result<Timestamp> ParseRfc3339(std::string_view text) {
  int year = ReadDigits(text, 0, 4);
  int month = ReadDigits(text, 5, 2);
  int mday = ReadDigits(text, 8, 2);
  if (year < 0 || month < 0 || mday < 0 || !Expect(text, 4, '-') || !Expect(text, 7, '-'))
    return BadTime(text, "date must be YYYY-MM-DD");
  if (month < 1 || month > 12 || mday < 1 || static_cast<unsigned>(mday) > DaysInMonth(year, month))
    return BadTime(text, "no such date");
  if (text.size() < 11 || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
    return BadTime(text, "missing time of day");
  int hour = ReadDigits(text, 11, 2);
  int minute = ReadDigits(text, 14, 2);
  int second = ReadDigits(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0 || !Expect(text, 13, ':') || !Expect(text, 16, ':'))
    return BadTime(text, "time must be HH:MM:SS");
  if (hour > 23 || minute > 59 || second > 60) return BadTime(text, "time out of range");
  size_t pos = 19;
  int64_t fraction = 0;
  if (Expect(text, pos, '.')) {
    ++pos;
    size_t digits = 0;
    int64_t scale = 100'000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) fraction += (text[pos] - '0') * scale;
      scale /= 10;
      ++digits;
      ++pos;
    }
    if (digits == 0) return BadTime(text, "empty fraction of a second");
  }
  if (second == 60) {
    // A leap second has no instant of its own in Unix time; folding it into
    // the next second would move 23:59:60 to the next day, so it is held at
    // the last microsecond of its minute instead.
    second = 59;
    fraction = kMicrosPerSecond - 1;
  }
  int64_t offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = ReadDigits(text, pos + 1, 2);
    int om = ReadDigits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || !Expect(text, pos + 3, ':') || oh > 23 || om > 59)
      return BadTime(text, "offset must be +HH:MM or -HH:MM");
    offset_seconds = (int64_t{oh} * 3600 + int64_t{om} * 60) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return BadTime(text, "missing time zone offset (Z or +HH:MM)");
  }
  if (pos != text.size()) return BadTime(text, "unexpected text after the offset");
  int64_t days = FromCivil({year, static_cast<unsigned>(month), static_cast<unsigned>(mday)});
  int64_t seconds = days * 86'400 + int64_t{hour} * 3600 + int64_t{minute} * 60 + second - offset_seconds;
  // Only instants whose UTC form has a four-digit year can be written back.
  if (seconds < kMinSeconds || seconds > kMaxSeconds) return BadTime(text, "outside the years 0000 to 9999 in UTC");
  return Timestamp{seconds * kMicrosPerSecond + fraction};
}

std::string FormatRfc3339(Timestamp ts) {
  int64_t day = FloorDiv(ts.micros, kMicrosPerDay);
  int64_t in_day = ts.micros - day * kMicrosPerDay;
  CivilDate c = ToCivil(static_cast<Day>(day));
  int64_t secs = in_day / kMicrosPerSecond;
  int64_t frac = in_day % kMicrosPerSecond;
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", c.year, c.month, c.day, secs / 3600,
                                (secs / 60) % 60, secs % 60);
  if (frac != 0) {
    if (frac % 1000 == 0) {
      out += fmt::format(".{:03d}", frac / 1000);
    } else {
      out += fmt::format(".{:06d}", frac);
    }
  }
  out += 'Z';
  return out;
}

Result<Day> ParseDate(std::string_view text) {
  int year = ReadDigits(text, 0, 4);
  int month = ReadDigits(text, 5, 2);
  int mday = ReadDigits(text, 8, 2);
  if (text.size() != 10 || year < 0 || month < 0 || mday < 0 || text[4] != '-' || text[7] != '-')
    return InvalidArgument(fmt::format("bad date '{}'; expected YYYY-MM-DD like 2024-05-01", text));
  if (month < 1 || month > 12 || mday < 1 || static_cast<unsigned>(mday) > DaysInMonth(year, month))
    return InvalidArgument(fmt::format("bad date '{}': no such day", text));
  return FromCivil({year, static_cast<unsigned>(month), static_cast<unsigned>(mday)});
}

std::string FormatDate(Day day) {
  CivilDate c = ToCivil(day);
  return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

int32_t IsoWeekIndex(Day day) {
  // Day 0 (1970-01-01) is a Thursday; day -3 is the Monday of its week.
  return static_cast<int32_t>(FloorDiv(int64_t{day} + 3, 7));
}

int IsoWeekday(Day day) { return static_cast<int>(FloorDiv(int64_t{day} + 3, 7) * -7 + day + 3) + 1; }

std::string FormatIsoWeek(Day day) {
  // The ISO year is the year of the week's Thursday.
  Day thursday = day - (IsoWeekday(day) - 4);
  CivilDate c = ToCivil(thursday);
  Day jan1 = FromCivil({c.year, 1, 1});
  return fmt::format("{:04d}-W{:02d}", c.year, (thursday - jan1) / 7 + 1);
}

std::string FormatMonth(Day day) {
  CivilDate c = ToCivil(day);
  return fmt::format("{:04d}-{:02d}", c.year, c.month);
}

Result<TimeZone> TimeZone::Load(std::string_view name) {
  if (name == "UTC" || name == "Etc/UTC") return Utc();
  try {
    const date::time_zone* zone = date::locate_zone(name);
    return TimeZone(std::string(name), zone);
  } catch (const std::exception&) {
    return NotFound(fmt::format("unknown time zone '{}'; expected an IANA name like UTC or Europe/Berlin", name));
  }
}

TimeZone TimeZone::Utc() { return TimeZone("UTC", nullptr); }

Day TimeZone::LocalDay(Timestamp ts) const {
  if (is_utc()) return static_cast<Day>(FloorDiv(ts.micros, kMicrosPerDay));
  auto sys = date::sys_time<std::chrono::microseconds>(std::chrono::microseconds(ts.micros));
  auto local = Zone(zone_)->to_local(sys);
  return static_cast<Day>(date::floor<date::days>(local).time_since_epoch().count());
}

Timestamp TimeZone::StartOfDay(Day day) const {
  if (is_utc()) return Timestamp{int64_t{day} * kMicrosPerDay};
  auto local = date::local_days(date::days(day));
  // A day that starts in a DST gap begins at the first instant after the gap.
  auto sys = Zone(zone_)->to_sys(local, date::choose::earliest);
  return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(sys.time_since_epoch()).count()};
}

TimeZone::OffsetPeriod TimeZone::OffsetAt(Timestamp ts) const {
  if (is_utc()) return {INT64_MIN, INT64_MAX, 0};
  auto sys = date::sys_seconds(std::chrono::seconds(FloorDiv(ts.micros, kMicrosPerSecond)));
  date::sys_info info = Zone(zone_)->get_info(sys);
  return {SecondsToMicrosSaturated(info.begin.time_since_epoch().count()),
          SecondsToMicrosSaturated(info.end.time_since_epoch().count()), info.offset.count() * kMicrosPerSecond};
}

Day LocalDayCache::LocalDay(Timestamp ts) {
  if (ts.micros < begin_micros_ || ts.micros >= end_micros_) {
    TimeZone::OffsetPeriod period = zone_.OffsetAt(ts);
    begin_micros_ = period.begin_micros;
    end_micros_ = period.end_micros;
    offset_micros_ = period.offset_micros;
  }
  return static_cast<Day>(FloorDiv(ts.micros + offset_micros_, kMicrosPerDay));
}

}  // namespace learnloop
