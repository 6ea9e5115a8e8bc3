#include "ingest/actblue.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ingest/mobilize.h"
#include "ingest/test_util.h"
#include "ingest/x_archive.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::StartsWith;

constexpr std::string_view kHeader =
    "Receipt ID,Date,Amount,Recurring Total Months,Recurrence Number,Reference Code,Donor First Name,"
    "Donor Last Name,Donor Addr1,Donor City,Donor State,Donor ZIP,Donor Country,Donor Occupation,Donor Employer,"
    "Donor Email,Donor Phone,Reserved,Lineitem ID,Reserved,Refund ID,Refund Date,Mobile\n";

std::string Fixture() { return ReadFile(testing::PlatformDataPath("actblue/contributions.csv")); }

Timestamp Ts(std::string_view text) { return *ParseRfc3339(text); }

Event E(std::string_view ts, std::string_view person, std::string_view kind, std::string_view content, double value,
        std::string_view tags = "") {
  return {Ts(ts), "actblue", std::string(person), std::string(kind), std::string(content), value, std::string(tags)};
}

// Reads `text` as an import does (through ReadPlatformFile's checks).
testing::Records Read(std::string_view text, const PlatformContext& context = testing::Context("c.csv")) {
  testing::Records records;
  Status status = ReadPlatformFile(kActBlueFormat, text, context, records, records.report, records.custom_kinds);
  EXPECT_TRUE(status.ok()) << status.message();
  return records;
}

std::string ErrorOf(std::string_view text) {
  testing::Records sink;
  ReadReport report;
  Status status = kActBlueFormat.read(*ChunkedInput::FromView(text, "c.csv"), testing::Context("c.csv"), sink, report);
  return status.ok() ? "" : status.message();
}

using Cells = std::map<std::string_view, std::string_view>;

// A row of kHeader's columns: `cells` by header, the rest empty. A gift of
// 5 by a@x.org on 2024-05-01 10:00:00 unless `cells` says otherwise.
std::string Row(Cells cells) {
  cells.insert({{"Date", "2024-05-01 10:00:00"}, {"Amount", "5"}, {"Donor Email", "a@x.org"}, {"Mobile", "f"}});
  std::string row;
  std::string_view header = kHeader.substr(0, kHeader.size() - 1);
  while (true) {
    const size_t comma = header.find(',');
    auto cell = cells.find(header.substr(0, comma));
    row += cell == cells.end() ? std::string_view() : cell->second;
    if (comma == std::string_view::npos) break;
    row += ',';
    header.remove_prefix(comma + 1);
  }
  return row + "\n";
}

TEST(ActBlueTest, ReadsTheContributionsExport) {
  testing::Records r = Read(Fixture());
  EXPECT_THAT(
      r.events,
      ElementsAre(
          E("2024-03-01T17:34:56Z", "ana.alvarez@example.org", "donation", "500000001", 25, "refcode:spring-email"),
          // After the switch to summer time: 09:00 EDT is 13:00 UTC.
          E("2024-03-15T13:00:00Z", "ben@example.net", "donation", "500000002", 10, "recurring"),
          // A second line item of the same receipt at the same second stays its own event.
          E("2024-03-01T17:34:56Z", "ana.alvarez@example.org", "donation", "500000003", 5, "refcode:spring-email"),
          E("2024-04-02T22:05:10Z", "cara@example.com", "donation", "500000004", 1250),
          E("2024-04-05T14:00:00Z", "cara@example.com", "refund", "500000004", -1250),
          E("2024-04-10T12:00:00Z", "dee@example.org", "donation", "500000005", 10),
          E("2024-04-11T16:00:00Z", "dee@example.org", "refund", "500000005", -10)));
  EXPECT_EQ(r.report.records, 9);
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a contribution whose amount is not an amount", 1),
                                            Pair("a contribution whose date is not a time", 1),
                                            Pair("a contribution without a donor email", 1)));
  EXPECT_EQ(r.custom_kinds, 2);  // the refunds
  EXPECT_THAT(r.observations, IsEmpty());
}

TEST(ActBlueTest, BadRowsAreSkippedAndLocated) {
  testing::Records r = Read(Fixture());
  ASSERT_EQ(r.report.warnings.size(), 3u);
  EXPECT_THAT(r.report.warnings[0], StartsWith("c.csv:8:"));
  EXPECT_THAT(r.report.warnings[0], HasSubstr("field 'Donor Email': no donor email; expected the donor's email"));
  EXPECT_THAT(r.report.warnings[1], StartsWith("c.csv:9:13: field 'Date': '2024-03-32 10:00:00' is not a time; "
                                               "expected a time like '2024-03-01 12:34:56' (US Eastern time)"));
  EXPECT_THAT(r.report.warnings[2], StartsWith("c.csv:10:33: field 'Amount': 'twenty' is not an amount"));
  EXPECT_THAT(r.report.warnings[2], HasSubstr("; the row is skipped"));
}

