#include "ingest/mailchimp.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ReadFile;
using ::learnloop::ingest::testing::Records;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::StartsWith;

constexpr std::string_view kSubscribed = "subscribed_members_export_3f2a.csv";
constexpr std::string_view kUnsubscribed = "unsubscribed_members_export_3f2a.csv";
constexpr std::string_view kCleaned = "cleaned_members_export_3f2a.csv";
constexpr std::string_view kActivity = "campaign_email_activity.json";
constexpr std::string_view kHeader =
    "Email Address,First Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,LEID,EUID,NOTES,TAGS\n";

std::string Fixture(std::string_view name) {
  return ReadFile(testing::PlatformDataPath(fmt::format("mailchimp/{}", name)));
}

Timestamp Ts(std::string_view text) { return *ParseRfc3339(text); }

Event E(std::string_view ts, std::string_view person, std::string_view kind, std::string_view content = "",
        std::string_view tags = "") {
  return {Ts(ts),       "email",          std::string(person), std::string(kind), std::string(content),
          std::nullopt, std::string(tags)};
}

PersonAttribute A(std::string_view person, std::string_view attribute, std::string_view value) {
  return {std::string(person), std::string(attribute), std::string(value)};
}

// Reads through ReadPlatformFile's checks, as an import does.
Records Read(const PlatformFormat& format, std::string_view text, std::string_view file) {
  Result<Records> read = testing::ReadPlatform(format, text, file);
  EXPECT_TRUE(read.ok()) << read.status().message();
  return read.ok() ? std::move(*read) : Records{};
}

Records Audience(std::string_view text, std::string_view file = "a.csv") {
  return Read(kMailchimpAudienceFormat, text, file);
}

std::string ErrorOf(const PlatformFormat& format, std::string_view text, std::string_view file) {
  Result<Records> read = testing::ReadPlatform(format, text, file);
  return read.ok() ? "" : read.status().message();
}

// ---------------------------------------------------------------------------

TEST(MailchimpEmailTest, AddressesAreTrimmedAndFoldedOthersRefused) {
  EXPECT_EQ(EmailPerson("  Bo.Chen@Example.ORG "), "bo.chen@example.org");
  EXPECT_EQ(EmailPerson("ana+news@mail.example.org"), "ana+news@mail.example.org");
  EXPECT_EQ(EmailPerson("zoë@example.org"), "zoë@example.org");  // non-ASCII kept as written
  for (std::string_view bad : {"", "ana", "@example.org", "ana@", "ana@example", "ana@.org", "ana@example.",
                               "a@b@example.org", "ana lima@example.org", "ana@example.org;bo@example.org",
                               "ana,bo@example.org", "\"ana\"@example.org", "ana\t@example.org", "an\xff@example.org"})
    EXPECT_EQ(EmailPerson(bad), std::nullopt) << bad;
  EXPECT_EQ(EmailPerson(std::string(2000, 'a') + "@example.org"), std::nullopt);
}

TEST(MailchimpAudienceTest, SubscribedContactsBecomeSubscribesAndTheirFields) {
  Records r = Audience(Fixture(kSubscribed), "s.csv");
  EXPECT_EQ(r.report.records, 6);
  EXPECT_THAT(r.events,
              ElementsAre(E("2024-03-01T10:05:30Z", "ana@example.org", "subscribe", "", "Volunteer;Walk, May"),
                          E("2024-03-02T11:00:00Z", "bo.chen@example.org", "subscribe"),
                          E("2024-03-03T12:30:00Z", "cy@example.org", "subscribe", "", "Donor")));
  EXPECT_THAT(
      r.attributes,
      ElementsAre(A("ana@example.org", "first_name", "Ana"), A("ana@example.org", "last_name", "Lima"),
                  A("ana@example.org", "address", "12 Oak St  Springfield  IL  62701  US"),
                  A("ana@example.org", "phone_number", "555-0100"), A("ana@example.org", "chapter", "North, East"),
                  A("bo.chen@example.org", "first_name", "Bo"), A("cy@example.org", "first_name", "Cy"),
                  A("cy@example.org", "last_name", "Diaz"), A("cy@example.org", "chapter", "South"),
                  A("eve@example.org", "first_name", "Eve")));  // no time: no subscribe, her fields all the same
  EXPECT_TRUE(r.observations.empty());
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a contact whose Email Address is not an email address", 1),
                                            Pair("a contact with a time that is not a time", 1)));
  ASSERT_EQ(r.report.warnings.size(), 2u);
  EXPECT_THAT(r.report.warnings[0],
              StartsWith("s.csv:5:1: field 'Email Address': this is not an email address; expected an address"));
  EXPECT_THAT(r.report.warnings[1], StartsWith("s.csv:7:27: field 'OPTIN_TIME': 'March 6' is not a time"));
  EXPECT_THAT(r.report.warnings[1], HasSubstr("the row is skipped"));
}

