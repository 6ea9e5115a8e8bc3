#include "ingest/mobilize.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/actblue.h"
#include "ingest/bluesky.h"
#include "ingest/mastodon.h"
#include "ingest/test_util.h"
#include "ingest/x_archive.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ReadFile;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::StartsWith;

constexpr std::string_view kUnreadable = "an attendance with a missing or unreadable field";
constexpr std::string_view kNoEmail = "an attendance without the person's email (Mobilize shares none for some people)";

std::string Fixture(std::string_view name) {
  return ReadFile(testing::PlatformDataPath(fmt::format("mobilize/{}", name)));
}

Event E(std::string_view ts, std::string_view person, std::string_view kind, std::string_view content,
        std::string_view tags) {
  return {*ParseRfc3339(ts),    "mobilize",   std::string(person), std::string(kind),
          std::string(content), std::nullopt, std::string(tags)};
}

// Reads `text` as an import does (through ReadPlatformFile's checks).
testing::Records Read(std::string_view text, const PlatformContext& context = testing::Context("m.json")) {
  testing::Records records;
  Status status = ReadPlatformFile(kMobilizeFormat, text, context, records, records.report, records.custom_kinds);
  EXPECT_TRUE(status.ok()) << status.message();
  return records;
}

// The format's own read of `text`: its error message, or "".
std::string ErrorOf(std::string_view text, std::string_view file = "m.json") {
  testing::Records sink;
  ReadReport report;
  Status status = kMobilizeFormat.read(*ChunkedInput::FromView(text, std::string(file)),
                                       testing::Context(std::string(file)), sink, report);
  return status.ok() ? "" : status.message();
}

// A page holding `items`, each an attendance's JSON.
std::string Page(std::string_view items) {
  return fmt::format(R"({{"count": 1, "next": null, "previous": null, "data": [{}]}})", items);
}

constexpr std::string_view kGood =
    R"({"created_date": 1714000000, "status": "REGISTERED", "attended": true,
        "person": {"email_addresses": [{"primary": true, "address": "a@x.org"}]},
        "event": {"id": 1}, "timeslot": {"id": 2, "start_date": 1714838400}})";

TEST(MobilizeTest, ReadsAnAttendancesPage) {
  testing::Records r = Read(Fixture("attendances.json"));
  const std::string ana = "ana.alvarez@example.org";
  EXPECT_THAT(
      r.events,
      ElementsAre(
          E("2024-04-24T23:06:40Z", ana, "event_signup", "612/4410", "canvass;confirmed"),
          E("2024-05-04T16:00:00Z", ana, "event_attend", "612/4410", "canvass"),
          // Registered, and marked as not there.
          E("2024-04-26T02:53:20Z", "ben@example.net", "event_signup", "612/4410", "canvass;registered;no-show"),
          // Attendance not yet marked: the signup alone.
          E("2024-04-27T06:40:00Z", "cara@example.com", "event_signup", "640/4502", "phone_bank;registered"),
          // A second shift of the same event, signed up for in the same second.
          E("2024-04-24T23:06:40Z", ana, "event_signup", "612/4411", "canvass;confirmed"),
          E("2024-05-04T19:00:00Z", ana, "event_attend", "612/4411", "canvass"),
          E("2024-04-25T02:10:00Z", "gus@example.org", "event_signup", "640/4502", "phone_bank;registered"),
          E("2024-05-11T16:00:00Z", "gus@example.org", "event_attend", "640/4502", "phone_bank")));
  EXPECT_EQ(r.report.records, 8);
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("a cancelled registration", 1), Pair(kUnreadable, 1), Pair(kNoEmail, 1)));
  ASSERT_EQ(r.report.warnings.size(), 2u);
  EXPECT_EQ(r.report.warnings[0],
            "m.json: data[4].timeslot.start_date: expected a Unix time in seconds, found a string");
  EXPECT_EQ(r.report.warnings[1], "m.json: data[5].person.email_addresses: no email address");
  EXPECT_EQ(r.custom_kinds, 5);  // the signups; event_attend is built in
  EXPECT_THAT(r.observations, IsEmpty());
}

TEST(MobilizeTest, PeopleGetTheirNamesAndZipButNoPhone) {
  testing::Records r = Read(Fixture("attendances.json"));
  const std::string ana = "ana.alvarez@example.org";
  EXPECT_EQ(r.attributes, (std::vector<PersonAttribute>{{ana, "first_name", "Ana"},
                                                        {ana, "last_name", "Alvarez"},
                                                        {ana, "zip", "19104"},
                                                        {"ben@example.net", "first_name", "Ben"},
                                                        {"ben@example.net", "last_name", "Okafor"},
                                                        {"ben@example.net", "zip", "08102"},
                                                        {"cara@example.com", "first_name", "Cara"},
                                                        {ana, "first_name", "Ana"},
                                                        {ana, "last_name", "Alvarez"},
                                                        {ana, "zip", "19104"},
                                                        {"gus@example.org", "first_name", "Gus"},
                                                        {"gus@example.org", "last_name", "Hall"}}));
}

