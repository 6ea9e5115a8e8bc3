#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/column_mapping.h"
#include "ingest/event_reader.h"
#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ErrorOf;
using ::learnloop::ingest::testing::ReadAll;
using ::learnloop::ingest::testing::TestDataPath;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const ReadOptions kJsonl{.mapping = nullptr, .display_name = "t.jsonl"};

std::string Line(std::string_view extra) {
  return "{\"ts\":\"2024-05-01T09:30:00Z\",\"channel\":\"mastodon\",\"person\":\"@ana\",\"kind\":\"like\"" +
         std::string(extra) + "}\n";
}

TEST(JsonlReaderTest, ReadsEventsWithEveryValueShape) {
  auto events = ReadAll(Line("") + Line(",\"content\":\"hi\\n\\u00e9\",\"value\":12.5,\"tags\":\"a; b\"") +
                            Line(",\"content\":null,\"value\":\"7\",\"tags\":[\"x\",\" y \",\"\"]") +
                            Line(",\"value\":null,\"tags\":null") + Line(",\"value\":-3"),
                        kJsonl);
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 5u);
  EXPECT_EQ((*events)[0].ts, *ParseRfc3339("2024-05-01T09:30:00Z"));
  EXPECT_EQ((*events)[0].person, "@ana");
  EXPECT_EQ((*events)[1].content, "hi\n\xC3\xA9");
  EXPECT_EQ((*events)[1].value, 12.5);
  EXPECT_EQ((*events)[1].tags, "a;b");
  EXPECT_EQ((*events)[2].content, "");
  EXPECT_EQ((*events)[2].value, 7);
  EXPECT_EQ((*events)[2].tags, "x;y");
  EXPECT_FALSE((*events)[3].value.has_value());
  EXPECT_EQ((*events)[4].value, -3);
}

TEST(JsonlReaderTest, SkipsBlankLinesAndAcceptsCrlfAndBom) {
  std::string text = "\xEF\xBB\xBF\n" + Line("") + "  \r\n\n" +
                     "{\"ts\":\"2024-05-01T09:30:00Z\",\"channel\":\"x\",\"person\":\"b\",\"kind\":\"Share\"}\r\n";
  auto events = ReadAll(text, kJsonl);
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].kind, "share");
}

TEST(JsonlReaderTest, UnknownKeyIsNamed) {
  EXPECT_THAT(ErrorOf(Line("") + Line(",\"email\":\"a@b\""), kJsonl),
              AllOf(StartsWith("t.jsonl:2: field 'email': unknown key"), HasSubstr("ts, channel, person, kind")));
}

TEST(JsonlReaderTest, KeysAreCaseSensitive) {
  EXPECT_THAT(ErrorOf(Line(",\"Tags\":\"a\""), kJsonl), StartsWith("t.jsonl:1: field 'Tags': unknown key"));
}

TEST(JsonlReaderTest, MissingAndDuplicateKeys) {
  EXPECT_THAT(ErrorOf("{\"ts\":\"2024-05-01T09:30:00Z\",\"channel\":\"x\",\"kind\":\"like\"}\n", kJsonl),
              StartsWith("t.jsonl:1: field 'person': missing required key"));
  EXPECT_THAT(ErrorOf(Line(",\"kind\":\"share\""), kJsonl), StartsWith("t.jsonl:1: field 'kind': key appears twice"));
}

TEST(JsonlReaderTest, WrongTypesNameLineAndKey) {
  EXPECT_THAT(ErrorOf("{\"ts\":1714555800,\"channel\":\"x\",\"person\":\"a\",\"kind\":\"like\"}\n", kJsonl),
              StartsWith("t.jsonl:1: field 'ts': is not a string"));
  EXPECT_THAT(ErrorOf(Line("") + Line(",\"value\":true"), kJsonl),
              StartsWith("t.jsonl:2: field 'value': is neither a number"));
  EXPECT_THAT(ErrorOf(Line(",\"tags\":[\"a\",1]"), kJsonl), StartsWith("t.jsonl:1: field 'tags': is not a string"));
  EXPECT_THAT(ErrorOf(Line(",\"tags\":{\"a\":1}"), kJsonl), StartsWith("t.jsonl:1: field 'tags': is not a string"));
  EXPECT_THAT(ErrorOf(Line(",\"content\":[]"), kJsonl), StartsWith("t.jsonl:1: field 'content': is not a string"));
  EXPECT_THAT(ErrorOf(Line(",\"value\":\"ten\""), kJsonl),
              StartsWith("t.jsonl:1: field 'value': 'ten' is not a number"));
}

