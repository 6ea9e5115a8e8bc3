#include "ingest/actionnetwork_csv.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ingest/osdi.h"
#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::StartsWith;

std::string Fixture(std::string_view name) {
  return ReadFile(testing::PlatformDataPath(fmt::format("actionnetwork/{}", name)));
}

Event E(std::string_view ts, std::string_view person, std::string_view kind, std::string_view content,
        std::optional<double> value = std::nullopt, std::string_view tags = "") {
  return {*ParseRfc3339(ts),    "actionnetwork", std::string(person), std::string(kind),
          std::string(content), value,           std::string(tags)};
}

// Reads `text` as an import does (through ReadPlatformFile's checks), naming it `file`.
testing::Records Read(const PlatformFormat& format, std::string_view text, std::string_view file,
                      const TimeZone& zone = TimeZone::Utc()) {
  testing::Records records;
  Status status = ReadPlatformFile(format, text, testing::Context(std::string(file), "", zone), records, records.report,
                                   records.custom_kinds);
  EXPECT_TRUE(status.ok()) << status.message();
  return records;
}

testing::Records Activists(std::string_view text) { return Read(kActionNetworkActivistsFormat, text, "a.csv"); }

std::string ErrorOf(const PlatformFormat& format, std::string_view text, std::string_view file = "a.csv") {
  testing::Records sink;
  ReadReport report;
  Status status =
      format.read(*ChunkedInput::FromView(text, std::string(file)), testing::Context(std::string(file)), sink, report);
  return status.ok() ? "" : status.message();
}

constexpr std::string_view kAna = "ana.alvarez@example.org";
constexpr std::string_view kCaraId = "an:a8f0c1de-1111-4aaa-8bbb-000000000003";

TEST(ActionNetworkActivistsTest, ReadsTheActivistExport) {
  testing::Records r = Activists(Fixture("activists.csv"));
  EXPECT_THAT(
      r.events,
      ElementsAre(E("2024-03-01T14:05:09Z", kAna, "subscribe", "", std::nullopt, "Volunteer;Walk 2024"),
                  // No email: the uuid names the person, as osdi.cc names one.
                  E("2024-04-02T09:00:00Z", kCaraId, "subscribe", ""),
                  // A spreadsheet's time; tags once each.
                  E("2024-03-15T09:30:00Z", "fay@example.org", "subscribe", "", std::nullopt, "Walk 2024;Volunteer")));
  EXPECT_EQ(r.report.records, 7);
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row whose email is not an email address", 1),
                                            Pair("a row whose time is not a time", 1)));
  EXPECT_EQ(r.custom_kinds, 0);
  EXPECT_THAT(r.observations, IsEmpty());
}

TEST(ActionNetworkActivistsTest, FieldsBecomeAttributesButNeverPhoneOrAddress) {
  testing::Records r = Activists(Fixture("activists.csv"));
  std::map<std::string, std::map<std::string, std::string>> people;
  for (const PersonAttribute& a : r.attributes) {
    EXPECT_THAT(a.value, ::testing::Not(HasSubstr("555"))) << a.attribute;
    EXPECT_THAT(a.value, ::testing::Not(HasSubstr("Elm St"))) << a.attribute;
    people[a.person][a.attribute] = a.value;
  }
  const std::string ana(kAna);
  EXPECT_EQ(people[ana], (std::map<std::string, std::string>{{"first_name", "Ana"},
                                                             {"last_name", "Alvarez"},
                                                             {"zip", "19104"},
                                                             {"city", "Philadelphia"},
                                                             {"state", "PA"},
                                                             {"county", "Philadelphia"},
                                                             {"volunteer_interest", "Canvassing"},
                                                             {"preferred_language", "Spanish"}}));
  // An unsubscribed activist has no subscribe event but keeps their fields.
  EXPECT_EQ(people["ben@example.net"]["zip"], "08608");
  EXPECT_EQ(people[std::string(kCaraId)]["volunteer_interest"], "Phone banking");
  EXPECT_EQ(people["eli@example.com"]["city"], "Cambridge");
  // Skipped rows give none: Dee's time is no time, Eve's email no email.
  EXPECT_EQ(people.size(), 5u);
  EXPECT_FALSE(people.contains("dee@example.org"));
}

TEST(ActionNetworkActivistsTest, BadRowsAreSkippedAndLocated) {
  testing::Records r = Activists(Fixture("activists.csv"));
  ASSERT_EQ(r.report.warnings.size(), 3u);
  EXPECT_THAT(r.report.warnings[0], StartsWith("a.csv:5:"));
  EXPECT_THAT(r.report.warnings[0],
              HasSubstr("field 'can2_subscription_date': '2024-13-01 10:00:00' is not a time; expected a time like"));
  EXPECT_THAT(r.report.warnings[1], StartsWith("a.csv:6:"));
  EXPECT_THAT(r.report.warnings[1], HasSubstr("field 'email': 'not-an-email' is not an email address"));
  EXPECT_THAT(r.report.warnings[2], HasSubstr("a.csv: 1 activist is not subscribed now"));
}