TEST(MailchimpAudienceTest, UnsubscribesNameTheirCampaignAndCleanedAddressesEndTheSubscription) {
  Records unsubscribed = Audience(Fixture(kUnsubscribed));
  EXPECT_THAT(unsubscribed.events,
              ElementsAre(E("2024-01-10T08:02:00Z", "gus@example.org", "subscribe", "", "Volunteer"),
                          E("2024-05-03T07:00:00Z", "gus@example.org", "unsubscribe", "c0ffee1234"),
                          E("2024-05-04T10:00:00Z", "hal@example.org", "unsubscribe")));
  EXPECT_THAT(unsubscribed.attributes,
              ElementsAre(A("gus@example.org", "first_name", "Gus"), A("gus@example.org", "last_name", "Park"),
                          A("gus@example.org", "chapter", "North"), A("hal@example.org", "first_name", "Hal")));
  EXPECT_THAT(unsubscribed.report.skipped, IsEmpty());

  Records cleaned = Audience(Fixture(kCleaned));
  EXPECT_THAT(cleaned.events,
              ElementsAre(E("2023-11-20T15:00:00Z", "ida@example.org", "subscribe"),
                          E("2024-05-06T02:00:00Z", "ida@example.org", "unsubscribe", "c0ffee1234", "cleaned"),
                          E("2024-02-01T15:10:00Z", "jo@example.org", "subscribe"),
                          E("2024-05-07T02:00:00Z", "jo@example.org", "unsubscribe", "", "cleaned")));
  EXPECT_EQ(cleaned.report.records, 2);
  EXPECT_THAT(cleaned.report.skipped, IsEmpty());
}

TEST(MailchimpAudienceTest, SystemColumnsAreNotStored) {
  Records r = Audience(Fixture(kSubscribed));
  ASSERT_FALSE(r.attributes.empty());
  for (const PersonAttribute& a : r.attributes) {
    for (std::string_view system : {"member_rating", "optin_ip", "confirm_ip", "latitude", "longitude", "leid", "euid",
                                    "notes", "tags", "gmtoff", "timezone", "cc", "region", "last_changed"})
      EXPECT_NE(a.attribute, system);
    for (std::string_view value : {"198.51.100.7", "39.78", "31337001", "a1b2c3d4e5", "met at the spring fair"})
      EXPECT_EQ(a.value.find(value), std::string::npos) << a.attribute;
  }
  for (const Event& e : r.events) EXPECT_EQ(e.content.find("198.51"), std::string::npos);
}

TEST(MailchimpAudienceTest, TagsCellsInEachForm) {
  Records r = Audience(std::string(kHeader) +
                       "a@example.org,A,1,2024-03-01 10:00:00,,,1,e,,\"\"\"One\"\",\"\"Two, three\"\",\"\"One\"\"\"\n"
                       "b@example.org,B,1,2024-03-01 10:00:00,,,2,e,,Solo\n"
                       "c@example.org,C,1,2024-03-01 10:00:00,,,3,e,,\"\"\"semi;colon\"\",\"\"ok\"\"\"\n"
                       "d@example.org,D,1,2024-03-01 10:00:00,,,4,e,,\"\"\"cut\"\n");
  EXPECT_THAT(r.events, ElementsAre(E("2024-03-01T10:00:00Z", "a@example.org", "subscribe", "", "One;Two, three"),
                                    E("2024-03-01T10:00:00Z", "b@example.org", "subscribe", "", "Solo"),
                                    E("2024-03-01T10:00:00Z", "c@example.org", "subscribe", "", "ok"),
                                    E("2024-03-01T10:00:00Z", "d@example.org", "subscribe", "", "cut")));
}

// Event identity is (channel, person, kind, ts, content): next week's
// export, where only Mailchimp's bookkeeping changed, yields the same
// events, so an import of it adds nothing.
TEST(MailchimpAudienceTest, AnOverlappingExportYieldsTheSameEvents) {
  const std::string week1 = std::string(kHeader) + "ana@example.org,Ana,2,2024-03-01 10:00:00,,,1,e,,\n";
  const std::string week2 = std::string(kHeader) + "ANA@example.org,Ana,4,2024-03-01 10:00:00,,,1,e,x,\n" +
                            "new@example.org,New,1,2024-03-08 10:00:00,,,2,e,,\n";
  Records first = Audience(week1);
  Records again = Audience(week1);
  Records next = Audience(week2);
  EXPECT_EQ(first.events, again.events);
  ASSERT_EQ(next.events.size(), 2u);
  EXPECT_EQ(next.events[0], first.events.at(0));
  EXPECT_EQ(next.events[1], E("2024-03-08T10:00:00Z", "new@example.org", "subscribe"));
}

