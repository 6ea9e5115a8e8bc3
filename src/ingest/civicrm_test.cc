#include "ingest/civicrm.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/platform_formats.h"
#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using testing::Context;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ReadFile;
using ::testing::StartsWith;
using Read = testing::PlatformRead;

std::string Fixture(std::string_view name) {
  return ReadFile(testing::PlatformDataPath(fmt::format("civicrm/{}", name)));
}

Event E(std::string_view ts, std::string_view person, std::string_view kind, std::string_view content,
        std::optional<double> value = std::nullopt, std::string_view tags = "") {
  return {*ParseRfc3339(ts),    "civicrm", std::string(person), std::string(kind),
          std::string(content), value,     std::string(tags)};
}

Read Contributions(std::string_view text, const PlatformContext& context = Context("c.csv")) {
  return testing::ReadRaw(kCiviContributionsFormat, text, context);
}
Read Activities(std::string_view text, const PlatformContext& context = Context("a.csv")) {
  return testing::ReadRaw(kCiviActivitiesFormat, text, context);
}

TEST(CiviContributionsTest, CompletedAreDonationsRefundsNegativeTheRestCounted) {
  Result<TimeZone> new_york = TimeZone::Load("America/New_York");
  ASSERT_TRUE(new_york.ok());
  Read r = Contributions(Fixture("contributions.csv"), Context("c.csv", "", *new_york));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  // Local times of the site: 12:00 EST is 17:00 UTC.
  EXPECT_THAT(r.sink.events,
              ElementsAre(E("2024-03-01T17:00:00Z", "cara@example.org", "donation", "501", 1250, "donation"),
                          E("2024-03-02T18:30:00Z", "civicrm:14", "donation", "502", 50, "member dues"),
                          E("2024-03-04T15:00:00Z", "fay@example.com", "refund", "504", -35, "donation")));
  EXPECT_EQ(r.report.records, 7);
  EXPECT_EQ(r.report.skipped,
            (std::map<std::string, int64_t>{
                {"a contribution with status 'Cancelled' (only Completed and Refunded are counted)", 1},
                {"a contribution with status 'Pending' (only Completed and Refunded are counted)", 1},
                {"a row whose amount is not an amount", 1},
                {"a row whose date is not a date", 1}}));
  ASSERT_EQ(r.report.warnings.size(), 2u);
  EXPECT_THAT(r.report.warnings[0], StartsWith("c.csv:7:60: field 'Total Amount': 'ten dollars' is not an amount"));
  EXPECT_THAT(r.report.warnings[1], StartsWith("c.csv:8:"));
  EXPECT_THAT(r.report.warnings[1], HasSubstr("field 'Date Received': 'yesterday' is not a date"));
}

TEST(CiviContributionsTest, NewerTitlesAndUtcByDefault) {
  Read r = Contributions(
      "Contribution ID,Contact ID,Total Amount,Contribution Date,Contribution Status\n"
      "7,3,12.5,2024-03-01 08:05,completed\n"
      "8,,1.00,2024-03-01,Completed\n");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-03-01T08:05:00Z", "civicrm:3", "donation", "7", 12.5)));
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{{"a row without an email or contact id", 1}}));
}

// Found by civicrm_fuzzer: "Me;;er Dues" gave the tags "me;;er dues".
TEST(CiviContributionsTest, AFinancialTypeIsATagEvenWithSemicolons) {
  Read r = Contributions(
      "Contribution ID,Contact ID,Total Amount,Contribution Date,Contribution Status,Financial Type\n"
      "7,3,12.5,2024-03-01 08:05,Completed,Me;;er Dues\n"
      "8,3,1.00,2024-03-02,Completed, ;\n");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-03-01T08:05:00Z", "civicrm:3", "donation", "7", 12.5, "me;er dues"),
                                         E("2024-03-02T00:00:00Z", "civicrm:3", "donation", "8", 1.0)));
}

TEST(CiviContributionsTest, AmountsAsCiviCrmWritesThem) {
  EXPECT_EQ(ParseCiviAmount("1250.00"), 1250);
  EXPECT_EQ(ParseCiviAmount("$ 1,250.00"), 1250);
  EXPECT_EQ(ParseCiviAmount("$1,250.5"), 1250.5);
  EXPECT_EQ(ParseCiviAmount("USD 12.05"), 12.05);
  EXPECT_EQ(ParseCiviAmount("\xE2\x82\xAC 7"), 7);
  EXPECT_EQ(ParseCiviAmount("0.99"), 0.99);
  for (std::string_view bad : {"", "$", "-5.00", "$ -5.00", "12,50", "1.250,00", "12.345", "1e3", "12.", "ten"})
    EXPECT_EQ(ParseCiviAmount(bad), std::nullopt) << bad;
}