TEST(ActionNetworkActivistsTest, ColumnsInAnyOrderAndCase) {
  testing::Records r = Activists(
      "Favorite Color,EMAIL,Created_At,Mobile Number,Street,First_Name,First Name\n"
      "green,a@example.org,2024-05-01 10:00,555-0100,1 Main St,Al,Albert\n");
  EXPECT_THAT(r.events, ElementsAre(E("2024-05-01T10:00:00Z", "a@example.org", "subscribe", "")));
  // Phone and street are never kept; a custom field named like a core one
  // ("First Name") yields to it rather than clash.
  EXPECT_EQ(r.attributes, (std::vector<PersonAttribute>{{"a@example.org", "favorite_color", "green"},
                                                        {"a@example.org", "first_name", "Al"}}));
}

TEST(ActionNetworkActionsTest, SignaturesArePetitionsOfTheFile) {
  testing::Records r = Read(kActionNetworkActionsFormat, Fixture("petition_signatures.csv"), "petition_signatures.csv");
  EXPECT_THAT(
      r.events,
      ElementsAre(
          E("2024-03-02T10:15:00Z", kAna, "petition", "petition_signatures", std::nullopt, "spring-email"),
          E("2024-03-02T16:00:00Z", "ben@example.net", "petition", "petition_signatures"),
          E("2024-03-03T08:00:00Z", "cara@example.com", "petition", "petition_signatures", std::nullopt, "fb-share")));
  EXPECT_EQ(r.report.records, 5);
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("a row whose email is not an email address", 1), Pair("a row without a time", 1)));
  EXPECT_THAT(r.attributes, IsEmpty());
  ASSERT_EQ(r.report.warnings.size(), 2u);
  EXPECT_THAT(r.report.warnings[0], StartsWith("petition_signatures.csv:5:"));
  EXPECT_THAT(r.report.warnings[0], HasSubstr("field 'timestamp': no time; expected a time like"));
}

TEST(ActionNetworkActionsTest, RsvpsAreAttendancesOrSignups) {
  testing::Records r = Read(kActionNetworkActionsFormat, Fixture("event_rsvps.csv"), "event_rsvps.csv");
  EXPECT_THAT(r.events,
              ElementsAre(E("2024-04-10T17:30:00Z", kAna, "event_attend", "Riverside Park Cleanup"),
                          E("2024-04-11T09:00:00Z", "ben@example.net", "event_signup", "Riverside Park Cleanup"),
                          E("2024-04-12T18:45:00Z", "dee@example.org", "event_signup", "Riverside Park Cleanup")));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("an RSVP that was declined", 1)));
}

TEST(ActionNetworkActionsTest, SubmissionsAndLettersAreTheirCustomKinds) {
  testing::Records forms = Read(kActionNetworkActionsFormat, Fixture("form_submissions.csv"), "form_submissions.csv");
  EXPECT_THAT(forms.events,
              ElementsAre(E("2024-05-01T12:00:00Z", kAna, "form_submission", "form_submissions"),
                          E("2024-05-02T08:30:00Z", "fay@example.org", "form_submission", "form_submissions")));
  EXPECT_EQ(forms.custom_kinds, 2);
  testing::Records letters =
      Read(kActionNetworkActionsFormat, Fixture("letter_outreaches.csv"), "exports/letter_outreaches.csv");
  EXPECT_THAT(letters.events,
              ElementsAre(E("2024-05-10T15:20:00Z", kAna, "outreach", "Tell the Council: Fund Transit"),
                          E("2024-05-10T16:00:00Z", "ben@example.net", "outreach", "Tell the Council: Fund Transit")));
}

TEST(ActionNetworkActionsTest, DonationsKeepTheirAmountAndRefundsNetOut) {
  testing::Records r = Read(kActionNetworkActionsFormat, Fixture("donations.csv"), "donations.csv");
  EXPECT_THAT(r.events, ElementsAre(E("2024-06-01T12:00:00Z", kAna, "donation", "donations", 25, "spring-email"),
                                    E("2024-06-02T13:30:00Z", "ben@example.net", "donation", "donations", 1250),
                                    E("2024-06-02T13:30:00Z", "ben@example.net", "refund", "donations", -1250)));
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("a donation whose amount is not an amount", 1),
                          Pair("a donation with status 'failed' (only successful and refunded ones are counted)", 1)));
}

