#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/column_mapping.h"
#include "ingest/event_fields.h"
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

TEST(JsonlReaderTest, WrongTypesNameLineKeyAndWhatWasExpected) {
  EXPECT_EQ(ErrorOf("{\"ts\":1714555800,\"channel\":\"x\",\"person\":\"a\",\"kind\":\"like\"}\n", kJsonl),
            "t.jsonl:1: field 'ts': is a number (1714555800), not a string; expected a string");
  EXPECT_EQ(ErrorOf(Line("") + Line(",\"value\":true"), kJsonl),
            "t.jsonl:2: field 'value': is a boolean (true), not a string; expected a number like 12.5, a numeric "
            "string or null");
  EXPECT_THAT(ErrorOf(Line(",\"tags\":[\"a\",1]"), kJsonl),
              StartsWith("t.jsonl:1: field 'tags': is a number (1), not a string; expected a string like \"a;b\""));
  EXPECT_THAT(ErrorOf(Line(",\"tags\":{\"a\":1}"), kJsonl), StartsWith("t.jsonl:1: field 'tags': is an object"));
  EXPECT_THAT(ErrorOf(Line(",\"content\":[]"), kJsonl),
              StartsWith("t.jsonl:1: field 'content': is an array, not a string; expected a string or null"));
  EXPECT_THAT(ErrorOf(Line(",\"value\":\"ten\""), kJsonl),
              StartsWith("t.jsonl:1: field 'value': 'ten' is not a number"));
}

TEST(JsonlReaderTest, BadValuesNameTheirKey) {
  // simdjson's own errors ("Problem while parsing a number") once came
  // without the key; now each value is parsed when its key is read.
  EXPECT_THAT(ErrorOf(Line(",\"value\":1e400"), kJsonl),
              AllOf(StartsWith("t.jsonl:1: field 'value': '1e400' is not a number"), HasSubstr("1.8e308")));
  EXPECT_THAT(ErrorOf(Line(",\"value\":tru"), kJsonl), StartsWith("t.jsonl:1: field 'value': "));
  EXPECT_THAT(ErrorOf(Line(",\"content\":\"a\\qb\""), kJsonl),
              AllOf(StartsWith("t.jsonl:1: field 'content': invalid JSON"), HasSubstr("expected a string or null")));
  EXPECT_THAT(ErrorOf(Line(",\"value\":nul"), kJsonl), StartsWith("t.jsonl:1: field 'value': invalid JSON"));
}

TEST(JsonlReaderTest, NumbersReadAsInCsv) {
  // One parse for both formats: a 30-digit integer is a (rounded) double.
  auto jsonl = ReadAll(Line(",\"value\":123456789012345678901234567890"), kJsonl);
  ASSERT_TRUE(jsonl.ok()) << jsonl.status().message();
  auto csv =
      ReadAll("ts,channel,person,kind,value\n2024-05-01T09:30:00Z,mastodon,@ana,like,123456789012345678901234567890\n");
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  EXPECT_EQ((*jsonl)[0].value, (*csv)[0].value);
  EXPECT_EQ((*jsonl)[0].value, 1.2345678901234568e29);
  auto both = ReadAll(Line(",\"value\":-0.5e-3") + Line(",\"value\":\"-0.5e-3\""), kJsonl);
  ASSERT_TRUE(both.ok()) << both.status().message();
  EXPECT_EQ((*both)[0].value, -0.0005);
  EXPECT_EQ((*both)[1].value, -0.0005);
}

TEST(JsonlReaderTest, LeapSecondReadsAsInCsvOnTheSameDay) {
  auto jsonl =
      ReadAll("{\"ts\":\"2016-12-31T23:59:60Z\",\"channel\":\"x\",\"person\":\"a\",\"kind\":\"like\"}\n", kJsonl);
  ASSERT_TRUE(jsonl.ok()) << jsonl.status().message();
  auto csv = ReadAll("ts,channel,person,kind\n2016-12-31T23:59:60Z,x,a,like\n");
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  EXPECT_EQ((*jsonl)[0].ts, *ParseRfc3339("2016-12-31T23:59:59.999999Z"));
  EXPECT_EQ((*csv)[0].ts, (*jsonl)[0].ts);
}

