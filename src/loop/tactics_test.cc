#include "loop/tactics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace learnloop::loop {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(TacticsTest, DefaultLibraryParses) {
  auto tactics = ParseTactics(DefaultTacticsToml(), "tactics.toml");
  ASSERT_TRUE(tactics.ok()) << tactics.status().message();
  EXPECT_FALSE(tactics->empty());
}

// Every config file reports TOML syntax errors in one form (config::ParseToml).
TEST(TacticsTest, TomlSyntaxErrorNamesFileLineAndColumn) {
  auto tactics = ParseTactics("[[tactic]]\nname = \"x\ntitle = \"y\"\n", "ws/tactics.toml");
  ASSERT_FALSE(tactics.ok());
  EXPECT_THAT(tactics.status().message(), StartsWith("ws/tactics.toml:2:"));
  EXPECT_THAT(tactics.status().message(), HasSubstr(": not valid TOML: "));
  EXPECT_THAT(tactics.status().message(), HasSubstr("; expected TOML like the tactics.toml that learnloop writes"));
}

}  // namespace
}  // namespace learnloop::loop