TEST(ActBlueTest, DonorFieldsBecomeAttributesButNeverPhoneOrAddress) {
  testing::Records r = Read(Fixture());
  using A = PersonAttribute;
  const std::string ana = "ana.alvarez@example.org";
  ASSERT_GE(r.attributes.size(), 8u);
  EXPECT_EQ(std::vector<A>(r.attributes.begin(), r.attributes.begin() + 8),
            (std::vector<A>{{ana, "first_name", "Ana"},
                            {ana, "last_name", "Alvarez"},
                            {ana, "city", "Philadelphia"},
                            {ana, "state", "PA"},
                            {ana, "zip", "19104"},
                            {ana, "country", "United States"},
                            {ana, "occupation", "Teacher"},
                            {ana, "employer", "Springfield School District"}}));
  std::map<std::string, std::map<std::string, std::string>> people;
  for (const A& a : r.attributes) {
    EXPECT_THAT(a.attribute, ::testing::AnyOf("first_name", "last_name", "city", "state", "zip", "country",
                                              "occupation", "employer"));
    EXPECT_THAT(a.value, ::testing::Not(HasSubstr("555"))) << a.attribute;
    EXPECT_THAT(a.value, ::testing::Not(::testing::AnyOf(HasSubstr("Elm St"), HasSubstr("Mill Rd"),
                                                         HasSubstr("Broad St"), HasSubstr("Apt 3"))))
        << a.attribute;
    people[a.person][a.attribute] = a.value;
  }
  // Cara's empty employer is no attribute; skipped rows give none.
  EXPECT_EQ(people["cara@example.com"], (std::map<std::string, std::string>{{"first_name", "Cara"},
                                                                            {"last_name", "Nguyen"},
                                                                            {"city", "Trenton"},
                                                                            {"state", "NJ"},
                                                                            {"zip", "08608"},
                                                                            {"country", "United States"},
                                                                            {"occupation", "Retired"}}));
  EXPECT_EQ(people.size(), 4u);
  EXPECT_FALSE(people.contains("fay@example.org"));
}

TEST(ActBlueTest, TimesAreEasternWhateverTheWorkspaceZone) {
  Result<TimeZone> berlin = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok()) << berlin.status().message();
  std::string text(kHeader);
  text += Row({{"Lineitem ID", "1"}, {"Date", "2024-01-15 23:30:00"}});
  // Clocks went back on 2024-11-03: 01:30 happened twice; the earlier is taken.
  text += Row({{"Lineitem ID", "2"}, {"Date", "2024-11-03 01:30:00"}});
  text += Row({{"Lineitem ID", "3"}, {"Date", "2024-07-04 12:00"}});
  text += Row({{"Lineitem ID", "4"}, {"Date", "2024-07-04T12:00:00+02:00"}});
  testing::Records r = Read(text, testing::Context("c.csv", "", *berlin));
  EXPECT_THAT(r.events, ElementsAre(E("2024-01-16T04:30:00Z", "a@x.org", "donation", "1", 5),
                                    E("2024-11-03T05:30:00Z", "a@x.org", "donation", "2", 5),
                                    E("2024-07-04T16:00:00Z", "a@x.org", "donation", "3", 5),
                                    E("2024-07-04T10:00:00Z", "a@x.org", "donation", "4", 5)));
}

