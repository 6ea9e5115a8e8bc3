#include "ingest/event_fields.h"

#include <gtest/gtest.h>

namespace learnloop::ingest {
namespace {

TEST(NormalizeTagsTest, SplitsTrimsAndDropsEmptyTags) {
  std::string scratch;
  EXPECT_EQ(NormalizeTags("", &scratch), "");
  EXPECT_EQ(NormalizeTags("a;b", &scratch), "a;b");
  EXPECT_EQ(NormalizeTags(" a ; b ", &scratch), "a;b");
  EXPECT_EQ(NormalizeTags(";;a;;b;", &scratch), "a;b");
  EXPECT_EQ(NormalizeTags(" ; ", &scratch), "");
  EXPECT_EQ(NormalizeTags("two words;x", &scratch), "two words;x");
  EXPECT_EQ(NormalizeTags("a\t;\tb", &scratch), "a;b");
}

TEST(FieldCheckerTest, NamesTheColumnOfTheFirstProblem) {
  FieldChecker checker;
  RawEvent raw;
  raw.text = {"2024-05-01T09:30:00Z", "x", "a", "like", "", "", ""};
  EventView event;
  bool custom = true;
  EXPECT_FALSE(checker.Check(raw, &event, &custom).has_value());
  EXPECT_FALSE(custom);
  std::string long_tags(5000, 't');
  raw.text[static_cast<int>(EventColumn::kTags)] = long_tags;
  auto problem = checker.Check(raw, &event, &custom);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->column, EventColumn::kTags);
  EXPECT_EQ(problem->problem, "is 5000 bytes long");
  std::string long_ts(100, '2');
  raw.text[static_cast<int>(EventColumn::kTs)] = long_ts;
  problem = checker.Check(raw, &event, &custom);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->column, EventColumn::kTs);
  EXPECT_EQ(problem->problem, "is 100 bytes long");
}

TEST(FieldCheckerTest, TimestampsStayWithinYearsThatExportAndReadBack) {
  FieldChecker checker;
  RawEvent raw;
  raw.text = {"0000-01-01T00:00:00Z", "x", "a", "like", "", "", ""};
  EventView event;
  bool custom = false;
  EXPECT_FALSE(checker.Check(raw, &event, &custom).has_value());
  EXPECT_EQ(event.ts, *ParseRfc3339(FormatRfc3339(event.ts)));
  // A leap second stays in its minute, so the last one of 9999 is inside.
  for (std::string_view last : {"9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:60Z"}) {
    raw.text[0] = last;
    ASSERT_FALSE(checker.Check(raw, &event, &custom).has_value()) << last;
    EXPECT_EQ(event.ts, *ParseRfc3339("9999-12-31T23:59:59.999999Z")) << last;
    EXPECT_EQ(event.ts, *ParseRfc3339(FormatRfc3339(event.ts)));
  }
  for (std::string_view edge : {"0000-01-01T00:00:00+00:01", "9999-12-31T23:00:00-01:00"}) {
    raw.text[0] = edge;
    auto problem = checker.Check(raw, &event, &custom);
    ASSERT_TRUE(problem.has_value()) << edge;
    EXPECT_EQ(problem->column, EventColumn::kTs);
    EXPECT_NE(problem->problem.find("outside the years 0000 to 9999"), std::string::npos) << problem->problem;
  }
}

TEST(FieldCheckerTest, ValueTextReadsAsADouble) {
  FieldChecker checker;
  RawEvent raw;
  raw.text = {"2024-05-01T09:30:00Z", "x", "a", "donation", "", "123456789012345678901234567890", ""};
  EventView event;
  bool custom = false;
  ASSERT_FALSE(checker.Check(raw, &event, &custom).has_value());
  EXPECT_EQ(event.value, 1.2345678901234568e29);
  raw.text[static_cast<int>(EventColumn::kValue)] = "1e400";
  std::optional<FieldProblem> problem = checker.Check(raw, &event, &custom);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->column, EventColumn::kValue);
  EXPECT_EQ(problem->problem, "'1e400' is not a number");
}

TEST(FieldCheckerTest, ContentIsBounded) {
  FieldChecker checker;
  RawEvent raw;
  std::string content(kMaxContentBytes + 1, 'x');
  raw.text = {"2024-05-01T09:30:00Z", "x", "a", "like", content, "", ""};
  EventView event;
  bool custom = false;
  std::optional<FieldProblem> problem = checker.Check(raw, &event, &custom);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->column, EventColumn::kContent);
  EXPECT_EQ(problem->problem, "is 65537 bytes long");
  raw.text[static_cast<int>(EventColumn::kContent)] = std::string_view(content).substr(1);
  EXPECT_FALSE(checker.Check(raw, &event, &custom).has_value());
}

}  // namespace
}  // namespace learnloop::ingest
