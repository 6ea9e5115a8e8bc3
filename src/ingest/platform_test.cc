#include "ingest/platform.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "ingest/input_text.h"
#include "ingest/platform_formats.h"
#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::testing::HasSubstr;

// A format that yields whatever the test puts in Emitted() and Observed().
std::vector<Event>& Emitted() {
  static std::vector<Event> events;
  return events;
}
std::vector<Observation>& Observed() {
  static std::vector<Observation> observations;
  return observations;
}

Status EmitAll(ChunkedInput&, const PlatformContext&, RecordSink& sink, ReadReport& report) {
  for (const Event& e : Emitted()) {
    ++report.records;
    LL_RETURN_IF_ERROR(sink.Event(e.view()));
  }
  for (const Observation& o : Observed()) LL_RETURN_IF_ERROR(sink.Observation(o));
  return Status::Ok();
}

constexpr PlatformFormat kFake = {"fake", "a test format", "fake", [](std::string_view) { return false; }, EmitAll};

Event E(std::string person, std::string kind, std::string content = "", std::string tags = "") {
  return {Timestamp{0}, "m", std::move(person), std::move(kind), std::move(content), std::nullopt, std::move(tags)};
}

// Whatever a format hands on, an import gets only what the canonical
// readers would accept: names trimmed, tags normalized, the rest skipped
// with the reason.
TEST(PlatformTest, RecordsAreCheckedAndNormalizedBeforeTheStoreSeesThem) {
  Emitted() = {E("  @ana@x.social ", "like", "post1", " a; ;b "), E("", "like"), E("@bo", "Not A Kind"),
               E("@cy", "like", std::string("a\0b", 3)), E("@dee", "fan_mail")};
  Observed() = {{1, "m", "post1", "likes", 3}, {1, "m", "post1", "Bad Metric", 3}};
  auto read = testing::ReadPlatform(kFake, "", "f.json");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->events, (std::vector<Event>{E("@ana@x.social", "like", "post1", "a;b"), E("@dee", "fan_mail")}));
  EXPECT_EQ(read->custom_kinds, 1);
  EXPECT_EQ(read->observations, (std::vector<Observation>{{1, "m", "post1", "likes", 3}}));
  EXPECT_EQ(read->report.skipped, (std::map<std::string, int64_t>{{"an event with an unusable field", 3},
                                                                  {"an observation with an unusable field", 1}}));
  ASSERT_EQ(read->report.warnings.size(), 4u);
  EXPECT_THAT(read->report.warnings[0], HasSubstr("f.json: record of '': person is empty"));
  EXPECT_THAT(read->report.warnings[2], HasSubstr("content holds a NUL byte"));
}

// Names of printable ASCII are checked eight bytes at a time, and ASCII
// content is checked for UTF-8 so too: a control byte, DEL or bad UTF-8 at
// any position (in a word or in the tail) still skips the record.
TEST(PlatformTest, EveryByteOfANameAndOfContentIsChecked) {
  const std::string text = "@supporter.name.1234";  // 20 bytes: two words and a tail
  Emitted().clear();
  Observed().clear();
  for (size_t at = 0; at < text.size(); ++at) {
    for (char bad : {'\x01', '\x1f', '\x7f', '\xff'}) {
      std::string person = text;
      person[at] = bad;
      Emitted().push_back(E(person, "like"));
    }
    std::string content = text;
    content[at] = '\xc3';  // a two-byte sequence cut short
    Emitted().push_back(E("@ana", "like", content));
  }
  const std::vector<Event> good = {E(text, "like", text), E("@zoë.müller.2024", "like", "Café ☕, merci à tous")};
  Emitted().insert(Emitted().end(), good.begin(), good.end());
  auto read = testing::ReadPlatform(kFake, "", "f.json");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->events, good);
  EXPECT_EQ(read->report.skipped_total(), static_cast<int64_t>(text.size() * 5));
}

TEST(PlatformTest, WarningsStopAtTheirLimitAndCountTheRest) {
  ReadReport report;
  for (int i = 0; i < 25; ++i) report.Warn("w");
  EXPECT_EQ(report.warnings.size(), ReadReport::kMaxWarnings);
  EXPECT_EQ(report.more_warnings, 5);
}

TEST(PlatformTest, FormatsAreFoundByNameAndListed) {
  EXPECT_NE(FindPlatformFormat("BLUESKY-API"), nullptr);
  EXPECT_EQ(FindPlatformFormat("myspace"), nullptr);
  EXPECT_THAT(PlatformFormatNames(), HasSubstr("mastodon-api, bluesky-api"));
  EXPECT_EQ(SniffPlatformFormat("ts,channel,person,kind\n"), nullptr);
}

}  // namespace
}  // namespace learnloop::ingest

namespace learnloop::ingest {
namespace {

// The format each fixture under tests/testdata/platforms is, by folder and
// (where a folder holds two formats) by file name.
std::string_view ExpectedFormat(const std::filesystem::path& file) {
  const std::string folder = file.parent_path().filename().string();
  const std::string name = file.filename().string();
  const bool csv = file.extension() == ".csv";
  if (folder == "mastodon")
    return name == "outbox.json" || name == "likes.json" || name == "bookmarks.json" || name == "actor.json"
               ? "mastodon-archive"
               : "mastodon-api";
  if (folder == "bluesky") return "bluesky-api";
  if (folder == "x") return csv ? "x-analytics" : "x-archive";
  if (folder == "meta") return name.starts_with("instagram") ? "instagram-posts" : "facebook-posts";
  if (folder == "mailchimp") return csv ? "mailchimp-audience" : "mailchimp-activity";
  if (folder == "actblue") return "actblue-contributions";
  if (folder == "mobilize") return "mobilize-attendances";
  if (folder == "actionnetwork") {
    if (!csv) return "osdi";
    return name.starts_with("activists") ? "actionnetwork-activists" : "actionnetwork-actions";
  }
  if (folder == "feeds") return file.extension() == ".json" ? "json-feed" : "feed";
  if (folder == "civicrm") return name.starts_with("activities") ? "civicrm-activities" : "civicrm-contributions";
  return {};
}

// Each format's sniff was written beside the formats there were then; this
// checks every pair: each fixture is its own format and no other's.
TEST(PlatformSniffTest, EveryFixtureIsItsOwnFormatAndNoOther) {
  int files = 0;
  std::set<std::string_view> seen;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::PlatformDataPath(""))) {
    if (!entry.is_regular_file()) continue;
    const std::string_view expected = ExpectedFormat(entry.path());
    ASSERT_FALSE(expected.empty()) << entry.path() << ": a fixture this test does not know; add it";
    const std::string bytes = testing::ReadFile(entry.path()).substr(0, kSniffBytes);
    const std::string_view head = WithoutBom(bytes);
    for (const PlatformFormat* format : PlatformFormats())
      EXPECT_EQ(format->sniff(head), format->name == expected) << entry.path() << " and " << format->name;
    const PlatformFormat* sniffed = SniffPlatformFormat(head);
    ASSERT_NE(sniffed, nullptr) << entry.path();
    EXPECT_EQ(sniffed->name, expected) << entry.path();
    seen.insert(sniffed->name);
    ++files;
  }
  EXPECT_GE(files, 25);
  EXPECT_EQ(seen.size(), PlatformFormats().size()) << "every format has a fixture";
}

}  // namespace
}  // namespace learnloop::ingest