TEST(ActBlueTest, RefundsNetOutAndKeepTheGiftsLineItem) {
  std::string text(kHeader);
  // A gift refunded later carries the refund's id and date: both events.
  const Cells refunded = {{"Receipt ID", "AB1"},
                          {"Amount", "50.00"},
                          {"Lineitem ID", "11"},
                          {"Refund ID", "RF1"},
                          {"Refund Date", "2024-05-03 09:00:00"}};
  text += Row(refunded);
  // The refund's own row, negative, of the same line item: the same refund event.
  Cells refund = refunded;
  refund["Amount"] = "-50.00";
  text += Row(refund);
  // Without a refund date, a negative row is dated by its Date; without a
  // line item, the receipt names the gift.
  text += Row({{"Receipt ID", "AB2"}, {"Date", "2024-05-02 10:00:00"}, {"Amount", "-$5"}, {"Donor Email", "b@x.org"}});
  testing::Records r = Read(text);
  EXPECT_THAT(r.events, ElementsAre(E("2024-05-01T14:00:00Z", "a@x.org", "donation", "11", 50),
                                    E("2024-05-03T13:00:00Z", "a@x.org", "refund", "11", -50),
                                    E("2024-05-03T13:00:00Z", "a@x.org", "refund", "11", -50),
                                    E("2024-05-02T14:00:00Z", "b@x.org", "refund", "AB2", -5)));
  EXPECT_EQ(r.custom_kinds, 3);
  // The store keeps one of two events with the same identity, so a's gift nets out.
  EXPECT_EQ(r.events[1], r.events[2]);
}

TEST(ActBlueTest, TagsSayRecurringAndTheReferenceCode) {
  std::string text(kHeader);
  text += Row({{"Lineitem ID", "1"}, {"Recurring Total Months", "unlimited"}, {"Reference Code", "Spring;Email"}});
  text += Row({{"Lineitem ID", "2"}, {"Recurring Total Months", "0"}});
  text += Row({{"Lineitem ID", "3"}, {"Recurrence Number", "2"}});
  text += Row({{"Lineitem ID", "4"}, {"Reference Code", "\"two words\""}});
  testing::Records r = Read(text);
  ASSERT_EQ(r.events.size(), 4u);
  EXPECT_EQ(r.events[0].tags, "recurring;refcode:springemail");
  EXPECT_EQ(r.events[1].tags, "");
  EXPECT_EQ(r.events[2].tags, "recurring");
  EXPECT_EQ(r.events[3].tags, "");  // a reference code with a space is no tag
}

TEST(ActBlueTest, UnusableEmailsAndIdsSkipTheRow) {
  std::string text(kHeader);
  text += Row({{"Lineitem ID", "1"}, {"Donor Email", "\"a b@x.org\""}});
  text += Row({{"Lineitem ID", "\"2 3\""}});
  text += Row({{"Lineitem ID", "3"}});
  text += Row({{"Lineitem ID", "4"}, {"Donor Email", "\" Cara@Example.ORG \""}});
  text += Row({{"Lineitem ID", "5"}, {"Donor Email", "cara@localhost"}});
  testing::Records r = Read(text);
  EXPECT_THAT(r.events, ElementsAre(E("2024-05-01T14:00:00Z", "a@x.org", "donation", "3", 5),
                                    E("2024-05-01T14:00:00Z", "cara@example.org", "donation", "4", 5)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a contribution whose donor email is not an email", 2),
                                            Pair("a contribution without a receipt or line item id", 1)));
  ASSERT_EQ(r.report.warnings.size(), 3u);
  EXPECT_THAT(r.report.warnings[1], HasSubstr("field 'Lineitem ID': '2 3' is not an id"));
  EXPECT_THAT(r.report.warnings[2], HasSubstr("'cara@localhost' is not an email address"));
}

TEST(ActBlueTest, AmountsAsWritten) {
  EXPECT_EQ(ParseActBlueAmount("25.00"), 25.0);
  EXPECT_EQ(ParseActBlueAmount("-25.00"), -25.0);
  EXPECT_EQ(ParseActBlueAmount("$1,250.00"), 1250.0);
  EXPECT_EQ(ParseActBlueAmount("-$5"), -5.0);
  EXPECT_EQ(ParseActBlueAmount("$-5"), -5.0);
  EXPECT_EQ(ParseActBlueAmount("12,345,678.5"), 12345678.5);
  EXPECT_EQ(ParseActBlueAmount("0.01"), 0.01);
  for (std::string_view bad : {"", "$", "-", "twenty", "1,23", ",123", "1,2345", "1,234,5", "1.", ".5", "1.2.3", "1e3",
                               "--5", "$$5", "5$", " 5", "1,234.5x", "nan", "inf"})
    EXPECT_EQ(ParseActBlueAmount(bad), std::nullopt) << bad;
}

TEST(ActBlueTest, ChannelComesFromTheContext) {
  testing::Records r = Read(Fixture(), testing::Context("c.csv", "actblue-c4"));
  ASSERT_FALSE(r.events.empty());
  for (const Event& e : r.events) EXPECT_EQ(e.channel, "actblue-c4");
}