TEST(MobilizeTest, PagesImportOneByOne) {
  testing::Records page2 = Read(Fixture("attendances-page2.json"), testing::Context("p2.json", "mobilize-c3"));
  EXPECT_EQ(page2.report.records, 1);
  EXPECT_EQ(page2.events, (std::vector<Event>{{*ParseRfc3339("2024-04-29T14:13:20Z"), "mobilize-c3", "dee@example.org",
                                               "event_signup", "640/4502", std::nullopt, "phone_bank;registered"}}));
  EXPECT_THAT(page2.report.skipped, IsEmpty());
}

TEST(MobilizeTest, BadFieldsAreSkippedWithTheirPath) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {R"("status": 3)", "data[0].status: expected REGISTERED, CONFIRMED or CANCELLED, found a number"},
      {R"("status": "WAITLISTED")", "data[0].status: 'WAITLISTED' is not a status Mobilize documents"},
      {R"("created_date": "yesterday")", "data[0].created_date: expected a Unix time in seconds, found a string"},
      {R"("created_date": -5)", "data[0].created_date: expected a Unix time in seconds, found a number"},
      {R"("created_date": 1e300)", "data[0].created_date: expected a Unix time in seconds, found a number"},
      {R"("created_date": null)", "data[0].created_date: expected a Unix time in seconds, found nothing"},
      {R"("attended": "yes")", "data[0].attended: expected true, false or null, found a string"},
      {R"("event": {"id": [1]})", "data[0].event.id: expected the event's id, found an array"},
      {R"("event": {"id": "a/b"})", "data[0].event.id: expected the event's id, found a string"},
      {R"("event": 7)", "data[0].event.id: expected the event's id, found nothing"},
      {R"("timeslot": {"id": {}})", "data[0].timeslot.id: expected the timeslot's id, found an object"},
      {R"("timeslot": {"id": 2})", "data[0].timeslot.start_date: expected a Unix time in seconds, found nothing"},
      {R"("person": {"email_addresses": [{"primary": true, "address": 5}]})",
       "data[0].person.email_addresses: no email address"},
      {R"("person": null)", "data[0].person.email_addresses: no email address"},
  };
  for (const auto& [change, warning] : cases) {
    // The change replaces one member (its key up to the next ',' or the
    // record's end) of a good attendance.
    std::string record(kGood);
    const std::string key = std::string(change.substr(0, change.find(':')));
    const size_t at = record.find(key);
    ASSERT_NE(at, std::string::npos) << key;
    size_t end = at + key.size() + 1;
    int depth = 0;
    for (; end < record.size(); ++end) {
      const char c = record[end];
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (depth == 0) break;
        --depth;
      }
      if (c == ',' && depth == 0) break;
    }
    record.replace(at, end - at, change);
    testing::Records r = Read(Page(fmt::format("{}, {}", record, kGood)));
    EXPECT_EQ(r.report.records, 2) << change;
    EXPECT_EQ(r.report.skipped_total(), 1) << change;
    ASSERT_EQ(r.report.warnings.size(), 1u) << change;
    EXPECT_EQ(r.report.warnings[0], fmt::format("m.json: {}", warning)) << change;
    EXPECT_EQ(r.events.size(), 2u) << change;  // the good record's signup and attendance
  }
  testing::Records odd = Read(Page(fmt::format("7, {}", kGood)));
  EXPECT_THAT(odd.report.skipped, ElementsAre(Pair("not an object (a damaged entry)", 1)));
  EXPECT_EQ(odd.report.warnings, std::vector<std::string>{"m.json: data[0]: expected an object, found a number"});
  // An email with a space or a control character is no email.
  testing::Records control = Read(Page(R"({"created_date": 1, "status": "REGISTERED", "event": {"id": 1},
      "person": {"email_address": "a\u0000 b@x.org"}})"));
  EXPECT_THAT(control.report.skipped, ElementsAre(Pair(kUnreadable, 1)));
  EXPECT_THAT(control.report.warnings, ElementsAre(StartsWith("m.json: data[0].person.email_addresses: '")));
  EXPECT_THAT(control.events, IsEmpty());
  // An odd event type is no tag.
  testing::Records odd_type = Read(Page(R"({"created_date": 1, "status": "REGISTERED", "event": {"id": 1,
      "event_type": "a\u0000b"}, "person": {"email_address": "a@x.org"}})"));
  ASSERT_EQ(odd_type.events.size(), 1u);
  EXPECT_EQ(odd_type.events[0].tags, "registered");
}