TEST(ActionNetworkActionsTest, KindComesFromTheColumnsThenTheFileName) {
  EXPECT_EQ(ActionNetworkKindOfFileName("Save-The-Park_Signatures.csv"), "petition");
  EXPECT_EQ(ActionNetworkKindOfFileName("dir/petition-1234.csv"), "petition");
  EXPECT_EQ(ActionNetworkKindOfFileName("rsvps-may-canvass.csv"), "event_attend");
  EXPECT_EQ(ActionNetworkKindOfFileName("fund-transit-letters.csv"), "outreach");
  EXPECT_EQ(ActionNetworkKindOfFileName("volunteer-form.csv"), "form_submission");
  EXPECT_EQ(ActionNetworkKindOfFileName("spring-fundraising.csv"), "donation");
  EXPECT_EQ(ActionNetworkKindOfFileName("export-2024-05-02-csv_report_4411.csv"), "");
  EXPECT_EQ(ActionNetworkKindOfFileName("signatures/download.csv"), "");  // a folder says nothing
  // An amount column makes donations whatever the name; a title names the content.
  testing::Records r =
      Read(kActionNetworkActionsFormat,
           "email,timestamp,amount,title\na@example.org,2024-05-01 10:00:00,5,Spring Appeal\n", "export.csv");
  EXPECT_THAT(r.events, ElementsAre(E("2024-05-01T10:00:00Z", "a@example.org", "donation", "Spring Appeal", 5)));
  EXPECT_THAT(ErrorOf(kActionNetworkActionsFormat, "email,timestamp\n", "export.csv"),
              HasSubstr("export.csv:1:1: the file does not say which action it records"));
  EXPECT_THAT(ErrorOf(kActionNetworkActionsFormat, "email,timestamp\n", "export.csv"),
              HasSubstr("--format actionnetwork-activists"));
  EXPECT_THAT(ErrorOf(kActionNetworkActionsFormat, "email,timestamp\n", "donations.csv"),
              HasSubstr("donations.csv:1:1: the file is named for donations, but the header has no 'amount' column"));
}

TEST(ActionNetworkActionsTest, TimesAsWritten) {
  Result<TimeZone> chicago = TimeZone::Load("America/Chicago");
  ASSERT_TRUE(chicago.ok()) << chicago.status().message();
  const std::string text =
      "email,created_at\n"
      "a@example.org,2024-07-04 12:00:00\n"        // local: the import's zone
      "a@example.org,2024-07-04 12:00:01 UTC\n"    // said to be UTC
      "a@example.org,2024-07-04 12:00:02 +0200\n"  // an offset
      "a@example.org,2024-07-04T12:00:03-04:00\n"  // RFC 3339
      "a@example.org,07/04/2024 1:05 PM\n"         // as a spreadsheet saves it again
      "a@example.org,07/04/2024 13:06:07\n"
      "a@example.org,2024-07-05\n"  // a date alone: its start
      "a@example.org,yesterday\n";
  testing::Records r = Read(kActionNetworkActionsFormat, text, "signatures.csv", *chicago);
  std::vector<std::string> times;
  for (const Event& e : r.events) times.push_back(FormatRfc3339(e.ts));
  EXPECT_THAT(
      times, ElementsAre("2024-07-04T17:00:00Z", "2024-07-04T12:00:01Z", "2024-07-04T10:00:02Z", "2024-07-04T16:00:03Z",
                         "2024-07-04T18:05:00Z", "2024-07-04T18:06:07Z", "2024-07-05T05:00:00Z"));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row whose time is not a time", 1)));
}

TEST(ActionNetworkCsvTest, DamagedFilesAreLocated) {
  const std::pair<std::string_view, std::string_view> activists[] = {
      {"", "a.csv: file is empty; expected Action Network's activist export"},
      {"first_name,zip_code\nAl,19104\n", "a.csv:1:1: the header has no 'email' (or 'uuid') column"},
      {"email,Email\n", "a.csv:1:7: 'Email' holds what the earlier column 'email' holds"},
      {"email,first_name\na@example.org,\"Al\n", "a.csv:2:"},
      {std::string_view("email\0\x01\x02", 8), "a.csv is not a text file"},
  };
  for (const auto& [input, expected] : activists)
    EXPECT_THAT(ErrorOf(kActionNetworkActivistsFormat, input), HasSubstr(expected)) << input;
  const std::pair<std::string_view, std::string_view> actions[] = {
      {"", "a.csv: file is empty; expected an Action Network action download"},
      {"email,zip_code\n", "a.csv:1:1: the header has no 'timestamp' (or created_at, created_date, action_date)"},
      {"timestamp,zip_code\n", "a.csv:1:1: the header has no 'email' (or 'uuid') column"},
      {"email,timestamp,created_at\n", "a.csv:1:17: 'created_at' holds what the earlier column 'timestamp' holds"},
  };
  for (const auto& [input, expected] : actions)
    EXPECT_THAT(ErrorOf(kActionNetworkActionsFormat, input), HasSubstr(expected)) << input;
}

