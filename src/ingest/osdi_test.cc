#include "ingest/osdi.h"

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

using ::testing::AllOf;
using testing::Context;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ReadFile;
using ::testing::StartsWith;
using Read = testing::PlatformRead;

constexpr std::string_view kPetition = "7a1c0e52-0d4b-4b8e-9a51-2f1d3c4b5a60";
constexpr std::string_view kEvent = "3e4f5a6b-1111-4222-8333-444455556666";
constexpr std::string_view kPage = "6d5c4b3a-2222-4333-8444-555566667777";

std::string Fixture(std::string_view name) {
  return ReadFile(testing::PlatformDataPath(fmt::format("actionnetwork/{}", name)));
}

Event E(std::string_view ts, std::string_view person, std::string_view kind, std::string_view content,
        std::optional<double> value = std::nullopt, std::string_view tags = "") {
  return {*ParseRfc3339(ts),    "actionnetwork", std::string(person), std::string(kind),
          std::string(content), value,           std::string(tags)};
}

Read ReadText(std::string_view text) { return testing::ReadRaw(kOsdiFormat, text, Context("f.json")); }

// A collection of `key` holding `records`, with no paging fields.
std::string Page(std::string_view key, std::string_view records) {
  return fmt::format(R"({{"_embedded": {{"{}": [{}]}}}})", key, records);
}

TEST(OsdiTest, SignaturesBecomePetitionEventsByEmailOrActionNetworkId) {
  Read r = ReadText(Fixture("signatures.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events,
              ElementsAre(E("2024-03-01T12:00:00Z", "cara@example.org", "petition", kPetition, std::nullopt,
                            "spring-newsletter"),
                          E("2024-03-02T08:30:00Z", "an:5b6c7d8e-aaaa-4bbb-8ccc-000000000002", "petition", kPetition),
                          E("2024-03-02T09:00:00Z", "an:5b6c7d8e-aaaa-4bbb-8ccc-000000000003", "petition", kPetition)));
  EXPECT_EQ(r.report.records, 5);
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{{"no usable date", 1},
                                                              {"no person (no email, person id or person link)", 1}}));
  ASSERT_EQ(r.report.warnings.size(), 2u);
  EXPECT_EQ(r.report.warnings[0],
            "f.json: _embedded.osdi:signatures[3].created_date: 'last tuesday' is not an ISO 8601 time like "
            "2024-03-01T12:00:00Z");
  EXPECT_THAT(r.report.warnings[1], StartsWith("f.json: _embedded.osdi:signatures[4]: expected _embedded.osdi:person"));
}

TEST(OsdiTest, AttendancesAreAttendingUnlessTheRecordSaysOnlyRegisteredOrDeclined) {
  Read r = ReadText(Fixture("attendances.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-04-10T17:45:00Z", "cara@example.org", "event_attend", kEvent),
                                         E("2024-04-11T09:00:00Z", "dev@example.net", "event_signup", "cleanup-2024"),
                                         E("2024-04-12T10:00:00Z", "an:5b6c7d8e-aaaa-4bbb-8ccc-000000000006",
                                           "event_signup", kEvent)));
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{{"an RSVP that was declined", 1}}));
}

TEST(OsdiTest, DonationsCarryTheirAmountAndPage) {
  Read r = ReadText(Fixture("donations.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events,
              ElementsAre(E("2024-05-01T15:20:00Z", "an:5b6c7d8e-aaaa-4bbb-8ccc-000000000001", "donation", kPage, 25),
                          E("2024-05-02T10:00:00Z", "eli@example.com", "donation", kPage, 1250.5)));
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{{"a donation without an amount", 1}}));
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_THAT(r.report.warnings[0], HasSubstr("_embedded.osdi:donations[2].amount: expected the amount"));
}