TEST(JsonlReaderTest, InvalidJsonNamesTheLine) {
  EXPECT_THAT(ErrorOf(Line("") + Line("") + "{\"ts\":\"2024\",\n", kJsonl),
              AllOf(StartsWith("t.jsonl:3: invalid JSON"), HasSubstr("one JSON object per line")));
  EXPECT_THAT(ErrorOf(Line("") + "[1,2]\n", kJsonl), StartsWith("t.jsonl:2: line is not a JSON object"));
  EXPECT_THAT(ErrorOf(Line("") + "{} {}\n", kJsonl), StartsWith("t.jsonl:2: invalid JSON: text after the object"));
  EXPECT_THAT(ErrorOf("{\"ts\":\"2024-05-01T09:30:00Z\",,\"kind\":\"like\"}\n", kJsonl),
              StartsWith("t.jsonl:1: invalid JSON after the key 'ts'"));
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

TEST(JsonlReaderTest, ContentAtTheLimitIsReadIntactAndLongerIsRefused) {
  std::string content(kMaxContentBytes, 'y');
  content[5] = '"';
  auto line = [&](std::string_view text) {
    return Line(",\"content\":\"" + std::string(text.substr(0, 5)) + "\\\"" + std::string(text.substr(6)) + "\"");
  };
  auto events = ReadAll(Line("") + line(content), {.mapping = nullptr, .display_name = "t.jsonl", .chunk_bytes = 999});
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_TRUE((*events)[1].content == content);
  EXPECT_THAT(ErrorOf(Line("") + line(content + "y"), kJsonl),
              StartsWith("t.jsonl:2: field 'content': is 65537 bytes long; expected at most 65536 bytes"));
}

TEST(JsonlReaderTest, LineLongerThanTheLimitIsRefusedWithoutReadingOn) {
  std::string text = Line("") + Line("") + Line(",\"content\":\"" + std::string(kMaxRecordBytes, 'z') + "\"");
  EXPECT_EQ(ErrorOf(text + Line(""), kJsonl),
            "t.jsonl:3: field 'content': line is longer than 1048576 bytes; expected one JSON object per line");
}

TEST(JsonlReaderTest, EveryChunkSizeReadsTheSame) {
  std::string text = "\xEF\xBB\xBF\n" + Line(",\"content\":\"h\u00e9\\n\\\"q\\\"\",\"value\":1.5") + "  \r\n\n" +
                     Line(",\"tags\":[\"a\",\"b\"]") + Line(",\"value\":\"7\"");
  auto whole = ReadAll(text, kJsonl);
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  ASSERT_EQ(whole->size(), 3u);
  for (size_t chunk = 1; chunk < 40; ++chunk) {
    auto read = ReadAll(text, {.mapping = nullptr, .display_name = "t.jsonl", .chunk_bytes = chunk});
    ASSERT_TRUE(read.ok()) << chunk << ": " << read.status().message();
    EXPECT_EQ(*read, *whole) << chunk;
  }
  EXPECT_THAT(
      ErrorOf(text + Line(",\"value\":\"x\""), {.mapping = nullptr, .display_name = "t.jsonl", .chunk_bytes = 3}),
      StartsWith("t.jsonl:7: field 'value'"));
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
  int files = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    std::string name = json_file.filename().string();
    auto events = ReadAll(testing::ReadFile(json_file), {.mapping = nullptr, .display_name = name});
    ++files;
    if (name.starts_with("i_")) continue;
    ASSERT_FALSE(events.ok()) << name;
    EXPECT_THAT(events.status().message(), StartsWith(name)) << name;
  }
  EXPECT_GT(files, 300);
}

}  // namespace
}  // namespace learnloop::ingest