TEST(ActionNetworkCsvTest, OddRowsAreSkippedNotGuessed) {
  testing::Records r = Read(kActionNetworkActionsFormat,
                            "email,uuid,timestamp,source_code\n"
                            "a@example.org,,2024-05-01 10:00:00\n"  // a field short
                            ",,2024-05-01 10:00:00,x\n"             // nobody
                            ",u 1,2024-05-01 10:00:00,x\n"          // an id with a space
                            ",u1,2024-05-01 10:00:00,a;b\n",        // several codes are no tag
                            "signatures.csv");
  EXPECT_THAT(r.events, ElementsAre(E("2024-05-01T10:00:00Z", "an:u1", "petition", "signatures")));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row with more or fewer fields than the header", 1),
                                            Pair("a row without an email or Action Network id", 2)));
}

TEST(ActionNetworkCsvTest, CutShortIsAnErrorOrFewerRowsNotACrash) {
  for (const auto& [format, name] : {std::pair{&kActionNetworkActivistsFormat, "activists.csv"},
                                     std::pair{&kActionNetworkActionsFormat, "donations.csv"}}) {
    const std::string full = Fixture(name);
    for (size_t size = 0; size <= full.size(); ++size) {
      testing::Records sink;
      ReadReport report;
      Status status = format->read(*ChunkedInput::FromView(std::string_view(full).substr(0, size), name),
                                   testing::Context(name), sink, report);
      if (!status.ok()) {
        ASSERT_THAT(status.message(), StartsWith(name)) << size;
      }
      ASSERT_LE(report.records, 7) << size;
    }
  }
}

TEST(ActionNetworkCsvTest, ChannelComesFromTheContext) {
  testing::Records r;
  Status status = ReadPlatformFile(kActionNetworkActionsFormat, Fixture("donations.csv"),
                                   testing::Context("donations.csv", "an-c4"), r, r.report, r.custom_kinds);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_FALSE(r.events.empty());
  for (const Event& e : r.events) EXPECT_EQ(e.channel, "an-c4");
}

TEST(ActionNetworkCsvSniffTest, KnowsItsFilesAndNoOthers) {
  for (std::string_view name : {"petition_signatures.csv", "event_rsvps.csv", "form_submissions.csv",
                                "letter_outreaches.csv", "donations.csv"}) {
    const std::string head = Fixture(name);
    EXPECT_EQ(SniffPlatformFormat(head), &kActionNetworkActionsFormat) << name;
    EXPECT_FALSE(kActionNetworkActivistsFormat.sniff(head)) << name;
  }
  const std::string activists = Fixture("activists.csv");
  EXPECT_EQ(SniffPlatformFormat(activists), &kActionNetworkActivistsFormat);
  EXPECT_FALSE(kActionNetworkActionsFormat.sniff(activists));
  for (std::string_view file : {"actionnetwork/signatures.json", "mailchimp/subscribed_members_export_3f2a.csv",
                                "civicrm/contributions.csv", "civicrm/activities.csv", "actblue/contributions.csv"}) {
    const std::string head = ReadFile(testing::PlatformDataPath(file)).substr(0, kSniffBytes);
    EXPECT_FALSE(kActionNetworkActivistsFormat.sniff(head)) << file;
    EXPECT_FALSE(kActionNetworkActionsFormat.sniff(head)) << file;
  }
  for (std::string_view other : {"", "ts,channel,person,kind\n", "Email,Contact ID,Date\n", "email,timestamp\n",
                                 "email,first_name,zip_code\n", "Title\n\"email,can2_phone\"\n"}) {
    EXPECT_FALSE(kActionNetworkActivistsFormat.sniff(other)) << other;
    EXPECT_FALSE(kActionNetworkActionsFormat.sniff(other)) << other;
  }
}

TEST(ActionNetworkCsvTest, FormatsNameThemselves) {
  EXPECT_EQ(FindPlatformFormat("ActionNetwork-Activists"), &kActionNetworkActivistsFormat);
  EXPECT_EQ(FindPlatformFormat("actionnetwork-actions"), &kActionNetworkActionsFormat);
  EXPECT_EQ(kActionNetworkActivistsFormat.default_channel, kOsdiFormat.default_channel);
  EXPECT_EQ(kActionNetworkActionsFormat.default_channel, kOsdiFormat.default_channel);
}

}  // namespace
}  // namespace learnloop::ingest