TEST(MobilizeTest, DamagedFilesAreRefused) {
  EXPECT_THAT(ErrorOf(R"({"data": [{"id": 1, "status": "REGI)"),
              AllOf(StartsWith("m.json:"), HasSubstr("not valid JSON (is the file cut short?)")));
  EXPECT_THAT(ErrorOf("[]"), StartsWith("m.json: the file holds an array; expected Mobilize's answer"));
  EXPECT_THAT(ErrorOf(R"({"data": null, "error": {"detail": "Invalid token."}})"),
              StartsWith("m.json: the saved answer is Mobilize's error '{\"detail\":\"Invalid token.\"}'"));
  EXPECT_THAT(ErrorOf(R"({"count": 0})"), StartsWith("m.json: data is missing; expected"));
  EXPECT_THAT(ErrorOf(R"({"data": {"id": 1}})"), StartsWith("m.json: data is an object; expected"));
  EXPECT_EQ(ErrorOf(R"({"count": 0, "next": null, "previous": null, "data": [], "error": null})"), "");
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF" + Page("")), "");
}

TEST(MobilizeTest, CutShortIsAnErrorNotACrash) {
  const std::string full = Fixture("attendances.json");
  const size_t last = full.rfind('}');
  for (size_t size = 0; size < last; ++size) {
    std::string error = ErrorOf(std::string_view(full).substr(0, size));
    ASSERT_THAT(error, StartsWith("m.json:")) << size;
  }
  EXPECT_THAT(ErrorOf(full.substr(0, full.size() / 2)), HasSubstr("is the file cut short?"));
}

// No file of JSONTestSuite is an attendances page: each is refused, naming the file.
TEST(MobilizeTest, JsonTestSuiteNeverCrashes) {
  int files = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    const std::string text = ReadFile(json_file);
    (void)kMobilizeFormat.sniff(text.substr(0, kSniffBytes));
    const std::string name = json_file.filename().string();
    EXPECT_THAT(ErrorOf(text, name), StartsWith(name + ":")) << name;
    ++files;
  }
  EXPECT_GT(files, 300);
}

TEST(MobilizeSniffTest, KnowsItsFilesAndNoOthers) {
  for (std::string_view file : {"attendances.json", "attendances-page2.json"}) {
    const std::string head = Fixture(file).substr(0, kSniffBytes);
    EXPECT_TRUE(kMobilizeFormat.sniff(head)) << file;
    EXPECT_EQ(SniffPlatformFormat(head), &kMobilizeFormat) << file;
    EXPECT_FALSE(kMastodonApiFormat.sniff(head)) << file;
    EXPECT_FALSE(kBlueskyFormat.sniff(head)) << file;
    EXPECT_FALSE(kXArchiveFormat.sniff(head)) << file;
    EXPECT_FALSE(kXAnalyticsFormat.sniff(head)) << file;
    EXPECT_FALSE(kActBlueFormat.sniff(head)) << file;
  }
  EXPECT_TRUE(kMobilizeFormat.sniff(Fixture("attendances.json").substr(0, 1000)));  // cut mid-record
  for (std::string_view file : {"mastodon/notifications.json", "mastodon/statuses.json", "bluesky/notifications.json",
                                "bluesky/author_feed.json", "bluesky/search_posts.json", "x/tweets.js",
                                "x/account_analytics_content.csv", "actblue/contributions.csv"}) {
    EXPECT_FALSE(kMobilizeFormat.sniff(ReadFile(testing::PlatformDataPath(file)).substr(0, kSniffBytes))) << file;
  }
  for (std::string_view other :
       {"", R"({"data": [{"id": 1, "title": "Canvass", "timeslots": []}]})", R"({"timeslot": 1, "status": "x"})",
        R"([{"data": 1, "timeslot": 2, "status": 3}])", R"({"data": [], "note": "\"timeslot\" \"status\""})"})
    EXPECT_FALSE(kMobilizeFormat.sniff(other)) << other;
}

TEST(MobilizeTest, FormatNamesItself) {
  EXPECT_EQ(kMobilizeFormat.name, "mobilize-attendances");
  EXPECT_EQ(kMobilizeFormat.default_channel, "mobilize");
  EXPECT_EQ(FindPlatformFormat("Mobilize-Attendances"), &kMobilizeFormat);
  EXPECT_THAT(kMobilizeFormat.title, HasSubstr("attendances"));
}

}  // namespace
}  // namespace learnloop::ingest
