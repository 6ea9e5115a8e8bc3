#include "learnloop/time.h"

#include <gtest/gtest.h>

namespace learnloop {
namespace {

TEST(TimeTest, ParsesUtcAndOffsets) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z")->micros, 0);
  EXPECT_EQ(ParseRfc3339("1970-01-01T01:00:00+01:00")->micros, 0);
  EXPECT_EQ(ParseRfc3339("1969-12-31T19:00:00-05:00")->micros, 0);
  EXPECT_EQ(ParseRfc3339("2024-02-29T12:00:00.5Z")->micros, ParseRfc3339("2024-02-29T12:00:00Z")->micros + 500000);
  EXPECT_EQ(ParseRfc3339("2024-02-29 12:00:00z")->micros, ParseRfc3339("2024-02-29T12:00:00Z")->micros);
  EXPECT_EQ(ParseRfc3339("2024-01-01T00:00:00.1234567Z")->micros % 1000000, 123456);
}

TEST(TimeTest, LeapSecondStaysOnItsDay) {
  // 23:59:60 once folded into 00:00:00 of the next day.
  EXPECT_EQ(ParseRfc3339("2016-12-31T23:59:60Z")->micros, ParseRfc3339("2016-12-31T23:59:59.999999Z")->micros);
  EXPECT_EQ(ParseRfc3339("2016-12-31T23:59:60.5Z")->micros, ParseRfc3339("2016-12-31T23:59:59.999999Z")->micros);
  EXPECT_EQ(ParseRfc3339("2017-01-01T00:59:60+01:00")->micros, ParseRfc3339("2016-12-31T23:59:59.999999Z")->micros);
  EXPECT_FALSE(ParseRfc3339("2016-12-31T23:59:61Z").ok());
}

TEST(TimeTest, RejectsMalformedTimestampsWithReason) {
  for (const char* bad :
       {"", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-01", "2024-01-01T25:00:00Z", "2024-01-01T00:00:00",
        "2024-01-01T00:00:00+0100", "2024-01-01T00:00:00Zjunk", "2024-01-01T00:00:00.Z", "yesterday",
        "0000-01-01T00:00:00+01:00", "9999-12-31T23:00:00-01:00"}) {
    auto r = ParseRfc3339(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("expected RFC 3339"), std::string::npos) << r.status().message();
  }
}

TEST(TimeTest, FormatRoundTrips) {
  for (const char* text :
       {"2024-05-01T09:30:00Z", "2024-05-01T09:30:00.250Z", "2024-05-01T09:30:00.000001Z", "1969-07-20T20:17:40Z"}) {
    EXPECT_EQ(FormatRfc3339(*ParseRfc3339(text)), text);
  }
  EXPECT_EQ(FormatRfc3339(*ParseRfc3339("2024-05-01T11:30:00+02:00")), "2024-05-01T09:30:00Z");
  for (const char* edge : {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"})
    EXPECT_EQ(FormatRfc3339(*ParseRfc3339(edge)), edge);
}

TEST(TimeTest, DatesAndWeeks) {
  EXPECT_EQ(*ParseDate("1970-01-01"), 0);
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2024-02-30").ok());
  EXPECT_FALSE(ParseDate("24-02-01").ok());
  // 2024-01-01 is a Monday; 2023-12-31 a Sunday in the previous ISO week.
  Day mon = *ParseDate("2024-01-01");
  EXPECT_EQ(IsoWeekday(mon), 1);
  EXPECT_EQ(IsoWeekday(mon - 1), 7);
  EXPECT_EQ(IsoWeekIndex(mon), IsoWeekIndex(mon + 6));
  EXPECT_NE(IsoWeekIndex(mon), IsoWeekIndex(mon - 1));
  EXPECT_EQ(FormatIsoWeek(mon), "2024-W01");
  EXPECT_EQ(FormatIsoWeek(*ParseDate("2021-01-03")), "2020-W53");
  EXPECT_EQ(IsoWeekday(*ParseDate("1969-12-29")), 1);
  EXPECT_EQ(FormatMonth(mon), "2024-01");
}

TEST(TimeZoneTest, LocalDayFollowsZone) {
  auto berlin = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok()) << berlin.status().message();
  Timestamp late = *ParseRfc3339("2024-06-30T22:30:00Z");  // 00:30 on July 1 in Berlin (UTC+2)
  EXPECT_EQ(FormatDate(berlin->LocalDay(late)), "2024-07-01");
  EXPECT_EQ(FormatDate(TimeZone::Utc().LocalDay(late)), "2024-06-30");
  EXPECT_EQ(FormatRfc3339(berlin->StartOfDay(*ParseDate("2024-07-01"))), "2024-06-30T22:00:00Z");
  EXPECT_EQ(FormatRfc3339(berlin->StartOfDay(*ParseDate("2024-01-01"))), "2023-12-31T23:00:00Z");
  LocalDayCache cache(*berlin);
  for (const char* t : {"2024-03-31T00:59:59Z", "2024-03-31T01:00:00Z", "2024-03-30T23:30:00Z", "2024-10-26T22:30:00Z"})
    EXPECT_EQ(cache.LocalDay(*ParseRfc3339(t)), berlin->LocalDay(*ParseRfc3339(t))) << t;
}

TEST(TimeZoneTest, UnknownZoneIsNotFound) {
  auto r = TimeZone::Load("Mars/Olympus");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace learnloop