TEST(JsonlReaderTest, InvalidJsonNamesTheLine) {
  EXPECT_THAT(ErrorOf(Line("") + Line("") + "{\"ts\":\"2024\",\n", kJsonl),
              AllOf(StartsWith("t.jsonl:3: invalid JSON"), HasSubstr("one JSON object per line")));
  EXPECT_THAT(ErrorOf(Line("") + "[1,2]\n", kJsonl), StartsWith("t.jsonl:2: line is not a JSON object"));
  EXPECT_THAT(ErrorOf(Line("") + "{} {}\n", kJsonl), StartsWith("t.jsonl:2: invalid JSON"));
}

TEST(JsonlReaderTest, EscapesCannotSmuggleNulOrLoneSurrogates) {
  EXPECT_THAT(ErrorOf(Line(",\"content\":\"a\\u0000b\""), kJsonl),
              StartsWith("t.jsonl:1: field 'content': holds a NUL character"));
  EXPECT_THAT(ErrorOf(Line(",\"content\":\"\\ud800\""), kJsonl), StartsWith("t.jsonl:1"));
}

TEST(JsonlReaderTest, FieldChecksMatchCsv) {
  EXPECT_THAT(ErrorOf("{\"ts\":\"yesterday\",\"channel\":\"x\",\"person\":\"a\",\"kind\":\"like\"}\n", kJsonl),
              StartsWith("t.jsonl:1: field 'ts': bad timestamp 'yesterday'"));
  EXPECT_THAT(
      ErrorOf("{\"ts\":\"2024-05-01T09:30:00Z\",\"channel\":\" \",\"person\":\"a\",\"kind\":\"like\"}\n", kJsonl),
      StartsWith("t.jsonl:1: field 'channel': is empty"));
}

TEST(JsonlReaderTest, CustomKindsAreCounted) {
  auto reader = OpenEventBuffer(
      "{\"ts\":\"2024-05-01T09:30:00Z\",\"channel\":\"x\",\"person\":\"a\",\"kind\":\"webinar_signup\"}\n" + Line(""),
      kJsonl);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EventView view;
  while (*(*reader)->Next(&view)) {
  }
  EXPECT_EQ((*reader)->counts().rows, 2);
  EXPECT_EQ((*reader)->counts().custom_kinds, 1);
}

TEST(JsonlReaderTest, HundredMegabyteContentIsReadIntact) {
  std::string content(100 << 20, 'y');
  content[5] = '"';
  std::string line =
      "{\"ts\":\"2024-05-01T09:30:00Z\",\"channel\":\"x\",\"person\":\"a\",\"kind\":\"comment\",\"content\":\"";
  line += content.substr(0, 5) + "\\\"" + content.substr(6) + "\"}\n";
  auto events = ReadAll(std::move(line), kJsonl);
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_TRUE((*events)[0].content == content);
}

TEST(JsonlReaderTest, MappingIsForCsvOnly) {
  auto mapping = ParseColumnMapping("[columns]\nts=\"a\"\nchannel=\"b\"\nperson=\"c\"\nkind=\"d\"\n", "m.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  EXPECT_THAT(ErrorOf(Line(""), {.mapping = &*mapping, .display_name = "t.jsonl"}),
              HasSubstr("t.jsonl: a column mapping applies only to CSV files"));
}

TEST(JsonlReaderTest, SampleFileReads) {
  auto reader = OpenEventFile(TestDataPath("events.jsonl"), {});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EventView view;
  int rows = 0;
  while (*(*reader)->Next(&view)) ++rows;
  EXPECT_EQ(rows, 3);
}

// Every file of JSONTestSuite: none is an event file, so each must be
// rejected with a message naming it, and none may crash the reader.
TEST(JsonlReaderTest, JsonTestSuiteIsRejectedCleanly) {
  std::filesystem::path dir =
      std::filesystem::path(LEARNLOOP_SOURCE_DIR) / "../shared/corpora/JSONTestSuite/test_parsing";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    auto events = ReadAll(testing::ReadFile(entry.path()), {.mapping = nullptr, .display_name = name});
    ++files;
    if (name.starts_with("i_")) continue;
    ASSERT_FALSE(events.ok()) << name;
    EXPECT_THAT(events.status().message(), StartsWith(name)) << name;
  }
  EXPECT_GT(files, 300);
}

}  // namespace
}  // namespace learnloop::ingest
