#include "ingest/column_mapping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ErrorOf;
using ::learnloop::ingest::testing::ReadAll;
using ::learnloop::ingest::testing::TestDataPath;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kRequired = "[columns]\nts = \"When\"\nperson = \"Who\"\n[constants]\nchannel = \"crm\"\n";

std::string MappingError(std::string_view toml) {
  auto mapping = ParseColumnMapping(toml, "m.toml");
  return mapping.ok() ? "" : mapping.status().message();
}

TEST(ColumnMappingTest, ParsesColumnsConstantsAndTimeFormat) {
  auto mapping = LoadColumnMapping(TestDataPath("mailchimp.toml"));
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  EXPECT_EQ(mapping->source(EventColumn::kTs), "Opened At");
  EXPECT_EQ(mapping->source(EventColumn::kPerson), "Email Address");
  EXPECT_EQ(mapping->constant(EventColumn::kChannel), "newsletter");
  EXPECT_FALSE(mapping->source(EventColumn::kChannel).has_value());
  EXPECT_FALSE(mapping->constant(EventColumn::kTags).has_value());
  ASSERT_NE(mapping->time_format(), nullptr);
  EXPECT_EQ(mapping->time_format()->format(), "%m/%d/%Y %I:%M %p");
  EXPECT_TRUE(mapping->ignore_extra_columns());
  EXPECT_THAT(mapping->file_name(), HasSubstr("mailchimp.toml"));
}

TEST(ColumnMappingTest, ReadsAnotherCsvThroughTheMapping) {
  auto mapping = LoadColumnMapping(TestDataPath("mailchimp.toml"));
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  auto reader = OpenEventFile(TestDataPath("mailchimp_opens.csv"), {.mapping = &*mapping, .display_name = ""});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  std::vector<Event> events;
  EventView view;
  while (*(*reader)->Next(&view)) events.push_back(Event::From(view));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].ts, *ParseRfc3339("2024-05-02T01:30:00Z"));  // 9:30 PM EDT
  EXPECT_EQ(events[0].channel, "newsletter");
  EXPECT_EQ(events[0].person, "ana@example.org");
  EXPECT_EQ(events[0].kind, "open");
  EXPECT_EQ(events[0].content, "May issue, part 1");
  EXPECT_EQ(events[1].ts, *ParseRfc3339("2024-05-02T11:05:00Z"));
  EXPECT_EQ((*reader)->counts().custom_kinds, 0);
}

TEST(ColumnMappingTest, MappedTimestampThatDoesNotFitNamesTheColumn) {
  auto mapping =
      ParseColumnMapping(std::string(kRequired) + "kind = \"like\"\n" + "time_format = \"%d.%m.%Y\"\n", "m.toml");
  // time_format after a table header belongs to [constants]: caught as an unknown column.
  ASSERT_FALSE(mapping.ok());
  EXPECT_THAT(mapping.status().message(), HasSubstr("constants.time_format"));
  mapping = ParseColumnMapping("time_format = \"%d.%m.%Y\"\n" + std::string(kRequired) + "kind = \"like\"\n", "m.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  EXPECT_THAT(ErrorOf("Who,When\na,01.05.2024\nb,2024-05-01\n", {.mapping = &*mapping, .display_name = "x.csv"}),
              AllOf(StartsWith("x.csv:3:3: field 'When': '2024-05-01' does not match time_format '%d.%m.%Y'")));
}

TEST(ColumnMappingTest, ExtraColumnsAreIgnoredUnlessAskedNotTo) {
  auto lenient = ParseColumnMapping(std::string(kRequired) + "kind = \"like\"\n", "m.toml");
  ASSERT_TRUE(lenient.ok()) << lenient.status().message();
  auto events =
      ReadAll("Who,Extra,When\na,zzz,2024-05-01T00:00:00Z\n", {.mapping = &*lenient, .display_name = "x.csv"});
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_EQ((*events)[0].person, "a");
  auto strict =
      ParseColumnMapping("ignore_extra_columns = false\n" + std::string(kRequired) + "kind = \"like\"\n", "m.toml");
  ASSERT_TRUE(strict.ok()) << strict.status().message();
  EXPECT_THAT(ErrorOf("Who,Extra,When\na,zzz,2024-05-01T00:00:00Z\n", {.mapping = &*strict, .display_name = "x.csv"}),
              AllOf(StartsWith("x.csv:1:5: unknown column 'Extra'"), HasSubstr("m.toml")));
}

