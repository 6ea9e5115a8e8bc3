#include "learnloop/app/input.h"

#include <gtest/gtest.h>

namespace learnloop::app {
namespace {

TEST(ParseDayTest, DatesAndDayWords) {
  const Day today = *ParseDate("2024-05-10");
  EXPECT_EQ(*ParseDay("--as-of", "today", today), today);
  EXPECT_EQ(*ParseDay("--as-of", "today-30", today), today - 30);
  EXPECT_EQ(*ParseDay("--as-of", "today+7", today), today + 7);
  EXPECT_EQ(*ParseDay("--as-of", "2024-01-02", today), *ParseDate("2024-01-02"));
  for (const char* bad : {"yesterday", "today-", "today-x", "today-99999", "2024-02-30", ""}) {
    auto day = ParseDay("--from", bad, today);
    EXPECT_EQ(day.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(day.status().message().find("--from"), std::string::npos) << day.status().message();
  }
}

TEST(ParseGroupTest, FiltersAndTheirJson) {
  auto group = ParseGroup({"membership=member", "city=Berlin,,Hamburg"});
  ASSERT_TRUE(group.ok()) << group.status().message();
  ASSERT_EQ(group->size(), 2u);
  EXPECT_EQ((*group)[1].values, (std::vector<std::string>{"Berlin", "Hamburg"}));
  EXPECT_EQ(json::GroupJson(*group).dump(), R"({"membership":["member"],"city":["Berlin","Hamburg"]})");
  EXPECT_TRUE(ParseGroup({})->empty());
}

TEST(ParseGroupTest, MalformedSpecsAndRepeatsAreRejected) {
  for (const char* bad : {"membership", "=member", "membership=", "membership=,"}) {
    auto group = ParseGroup({bad});
    EXPECT_EQ(group.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(group.status().message().find("ATTRIBUTE=VALUE"), std::string::npos);
  }
  auto twice = ParseGroup({"city=Berlin", "city=Hamburg"});
  EXPECT_EQ(twice.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(twice.status().message().find("'city' twice"), std::string::npos);
}

}  // namespace
}  // namespace learnloop::app