TEST(MailchimpAudienceTest, ChannelCanBeOverridden) {
  testing::PlatformRead r = testing::ReadRaw(kMailchimpAudienceFormat,
                                             std::string(kHeader) + "a@example.org,,1,2024-03-01 10:00:00,,,1,e,,\n",
                                             testing::Context("a.csv", "newsletter-youth"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_EQ(r.sink.events.size(), 1u);
  EXPECT_EQ(r.sink.events[0].channel, "newsletter-youth");
}

TEST(MailchimpAudienceTest, UnusableAttributeValuesAreSkippedByTheChecks) {
  Records r = Audience(std::string(kHeader) + "a@example.org,\"A\x01\",1,2024-03-01 10:00:00,,,1,e,,\n");
  EXPECT_EQ(r.events.size(), 1u);
  EXPECT_THAT(r.attributes, IsEmpty());
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("an attribute with an unusable field", 1)));
}

TEST(MailchimpAudienceTest, DamagedFilesAreLocated) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "a.csv: file is empty; expected a Mailchimp audience export"},
      {"First Name,OPTIN_TIME\nAna,2024-03-01 10:00:00\n", "a.csv:1:1: the header has no 'Email Address' column"},
      {"Email Address,First Name,MEMBER_RATING\n", "a.csv:1:1: the header has none of OPTIN_TIME, CONFIRM_TIME"},
      {"Email Address,First Name,first name,OPTIN_TIME\n",
       "a.csv:1:26: 'first name' holds what the earlier column 'First Name' holds"},
      {"Email Address,OPTIN_TIME\na@example.org,\"2024-03-01 10:00:00\n", "a.csv:2:"},
      {std::string_view("Email Address\0\x01\x02", 16), "a.csv is not a text file"},
      {"Email Address,OPTIN_TIME,TAGS\na@example.org,2024-03-01 10:00:00,\"\"\"\xff\"\"\"\n", "a.csv:2:"},
  };
  for (const auto& [input, expected] : cases)
    EXPECT_THAT(ErrorOf(kMailchimpAudienceFormat, input, "a.csv"), HasSubstr(expected)) << input;
}

TEST(MailchimpAudienceTest, BadRowsAreSkippedAndCounted) {
  Records r = Audience(
      "Email Address,OPTIN_TIME,CONFIRM_TIME,UNSUB_TIME\n"
      "a@example.org,2024-03-01 10:00:00\n"     // too few cells
      "b@example.org,2024-03-01,,\n"            // no clock time
      "c@example.org,2024-02-30 10:00:00,,\n"   // no such day
      "d@example.org,,2024-03-01 25:00:00,\n"   // no such hour
      "e@example.org,,,2024-03-01T10:00:00Z\n"  // RFC 3339, not Mailchimp's form
      "f@example.org,2024-03-01 10:00:00,,\n");
  EXPECT_EQ(r.report.records, 6);
  EXPECT_THAT(r.events, ElementsAre(E("2024-03-01T10:00:00Z", "f@example.org", "subscribe")));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a contact with a time that is not a time", 4),
                                            Pair("a row with more or fewer fields than the header", 1)));
  EXPECT_EQ(r.report.skipped_total() + 1, r.report.records);
}

TEST(MailchimpAudienceTest, CutShortIsAnErrorOrFewerRowsNotACrash) {
  for (std::string_view name : {kSubscribed, kUnsubscribed, kCleaned}) {
    const std::string full = Fixture(name);
    for (size_t size = 0; size <= full.size(); ++size) {
      testing::PlatformRead r =
          testing::ReadRaw(kMailchimpAudienceFormat, std::string_view(full).substr(0, size), testing::Context("f.csv"));
      if (!r.status.ok()) {
        // Attributes are refused by ReadRaw's sink; that error is the only other.
        ASSERT_THAT(r.status.message(), ::testing::AnyOf(StartsWith("f.csv"), HasSubstr("no attributes expected")))
            << size;
      }
      ASSERT_LE(r.report.records, 6) << size;
    }
  }
}

// ---------------------------------------------------------------------------

