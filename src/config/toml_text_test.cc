#include "config/toml_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace learnloop::config {
namespace {

TEST(TomlParseTest, ParsesATable) {
  auto table = ParseToml("a = 1\n[b]\nc = \"x\"\n", "f.toml");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ((*table)["a"].value<int64_t>(), 1);
  EXPECT_EQ((*table)["b"]["c"].value<std::string>(), "x");
}

TEST(TomlParseTest, SyntaxErrorNamesFileLineAndColumn) {
  auto table = ParseToml("a = 1\nb = = 2\n", "f.toml", "TOML like the one init writes");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(table.status().message(), ::testing::MatchesRegex("f\\.toml:2:5: not valid TOML: .+; expected TOML "
                                                                "like the one init writes"));
  EXPECT_THAT(ParseToml("[x\n", "g.toml").status().message(), ::testing::StartsWith("g.toml:1:"));
}

TEST(TomlParseTest, StringListReadsBack) {
  const std::vector<std::string_view> kinds = {"like", "share"};
  EXPECT_EQ(TomlStringList(kinds), "[\"like\", \"share\"]");
  EXPECT_EQ(TomlStringList({}), "[]");
  auto table = ParseToml("kinds = " + TomlStringList(kinds), "f.toml");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ((*table)["kinds"][1].value<std::string>(), "share");
}

}  // namespace
}  // namespace learnloop::config
