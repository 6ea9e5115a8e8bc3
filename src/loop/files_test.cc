#include "loop/files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "learnloop/loop.h"

namespace learnloop::loop {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(WipLimitTest, ReadsTheLimitOrTheDefault) {
  EXPECT_EQ(*ParseWipLimit("wip_limit = 5\n", "loop.toml"), 5);
  EXPECT_EQ(*ParseWipLimit("# nothing set\n", "loop.toml"), kDefaultWipLimit);
}

TEST(WipLimitTest, BadValuesNameTheFile) {
  for (const char* text : {"wip_limit = 0\n", "wip_limit = 101\n", "wip_limit = \"3\"\n", "wip_limit = 2.5\n",
                           // found by loop_toml_fuzzer: converting this to an integer was undefined
                           "wip_limit = 1e92\n", "wip_limit = 3.0\n"}) {
    auto limit = ParseWipLimit(text, "ws/loop.toml");
    ASSERT_FALSE(limit.ok()) << text;
    EXPECT_THAT(limit.status().message(), StartsWith("ws/loop.toml: wip_limit must be a whole number")) << text;
  }
}

// Every config file reports TOML syntax errors in one form (config::ParseToml).
TEST(WipLimitTest, TomlSyntaxErrorNamesFileLineAndColumn) {
  auto limit = ParseWipLimit("# settings\nwip_limit = = 3\n", "ws/loop.toml");
  ASSERT_FALSE(limit.ok());
  EXPECT_THAT(limit.status().message(), StartsWith("ws/loop.toml:2:13: not valid TOML: "));
  EXPECT_THAT(limit.status().message(), HasSubstr("; expected TOML like wip_limit = 3"));
}

}  // namespace
}  // namespace learnloop::loop