TEST(MailchimpActivityTest, OpensAndClicksBecomeEventsOfTheCampaign) {
  testing::PlatformRead r = testing::ReadRaw(kMailchimpActivityFormat, Fixture(kActivity), testing::Context("a.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 9);
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-05-02T09:15:04Z", "ana@example.org", "open", "c0ffee1234"),
                                         E("2024-05-02T09:16:10Z", "ana@example.org", "click", "c0ffee1234"),
                                         E("2024-05-02T09:16:10Z", "ana@example.org", "click", "c0ffee1234"),
                                         E("2024-05-03T16:00:00Z", "ana@example.org", "open", "c0ffee1234"),
                                         E("2024-05-02T10:00:00Z", "bo.chen@example.org", "open", "c0ffee1234"),
                                         E("2024-05-02T11:00:00Z", "cy@example.org", "open", "c0ffee1234")));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a bounce (the address failing, not the person acting)", 1),
                                            Pair("an activity 'forward' (learnloop imports open and click)", 1),
                                            Pair("an activity whose timestamp is not an RFC 3339 time", 1)));
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_EQ(r.report.warnings[0],
            "a.json: emails[3].activity[1].timestamp: 'last tuesday' is not an RFC 3339 time; the activity is skipped");
  EXPECT_TRUE(r.sink.observations.empty());
}

TEST(MailchimpActivityTest, TheResponsesCampaignStandsInForARecipientsOwn) {
  testing::PlatformRead r = testing::ReadRaw(kMailchimpActivityFormat, R"({"campaign_id": "top1", "emails": [
      {"email_address": "a@example.org", "activity": [{"action": "open", "timestamp": "2024-05-02T09:00:00Z"}]},
      {"email_address": "b@example.org", "campaign_id": "own2",
       "activity": [{"action": "click", "timestamp": "2024-05-02T09:00:00Z", "url": "https://x.example/?e=b"}]}]})",
                                             testing::Context("a.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-05-02T09:00:00Z", "a@example.org", "open", "top1"),
                                         E("2024-05-02T09:00:00Z", "b@example.org", "click", "own2")));
}

TEST(MailchimpActivityTest, WrongTypesAreSkippedWithTheirPath) {
  testing::PlatformRead r = testing::ReadRaw(kMailchimpActivityFormat, R"({"emails": [
      7,
      {"email_address": 42, "activity": [{"action": "open"}, {"action": "open"}]},
      {"email_address": "nobody", "activity": []},
      {"email_address": "c@example.org", "activity": [3, {"action": ["open"]}, {"action": "open", "timestamp": 5},
                                                      {"action": "open", "timestamp": "2024-05-02T09:00:00Z"}]}]})",
                                             testing::Context("a.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-05-02T09:00:00Z", "c@example.org", "open")));
  EXPECT_EQ(r.report.records, 8);
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("a recipient that is not an object", 1), Pair("a recipient without an email address", 3),
                          Pair("an activity whose timestamp is not an RFC 3339 time", 1),
                          Pair("an activity without an action", 2)));
  EXPECT_EQ(r.report.skipped_total() + 1, r.report.records);
  EXPECT_THAT(
      r.report.warnings,
      ElementsAre("a.json: emails[0]: expected an object, found a number",
                  "a.json: emails[1].email_address: expected an email address",
                  "a.json: emails[2].email_address: expected an email address",
                  "a.json: emails[3].activity[0].action: expected \"open\" or \"click\"",
                  "a.json: emails[3].activity[1].action: expected \"open\" or \"click\"",
                  "a.json: emails[3].activity[2].timestamp: expected an RFC 3339 time as a string; the activity "
                  "is skipped"));
}

TEST(MailchimpActivityTest, DamagedFilesAreRefusedWithTheReason) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "a.json:1:1: not valid JSON: the file is empty"},
      {R"({"emails": [{"email_address": "a@example.org")", "a.json:1:46: not valid JSON (is the file cut short?)"},
      {"[]", "a.json: expected a JSON object with an \"emails\" array, found an array"},
      {R"({"campaign_id": "c1"})", "a.json: emails: expected an array of recipients, found nothing"},
      {R"({"emails": {"a": 1}})", "a.json: emails: expected an array of recipients, found an object"},
      {R"({"type": "https://mailchimp.com/developer/marketing/docs/errors/", "status": 404})",
       "a.json: emails: expected an array of recipients"},
  };
  for (const auto& [input, expected] : cases)
    EXPECT_THAT(ErrorOf(kMailchimpActivityFormat, input, "a.json"), StartsWith(expected)) << input;
}