TEST(ColumnMappingTest, MappedColumnMissingFromTheHeader) {
  auto mapping = ParseColumnMapping(std::string(kRequired) + "kind = \"like\"\n", "m.toml");
  ASSERT_TRUE(mapping.ok());
  EXPECT_THAT(ErrorOf("Who,Date\na,2024-05-01T00:00:00Z\n", {.mapping = &*mapping, .display_name = "x.csv"}),
              AllOf(StartsWith("x.csv:1: no column 'When' (mapped to ts by m.toml)"), HasSubstr("Who,Date")));
  EXPECT_THAT(ErrorOf("Who,When,who\n", {.mapping = &*mapping, .display_name = "x.csv"}),
              StartsWith("x.csv:1:10: column 'Who' appears twice"));
}

TEST(ColumnMappingTest, MappingErrorsNameTheFileAndKey) {
  std::string full = std::string(kRequired) + "kind = \"like\"\n";
  EXPECT_THAT(MappingError("colums = 1\n" + full), StartsWith("m.toml:1:10: field 'colums': unknown key"));
  EXPECT_THAT(MappingError(full + "when = \"x\"\n"), AllOf(StartsWith("m.toml:7:8: field 'constants.when': unknown "
                                                                      "canonical column"),
                                                           HasSubstr("ts,channel,person,kind,content,value,tags")));
  EXPECT_THAT(MappingError(kRequired),
              AllOf(StartsWith("m.toml: field 'kind': required column is neither"), HasSubstr("[constants] kind")));
  EXPECT_THAT(MappingError(full + "person = \"ana\"\n"), StartsWith("m.toml: field 'person': is both in [columns]"));
  EXPECT_THAT(MappingError("[columns]\nts = 3\n"), StartsWith("m.toml:2:6: field 'columns.ts': is not a string"));
  EXPECT_THAT(MappingError("[columns]\nts = \"\"\n"), StartsWith("m.toml:2:6: field 'columns.ts': is empty"));
  EXPECT_THAT(MappingError("columns = \"ts\"\n"), StartsWith("m.toml:1:11: field 'columns': is not a table"));
  EXPECT_THAT(MappingError("ignore_extra_columns = \"yes\"\n" + full),
              StartsWith("m.toml:1:24: field 'ignore_extra_columns': is not a boolean"));
  EXPECT_THAT(MappingError("[columns\nts = 1\n"), AllOf(StartsWith("m.toml:1:"), HasSubstr("not valid TOML")));
}

TEST(ColumnMappingTest, ConstantsAreCheckedLikeFileFields) {
  EXPECT_THAT(MappingError(std::string(kRequired) + "kind = \"Sign Up\"\n"),
              StartsWith("m.toml:6:8: field 'constants.kind': 'sign up': kind may hold only"));
  EXPECT_THAT(MappingError(std::string(kRequired) + "kind = \"like\"\nvalue = \"lots\"\n"),
              StartsWith("m.toml:7:9: field 'constants.value': 'lots' is not a number"));
  auto numeric = ParseColumnMapping(std::string(kRequired) + "kind = \"donation\"\nvalue = 5\n", "m.toml");
  ASSERT_TRUE(numeric.ok()) << numeric.status().message();
  EXPECT_EQ(numeric->constant(EventColumn::kValue), "5");
}

TEST(ColumnMappingTest, TimeFormatAndZoneAreChecked) {
  std::string full = std::string(kRequired) + "kind = \"like\"\n";
  EXPECT_THAT(MappingError("time_format = \"%Q\"\n" + full),
              AllOf(StartsWith("m.toml:1:15: field 'time_format'"), HasSubstr("unknown directive '%Q'")));
  EXPECT_THAT(MappingError("time_format = \"%F\"\ntime_zone = \"Mars/Base\"\n" + full),
              HasSubstr("unknown time_zone 'Mars/Base'"));
  EXPECT_THAT(MappingError("time_zone = \"UTC\"\n" + full),
              StartsWith("m.toml:1:13: field 'time_zone': is set without time_format"));
}

TEST(ColumnMappingTest, MissingMappingFile) {
  auto missing = LoadColumnMapping(TestDataPath("nope.toml"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("nope.toml does not exist"));
}

}  // namespace
}  // namespace learnloop::ingest