TEST(OsdiTest, OutreachesSubmissionsAndActionDatesReadToo) {
  Read r = ReadText(Page("osdi:outreaches", R"(
    {"created_date": "2024-06-02T00:00:00Z", "action_date": "2024-06-01T09:00:00Z", "action_network:person_id": "p1",
     "_links": {"osdi:advocacy_campaign": {"href": "https://x.org/api/v2/advocacy_campaigns/c1?x=1"}}})"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-06-01T09:00:00Z", "an:p1", "outreach", "c1")));
  Read form = ReadText(Page("osdi:submissions", R"(
    {"created_date": "2024-06-02T00:00:00Z",
     "_embedded": {"osdi:person": {"identifiers": ["x:1", "action_network:p2"]}},
     "_links": {"osdi:form": {"href": "https://x.org/api/v2/forms/f9"}}})"));
  ASSERT_TRUE(form.status.ok()) << form.status.message();
  EXPECT_THAT(form.sink.events, ElementsAre(E("2024-06-02T00:00:00Z", "an:p2", "form_submission", "f9")));
}

TEST(OsdiTest, SpacesAroundAPersonIdAreNotPartOfIt) {
  Read r = ReadText(Page("osdi:outreaches", R"(
    {"created_date": "2024-06-02T00:00:00Z", "action_network:person_id": " p1 "},
    {"created_date": "2024-06-02T00:00:00Z", "_links": {"osdi:person": {"href": "https://x.org/api/v2/people/p2 "}}})"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-06-02T00:00:00Z", "an:p1", "outreach", ""),
                                         E("2024-06-02T00:00:00Z", "an:p2", "outreach", "")));
}

TEST(OsdiTest, PagingFieldsAreAcceptedAndEachPageImportsAlone) {
  // An empty last page is a file with no records, not an error.
  Read empty = ReadText(R"({"total_pages": 3, "page": 3, "per_page": 25, "total_records": 50,
      "_links": {"self": {"href": "x"}}, "_embedded": {"osdi:signatures": []}})");
  ASSERT_TRUE(empty.status.ok()) << empty.status.message();
  EXPECT_EQ(empty.report.records, 0);
  EXPECT_TRUE(empty.sink.events.empty());
  // The next link is not followed: one file, one page.
  Read page = ReadText(Page("osdi:signatures", R"({"created_date": "2024-03-01T12:00:00Z",
      "action_network:person_id": "p", "_links": {"next": {"href": "https://actionnetwork.org/x?page=9"}}})"));
  EXPECT_EQ(page.sink.events.size(), 1u);
}

TEST(OsdiTest, WrongTypesInARecordSkipItWithItsPath) {
  Read r = ReadText(Page("osdi:signatures", R"(7, {"created_date": 20240301, "action_network:person_id": "p"},
      {"created_date": "2024-03-01T12:00:00Z", "action_network:person_id": 5, "_embedded": {"osdi:person": []},
       "_links": {"osdi:person": {"href": 3}}},
      {"created_date": "2024-03-01T12:00:00Z", "action_network:person_id": "p", "_links": {"osdi:petition": "x"}})"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.events, ElementsAre(E("2024-03-01T12:00:00Z", "an:p", "petition", "")));
  EXPECT_EQ(r.report.skipped_total(), 3);
  ASSERT_EQ(r.report.warnings.size(), 3u);
  EXPECT_EQ(r.report.warnings[0], "f.json: _embedded.osdi:signatures[0]: expected an object, found a number");
  EXPECT_THAT(r.report.warnings[1], StartsWith("f.json: _embedded.osdi:signatures[1].created_date: found a number"));
  EXPECT_THAT(r.report.warnings[2], StartsWith("f.json: _embedded.osdi:signatures[2]: expected _embedded.osdi:person"));
}

TEST(OsdiTest, UnusablePeopleAreSkippedByTheImportChecks) {
  auto control = testing::ReadPlatform(kOsdiFormat, Page("osdi:signatures", R"(
      {"created_date": "2024-03-01T12:00:00Z", "action_network:person_id": "a\u0007b"})"),
                                       "f.json");
  ASSERT_TRUE(control.ok());
  EXPECT_TRUE(control->events.empty());
  EXPECT_EQ(control->report.skipped.at("an event with an unusable field"), 1);
}

TEST(OsdiTest, DamagedFilesAreRefusedWithTheReason) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {R"({"_embedded": {"osdi:signatures": [)",
       "f.json:1:36: not valid JSON (is the file cut short?): it ends inside an array"},
      {"[]", "f.json: found an array; expected an OSDI collection"},
      {R"({"total_records": 0})", "f.json: found no _embedded records"},
      {R"({"_embedded": []})", "f.json: _embedded is an array"},
      {R"({"_embedded": {"osdi:signatures": {}}})", "f.json: _embedded.osdi:signatures is an object"},
      {R"({"_embedded": {"osdi:people": []}})", "f.json: _embedded holds osdi:people; expected"},
      {"", "f.json:1:1: not valid JSON: the file is empty"},
  };
  for (const auto& [input, expected] : cases) {
    Read r = ReadText(input);
    ASSERT_FALSE(r.status.ok()) << input;
    EXPECT_THAT(r.status.message(), StartsWith(expected)) << input;
  }
}