TEST(CiviContributionsTest, DamagedFilesAreLocated) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "c.csv: file is empty; expected a CiviCRM contribution export"},
      {"Total Amount,Date Received,Contribution Status\n", "c.csv:1:1: the header has no Contact ID or Email column"},
      {"Email,Total Amount,Contribution Status\n", "c.csv:1:1: the header has no 'Date Received' column"},
      {"Email,Date Received,Contribution Status\n", "c.csv:1:1: the header has no 'Total Amount' column"},
      {"Email,Total Amount,Date Received\n", "c.csv:1:1: the header has no 'Contribution Status' column"},
      {"Email,Total Amount,Date Received,Contribution Date,Contribution Status\n",
       "c.csv:1:34: 'Contribution Date' holds what the earlier column 'Date Received' holds"},
      {"Email,Total Amount,Date Received,Contribution Status\na@b.c,1,2024-03-01,\"Completed\n", "c.csv:2:"},
      {std::string_view("Email,Total\0\x01", 13), "c.csv is not a text file"},
  };
  for (const auto& [input, expected] : cases) {
    Read r = Contributions(input);
    ASSERT_FALSE(r.status.ok()) << input;
    EXPECT_THAT(r.status.message(), StartsWith(expected)) << input;
  }
}

TEST(CiviActivitiesTest, TypesMapOntoTheLadder) {
  Read r = Activities(Fixture("activities.csv"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-03-10T18:00:00Z", "cara@example.org", "message", "9001"),
                                         E("2024-03-11T10:15:00Z", "civicrm:14", "message", "9002"),
                                         E("2024-03-11T12:00:00Z", "cara@example.org", "org_reply", "9003"),
                                         E("2024-03-16T09:00:00Z", "eli@example.com", "event_attend", "9004"),
                                         E("2024-03-12T08:00:00Z", "fay@example.com", "petition", "9005"),
                                         E("2024-03-16T09:00:00Z", "gus@example.com", "volunteer", "9006"),
                                         E("2024-03-13T14:00:00Z", "hal@example.com", "membership_signup", "9009")));
  EXPECT_EQ(r.report.records, 10);
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{
                                  {"an activity of type 'Bulk Email' (not one supporter's interaction)", 1},
                                  {"an activity of type 'Contribution' (not one supporter's interaction)", 1},
                                  {"an activity with status 'Scheduled' (only Completed ones happened)", 1}}));
}

TEST(CiviActivitiesTest, OtherTypesBecomeSnakeCaseKinds) {
  EXPECT_EQ(CiviActivityKind("Membership Renewal"), "membership_renewal");
  EXPECT_EQ(CiviActivityKind("  Follow up "), "follow_up");
  EXPECT_EQ(CiviActivityKind("Print PDF Letter"), "print_pdf_letter");
  EXPECT_EQ(CiviActivityKind("Survey - Door knock!"), "survey_door_knock");
  EXPECT_EQ(CiviActivityKind("phone call"), "message");
  EXPECT_EQ(CiviActivityKind("Mass SMS"), "");
  // A type that makes no kind name is skipped by the format itself, which
  // hands on only usable events (the fuzzers check the raw output).
  const std::string text =
      "Email,Activity Type,Activity Date\na@b.org,1:1 Chat,2024-03-01\na@b.org,9005,2024-03-01\n"
      "a@b.org," +
      std::string(70, 'x') + ",2024-03-01\n";
  Read raw = Activities(text);
  ASSERT_TRUE(raw.status.ok()) << raw.status.message();
  EXPECT_TRUE(raw.sink.events.empty());
  EXPECT_EQ(raw.report.skipped.at("an activity whose type makes no kind name"), 3);
  ASSERT_FALSE(raw.report.warnings.empty());
  EXPECT_THAT(raw.report.warnings[0],
              HasSubstr("a.csv:2:9: field 'Activity Type': '1:1 Chat' makes the kind '1_1_chat'"));
  auto read = testing::ReadPlatform(kCiviActivitiesFormat, text, "a.csv");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_TRUE(read->events.empty());
  EXPECT_EQ(read->report.skipped.at("an activity whose type makes no kind name"), 3);
}