TEST(ActBlueTest, DamagedFilesAreLocated) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "c.csv: file is empty; expected ActBlue's contributions CSV"},
      {"Receipt ID,Date,Amount\nAB1,2024-05-01 10:00:00,5\n", "c.csv:1:1: the header has no 'Donor Email' column"},
      {"Receipt ID,Amount,Donor Email\n", "c.csv:1:1: the header has no 'Date' column"},
      {"Date,Amount,Donor Email\n", "c.csv:1:1: the header has no 'Receipt ID' or 'Lineitem ID' column"},
      {"Receipt ID,Date,Amount,Donor Email,Donor Email\n",
       "c.csv:1:36: 'Donor Email' holds what the earlier column 'Donor Email' holds"},
      {"Receipt ID,Date,Amount,Donor Email\nAB1,2024-05-01 10:00:00,\"5,a@x.org\n", "c.csv:2:"},
      {std::string_view("Receipt ID,Date\0\x01\x02", 18), "c.csv is not a text file"},
  };
  for (const auto& [input, expected] : cases) EXPECT_THAT(ErrorOf(input), HasSubstr(expected)) << input;
  // Repeated "Reserved" columns are ignored, not a conflict.
  EXPECT_EQ(ErrorOf("Reserved,Receipt ID,Reserved,Date,Amount,Donor Email,Reserved\n"), "");
}

TEST(ActBlueTest, OddRowsAreSkipped) {
  testing::Records r = Read(
      "Receipt ID,Date,Amount,Donor Email\n"
      "AB1,2024-05-01 10:00:00,5\n"
      ",2024-05-01 10:00:00,5,a@x.org\n"
      "AB3,2024-05-01 10:00:00,5,a@x.org\n");
  EXPECT_EQ(r.report.records, 3);
  EXPECT_THAT(r.events, ElementsAre(E("2024-05-01T14:00:00Z", "a@x.org", "donation", "AB3", 5)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a contribution without a receipt or line item id", 1),
                                            Pair("a row with more or fewer fields than the header", 1)));
}

TEST(ActBlueTest, CutShortIsAnErrorOrFewerRowsNotACrash) {
  const std::string full = Fixture();
  for (size_t size = 0; size <= full.size(); ++size) {
    testing::Records sink;
    ReadReport report;
    Status status = kActBlueFormat.read(*ChunkedInput::FromView(std::string_view(full).substr(0, size), "c.csv"),
                                        testing::Context("c.csv"), sink, report);
    if (!status.ok()) {
      ASSERT_THAT(status.message(), StartsWith("c.csv")) << size;
    }
    ASSERT_LE(report.records, 9) << size;
    ASSERT_LE(sink.events.size(), 7u) << size;
  }
}

TEST(ActBlueSniffTest, KnowsItsFilesAndNoOthers) {
  const std::string head = Fixture().substr(0, kSniffBytes);
  EXPECT_TRUE(kActBlueFormat.sniff(head));
  EXPECT_TRUE(kActBlueFormat.sniff(head.substr(3)));  // without the BOM
  EXPECT_EQ(SniffPlatformFormat(head), &kActBlueFormat);
  EXPECT_FALSE(kXAnalyticsFormat.sniff(head));
  EXPECT_FALSE(kXArchiveFormat.sniff(head));
  EXPECT_FALSE(kMobilizeFormat.sniff(head));
  for (std::string_view file :
       {"x/account_analytics_content.csv", "x/tweet_activity_metrics.csv", "x/tweets.js", "mastodon/notifications.json",
        "bluesky/notifications.json", "mobilize/attendances.json"}) {
    EXPECT_FALSE(kActBlueFormat.sniff(ReadFile(testing::PlatformDataPath(file)).substr(0, kSniffBytes))) << file;
  }
  for (std::string_view other : {"", "ts,channel,person,kind\n2024-05-01T00:00:00Z,m,a@x.org,donation\n",
                                 "Receipt ID,Amount\nAB1,5\n", "Title,Body\n\"Receipt ID,Amount,Donor Email\",x\n"})
    EXPECT_FALSE(kActBlueFormat.sniff(other)) << other;
}

TEST(ActBlueTest, FormatNamesItself) {
  EXPECT_EQ(kActBlueFormat.name, "actblue-contributions");
  EXPECT_EQ(kActBlueFormat.default_channel, "actblue");
  EXPECT_EQ(FindPlatformFormat("ActBlue-Contributions"), &kActBlueFormat);
  EXPECT_THAT(PlatformFormatNames(), HasSubstr("actblue-contributions, mobilize-attendances"));
}

}  // namespace
}  // namespace learnloop::ingest