TEST(OsdiTest, CutShortIsAnErrorOrFewerRecordsNotACrash) {
  const std::string full = Fixture("donations.json");
  for (size_t size = 0; size <= full.size(); ++size) {
    Read r = ReadText(std::string_view(full).substr(0, size));
    if (size < full.size() - 2) {
      ASSERT_FALSE(r.status.ok()) << size;
    }
    if (!r.status.ok()) {
      ASSERT_THAT(r.status.message(), AllOf(StartsWith("f.json:"), HasSubstr("not valid JSON"))) << size;
    }
  }
}

TEST(OsdiTest, JsonTestSuiteFilesAreRefusedNotCrashedOn) {
  int files = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    const std::string text = ReadFile(json_file);
    Read r = ReadText(text);
    (void)kOsdiFormat.sniff(text);
    // None of them is an OSDI collection: each is refused, naming the file.
    EXPECT_FALSE(r.status.ok()) << json_file;
    EXPECT_THAT(r.status.message(), StartsWith("f.json:")) << json_file;
    ++files;
  }
  EXPECT_GT(files, 300);
}

// Every fixture of the other platform formats.
std::vector<std::string> OtherFixtures() {
  std::vector<std::string> files;
  for (const auto& dir : std::filesystem::directory_iterator(testing::PlatformDataPath(""))) {
    const std::string name = dir.path().filename().string();
    if (name == "actionnetwork" || name == "civicrm") continue;
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) files.push_back(file.path().string());
  }
  return files;
}

TEST(OsdiSniffTest, KnowsItsFilesAndNoOthers) {
  for (std::string_view file : {"signatures.json", "attendances.json", "donations.json"}) {
    const std::string head = Fixture(file);
    EXPECT_TRUE(kOsdiFormat.sniff(head)) << file;
    EXPECT_TRUE(kOsdiFormat.sniff(head.substr(0, 700))) << file;  // cut short
    EXPECT_EQ(SniffPlatformFormat(head), &kOsdiFormat) << file;
    // And the other formats do not take it.
    for (const PlatformFormat* format : PlatformFormats())
      EXPECT_EQ(format->sniff(head), format == &kOsdiFormat) << file << " " << format->name;
  }
  const auto others = OtherFixtures();
  EXPECT_GT(others.size(), 8u);
  for (const std::string& path : others) {
    const std::string head = ReadFile(path).substr(0, kSniffBytes);
    EXPECT_FALSE(kOsdiFormat.sniff(head)) << path;
  }
  for (std::string_view head : {"", "{}", R"({"_embedded": {"items": []}})", R"([{"osdi:x": 1}])",
                                "ts,channel,person,kind\n2024-05-01T00:00:00Z,m,a,like\n"})
    EXPECT_FALSE(kOsdiFormat.sniff(head)) << head;
}

TEST(OsdiSniffTest, FormatNamesItself) {
  EXPECT_EQ(kOsdiFormat.name, "osdi");
  EXPECT_EQ(kOsdiFormat.default_channel, "actionnetwork");
  EXPECT_EQ(FindPlatformFormat("OSDI"), &kOsdiFormat);
  EXPECT_THAT(kOsdiFormat.title, HasSubstr("Action Network"));
  Read r = testing::ReadRaw(kOsdiFormat, Fixture("donations.json"), Context("f.json", "an-second"));
  ASSERT_FALSE(r.sink.events.empty());
  EXPECT_EQ(r.sink.events[0].channel, "an-second");
}

}  // namespace
}  // namespace learnloop::ingest
