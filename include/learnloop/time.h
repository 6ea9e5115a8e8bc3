// Instants, calendar days and workspace time zones. Instants are UTC
// microseconds; days are local calendar days of a workspace's time zone,
// counted from 1970-01-01. "As of day T" means the end of day T locally.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop {

// Microseconds since 1970-01-01T00:00:00Z.
struct Timestamp {
  int64_t micros = 0;
  // clang-tidy 14 takes the defaulted <=>'s comparison with 0 for a null pointer.
  auto operator<=>(const Timestamp&) const = default;  // NOLINT(modernize-use-nullptr)
};

// A calendar day: days since 1970-01-01 (which is day 0).
using Day = int32_t;

// Parses RFC 3339 ("2024-05-01T09:30:00Z", "2024-05-01 09:30:00.25+02:00").
// Digits past microseconds are dropped. Lower-case 't'/'z' and a space for
// 'T' are accepted, as RFC 3339 allows.
Result<Timestamp> ParseRfc3339(std::string_view text);

// UTC with 'Z'; a fraction only when non-zero (3 digits, or 6 when needed).
std::string FormatRfc3339(Timestamp ts);

// "YYYY-MM-DD".
Result<Day> ParseDate(std::string_view text);
std::string FormatDate(Day day);

// Calendar parts of a day.
struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};
CivilDate ToCivil(Day day);
Day FromCivil(CivilDate date);

// Identifies the ISO week (Monday to Sunday) holding `day`: equal for two
// days exactly when they fall in the same ISO week.
int32_t IsoWeekIndex(Day day);
// ISO 8601 day of week: 1 = Monday ... 7 = Sunday.
int IsoWeekday(Day day);
// "2024-W07".
std::string FormatIsoWeek(Day day);
// "2024-05".
std::string FormatMonth(Day day);

// A time zone from the IANA database ("UTC", "Europe/Berlin").
class TimeZone {
 public:
  // NotFound when the name is not in the system's zone database.
  static Result<TimeZone> Load(std::string_view name);
  static TimeZone Utc();

  const std::string& name() const { return name_; }
  bool is_utc() const { return zone_ == nullptr; }

  // The local calendar day holding `ts`.
  Day LocalDay(Timestamp ts) const;
  // The first instant of local day `day` (the end of day-1).
  Timestamp StartOfDay(Day day) const;

  // The UTC offset in force at `ts` and the span [begin, end) it holds for.
  struct OffsetPeriod {
    int64_t begin_micros;
    int64_t end_micros;
    int64_t offset_micros;
  };
  OffsetPeriod OffsetAt(Timestamp ts) const;

 private:
  TimeZone(std::string name, const void* zone) : name_(std::move(name)), zone_(zone) {}
  std::string name_;
  const void* zone_;  // date::time_zone, owned by the process-wide database
};

// Maps many instants to local days fast by caching the current UTC offset
// period; for bulk conversion of time-sorted runs.
class LocalDayCache {
 public:
  explicit LocalDayCache(const TimeZone& zone) : zone_(zone) {}
  Day LocalDay(Timestamp ts);

 private:
  const TimeZone& zone_;
  int64_t begin_micros_ = 1;  // valid offset period [begin, end); empty at first
  int64_t end_micros_ = 0;
  int64_t offset_micros_ = 0;
};

}  // namespace learnloop
