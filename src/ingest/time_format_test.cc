#include "ingest/time_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace learnloop::ingest {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

Timestamp Utc(std::string_view rfc3339) { return *ParseRfc3339(rfc3339); }

Result<Timestamp> Parse(std::string_view format, std::string_view text, std::string_view zone = "UTC") {
  LL_ASSIGN_OR_RETURN(TimeFormat parsed, TimeFormat::Make(format, zone));
  return parsed.Parse(text);
}

TEST(TimeFormatTest, ParsesCommonSpreadsheetFormats) {
  EXPECT_EQ(*Parse("%Y-%m-%d %H:%M", "2024-05-01 09:30"), Utc("2024-05-01T09:30:00Z"));
  EXPECT_EQ(*Parse("%m/%d/%Y %I:%M %p", "5/1/2024 9:30 PM"), Utc("2024-05-01T21:30:00Z"));
  EXPECT_EQ(*Parse("%m/%d/%Y %I:%M %p", "5/1/2024 12:05 am"), Utc("2024-05-01T00:05:00Z"));
  EXPECT_EQ(*Parse("%d %b %Y", "01 May 2024"), Utc("2024-05-01T00:00:00Z"));
  EXPECT_EQ(*Parse("%A, %B %e, %Y", "Wednesday, September  4, 2024"), Utc("2024-09-04T00:00:00Z"));
  EXPECT_EQ(*Parse("%F %T", "2024-05-01 09:30:15.25"), Utc("2024-05-01T09:30:15.25Z"));
  EXPECT_EQ(*Parse("%D %R", "05/01/24 09:30"), Utc("2024-05-01T09:30:00Z"));
  EXPECT_EQ(*Parse("%Y-%m-%dT%H:%M:%S%z", "2024-05-01T09:30:00-0400"), Utc("2024-05-01T13:30:00Z"));
  EXPECT_EQ(*Parse("%Y-%m-%dT%H:%M:%S%z", "2024-05-01T09:30:00+05:30"), Utc("2024-05-01T04:00:00Z"));
  EXPECT_EQ(*Parse("%s", "1714555800"), Utc("2024-05-01T09:30:00Z"));
  EXPECT_EQ(*Parse("%s", "-1.5"), Timestamp{-1'500'000});
  EXPECT_EQ(*Parse("%Y%%%m%%%d", "2024%05%01"), Utc("2024-05-01T00:00:00Z"));
  EXPECT_EQ(*Parse("%y-%m-%d", "69-01-01"), Utc("1969-01-01T00:00:00Z"));
}

TEST(TimeFormatTest, LeapSecondStaysOnItsDay) {
  EXPECT_EQ(*Parse("%Y-%m-%d %H:%M:%S", "2016-12-31 23:59:60"), Utc("2016-12-31T23:59:59.999999Z"));
  EXPECT_EQ(*Parse("%Y-%m-%d %H:%M:%S", "2016-12-31 23:59:60", "Europe/Berlin"), Utc("2016-12-31T22:59:59.999999Z"));
}

TEST(TimeFormatTest, LocalTimesUseTheZone) {
  // New York is UTC-4 in May and UTC-5 in January.
  EXPECT_EQ(*Parse("%Y-%m-%d %H:%M", "2024-05-01 09:30", "America/New_York"), Utc("2024-05-01T13:30:00Z"));
  EXPECT_EQ(*Parse("%Y-%m-%d %H:%M", "2024-01-15 09:30", "America/New_York"), Utc("2024-01-15T14:30:00Z"));
  // 01:30 happens twice on 2024-11-03: the earlier instant (still EDT) wins.
  EXPECT_EQ(*Parse("%Y-%m-%d %H:%M", "2024-11-03 01:30", "America/New_York"), Utc("2024-11-03T05:30:00Z"));
  // 02:30 never happens on 2024-03-10: the gap ends at 07:00 UTC.
  EXPECT_EQ(*Parse("%Y-%m-%d %H:%M", "2024-03-10 02:30", "America/New_York"), Utc("2024-03-10T07:00:00Z"));
  // An explicit offset beats the zone.
  EXPECT_EQ(*Parse("%Y-%m-%d %H:%M%z", "2024-05-01 09:30Z", "America/New_York"), Utc("2024-05-01T09:30:00Z"));
}

TEST(TimeFormatTest, TextThatDoesNotMatchIsAnError) {
  auto wrong = Parse("%Y-%m-%d %H:%M", "05/01/2024 09:30");
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.status().message(),
              AllOf(HasSubstr("'05/01/2024 09:30' does not match time_format '%Y-%m-%d %H:%M'"), HasSubstr("byte 1")));
  EXPECT_THAT(Parse("%Y-%m-%d", "2024-05-01 extra").status().message(), HasSubstr("unexpected text at byte 11"));
  EXPECT_THAT(Parse("%Y-%m-%d", "2024-02-30").status().message(), HasSubstr("no such date"));
  EXPECT_THAT(Parse("%Y-%m-%d", "2024-13-01").status().message(), HasSubstr("no such date"));
  EXPECT_THAT(Parse("%Y-%m-%d %H:%M", "2024-05-01 24:00").status().message(), HasSubstr("time out of range"));
  EXPECT_THAT(Parse("%m/%d/%Y %I %p", "5/1/2024 13 PM").status().message(), HasSubstr("1 to 12"));
  EXPECT_THAT(Parse("%d %b %Y", "01 Mai 2024").status().message(), HasSubstr("expected %b"));
  EXPECT_THAT(Parse("%Y-%m-%d%z", "2024-05-01+25:00").status().message(), HasSubstr("expected %z"));
  EXPECT_FALSE(Parse("%s", "").ok());
}

TEST(TimeFormatTest, BadFormatsAndZonesAreRejectedUpFront) {
  EXPECT_THAT(TimeFormat::Make("%Y-%m-%Q", "UTC").status().message(), HasSubstr("unknown directive '%Q'"));
  EXPECT_THAT(TimeFormat::Make("%H:%M", "UTC").status().message(), HasSubstr("does not name a date"));
  EXPECT_THAT(TimeFormat::Make("%Y-%m-%d %I:%M", "UTC").status().message(), HasSubstr("%I (12-hour clock)"));
  EXPECT_THAT(TimeFormat::Make("%Y-%m-%d %", "UTC").status().message(), HasSubstr("lone '%'"));
  EXPECT_THAT(TimeFormat::Make("%F", "Mars/Olympus").status().message(), HasSubstr("unknown time_zone 'Mars/Olympus'"));
}

}  // namespace
}  // namespace learnloop::ingest