TEST(MailchimpActivityTest, CutShortIsAnErrorNotACrash) {
  std::string full = Fixture(kActivity);
  while (full.ends_with('\n')) full.pop_back();
  for (size_t size = 0; size < full.size(); ++size) {
    testing::PlatformRead r =
        testing::ReadRaw(kMailchimpActivityFormat, std::string_view(full).substr(0, size), testing::Context("f.json"));
    ASSERT_FALSE(r.status.ok()) << size;
    ASSERT_THAT(r.status.message(), AllOf(StartsWith("f.json:"), HasSubstr("not valid JSON"))) << size;
  }
}

TEST(MailchimpActivityTest, JsonTestSuiteFilesAreRefusedWithoutACrash) {
  int files = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    const std::string text = ReadFile(json_file);
    testing::PlatformRead r = testing::ReadRaw(kMailchimpActivityFormat, text, testing::Context("f.json"));
    EXPECT_FALSE(kMailchimpActivityFormat.sniff(text)) << json_file;
    // None of them is an email-activity response: each is refused, naming the file.
    EXPECT_FALSE(r.status.ok()) << json_file;
    EXPECT_THAT(r.status.message(), StartsWith("f.json:")) << json_file;
    ++files;
  }
  EXPECT_GT(files, 300);
}

// ---------------------------------------------------------------------------

TEST(MailchimpSniffTest, EachFormatKnowsItsFilesAndNoOthers) {
  for (std::string_view name : {kSubscribed, kUnsubscribed, kCleaned}) {
    const std::string head = Fixture(name).substr(0, kSniffBytes);
    EXPECT_EQ(SniffPlatformFormat(head), &kMailchimpAudienceFormat) << name;
    EXPECT_TRUE(kMailchimpAudienceFormat.sniff(head.starts_with("\xEF\xBB\xBF") ? head.substr(3) : head)) << name;
  }
  EXPECT_EQ(SniffPlatformFormat(Fixture(kActivity)), &kMailchimpActivityFormat);
  EXPECT_TRUE(kMailchimpActivityFormat.sniff(Fixture(kActivity).substr(0, 300)));  // cut mid-record
  // Every other platform's files are left to their formats, and none of
  // them takes a Mailchimp file.
  int others = 0;
  for (const auto& dir : std::filesystem::directory_iterator(testing::PlatformDataPath(""))) {
    if (dir.path().filename() == "mailchimp") continue;
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
      const std::string head = ReadFile(file.path()).substr(0, kSniffBytes);
      EXPECT_FALSE(kMailchimpAudienceFormat.sniff(head)) << file.path();
      EXPECT_FALSE(kMailchimpActivityFormat.sniff(head)) << file.path();
      ++others;
    }
  }
  EXPECT_GT(others, 8);
  for (const PlatformFormat* format : PlatformFormats()) {
    if (format == &kMailchimpAudienceFormat || format == &kMailchimpActivityFormat) continue;
    for (std::string_view name : {kSubscribed, kUnsubscribed, kCleaned, kActivity})
      EXPECT_FALSE(format->sniff(Fixture(name))) << format->name << " " << name;
  }
}

TEST(MailchimpSniffTest, LookalikesAreNotMailchimp) {
  for (std::string_view head : {
           "",
           "ts,channel,person,kind,content,value,tags\n2024-05-01T09:30:00Z,email,a@example.org,open,,,\n",
           "\"Email Address\",First Name,Campaign,Opened At,Member Rating\n",  // a column-mapped opens export
           "email,City,membership\n",
           "Title\n\"Email Address,MEMBER_RATING,OPTIN_TIME\"\n",
           R"([{"email_address": "a@example.org", "activity": []}])",
           R"({"emails": []})",
           R"({"members": [{"email_address": "a@example.org", "status": "subscribed"}]})",
       }) {
    EXPECT_FALSE(kMailchimpAudienceFormat.sniff(head)) << head;
    EXPECT_FALSE(kMailchimpActivityFormat.sniff(head)) << head;
  }
  EXPECT_TRUE(kMailchimpAudienceFormat.sniff("Email Address,MEMBER_RATING,OPTIN_TIME"));  // the header alone
}

TEST(MailchimpSniffTest, FormatsNameThemselves) {
  EXPECT_EQ(kMailchimpAudienceFormat.name, "mailchimp-audience");
  EXPECT_EQ(kMailchimpActivityFormat.name, "mailchimp-activity");
  EXPECT_EQ(kMailchimpAudienceFormat.default_channel, "email");
  EXPECT_EQ(kMailchimpActivityFormat.default_channel, "email");
  EXPECT_EQ(FindPlatformFormat("Mailchimp-Audience"), &kMailchimpAudienceFormat);
  EXPECT_THAT(PlatformFormatNames(), HasSubstr("mailchimp-audience, mailchimp-activity"));
}

}  // namespace
}  // namespace learnloop::ingest