TEST(CiviActivitiesTest, DamagedFilesAreLocated) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "a.csv: file is empty; expected a CiviCRM activity export"},
      {"Activity Type,Activity Date\n", "a.csv:1:1: the header has no Contact ID or Email column"},
      {"Email,Activity Date\n", "a.csv:1:1: the header has no 'Activity Type' column"},
  };
  for (const auto& [input, expected] : cases) {
    Read r = Activities(input);
    ASSERT_FALSE(r.status.ok()) << input;
    EXPECT_THAT(r.status.message(), StartsWith(expected)) << input;
  }
  Read odd = Activities("Email,Activity Type,Activity Date\na@b.org,Meeting\na@b.org,Meeting,13/45/2024\n");
  ASSERT_TRUE(odd.status.ok());
  EXPECT_TRUE(odd.sink.events.empty());
  ASSERT_EQ(odd.report.warnings.size(), 2u);
  EXPECT_THAT(odd.report.warnings[0], StartsWith("a.csv:2:1: field 'Email': 2 fields where the header has 3"));
  EXPECT_THAT(odd.report.warnings[1], StartsWith("a.csv:3:17: field 'Activity Date': '13/45/2024' is not a date"));
}

TEST(CiviTest, CutShortIsAnErrorOrFewerRowsNotACrash) {
  for (const auto& [format, file] : {std::pair{&kCiviContributionsFormat, "contributions.csv"},
                                     std::pair{&kCiviActivitiesFormat, "activities.csv"}}) {
    const std::string full = Fixture(file);
    for (size_t size = 0; size <= full.size(); ++size) {
      Read r = testing::ReadRaw(*format, std::string_view(full).substr(0, size), Context("f.csv"));
      if (!r.status.ok()) {
        ASSERT_THAT(r.status.message(), StartsWith("f.csv")) << size;
      }
      ASSERT_LE(r.report.records, 10) << size;
    }
  }
}

TEST(CiviSniffTest, EachFormatKnowsItsFilesAndNoOthers) {
  const std::string contributions = Fixture("contributions.csv");
  const std::string activities = Fixture("activities.csv");
  EXPECT_EQ(SniffPlatformFormat(contributions), &kCiviContributionsFormat);
  EXPECT_EQ(SniffPlatformFormat(activities), &kCiviActivitiesFormat);
  EXPECT_EQ(SniffPlatformFormat("\xEF\xBB\xBF" + contributions), &kCiviContributionsFormat);
  for (const auto& [head, own] :
       {std::pair{contributions, &kCiviContributionsFormat}, std::pair{activities, &kCiviActivitiesFormat}}) {
    for (const PlatformFormat* format : PlatformFormats())
      EXPECT_EQ(format->sniff(head), format == own) << format->name;
  }
  int others = 0;
  for (const auto& dir : std::filesystem::directory_iterator(testing::PlatformDataPath(""))) {
    if (dir.path().filename() == "civicrm") continue;
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
      const std::string head = ReadFile(file.path()).substr(0, kSniffBytes);
      EXPECT_FALSE(kCiviContributionsFormat.sniff(head)) << file.path();
      EXPECT_FALSE(kCiviActivitiesFormat.sniff(head)) << file.path();
      ++others;
    }
  }
  EXPECT_GT(others, 10);
  for (std::string_view head : {"", "ts,channel,person,kind\n", "Total Amount,Contribution Status\n1,Completed\n",
                                "Activity Type,Subject\nMeeting,x\n", "Post id,Date,Impressions\n"}) {
    EXPECT_FALSE(kCiviContributionsFormat.sniff(head)) << head;
    EXPECT_FALSE(kCiviActivitiesFormat.sniff(head)) << head;
  }
}

TEST(CiviSniffTest, FormatsNameThemselves) {
  EXPECT_EQ(kCiviContributionsFormat.name, "civicrm-contributions");
  EXPECT_EQ(kCiviActivitiesFormat.name, "civicrm-activities");
  EXPECT_EQ(kCiviContributionsFormat.default_channel, "civicrm");
  EXPECT_EQ(kCiviActivitiesFormat.default_channel, "civicrm");
  EXPECT_EQ(FindPlatformFormat("CiviCRM-Activities"), &kCiviActivitiesFormat);
  EXPECT_THAT(PlatformFormatNames(), HasSubstr("osdi, civicrm-contributions, civicrm-activities"));
}

}  // namespace
}  // namespace learnloop::ingest
