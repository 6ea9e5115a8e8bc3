#include "loop/tactics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

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

// Found by tactics_toml_fuzzer: a blank title was accepted and then listed
// as an empty line. Each text key must say something.
TEST(TacticsTest, BlankTextKeysAreRefusedByName) {
  const std::string good =
      "[[tactic]]\nname = \"reply-week\"\ntitle = \"Reply\"\n"
      "hypothesis = \"if we reply then more commenters return because they are heard\"\n"
      "metric = \"rung:relationship\"\nstep = \"engagement -> relationship\"\n"
      "timebox_days = 8\neffort = \"S\"\n";
  ASSERT_TRUE(ParseTactics(good, "tactics.toml").ok());
  for (const std::string key : {"name", "title", "metric", "step"}) {
    std::string text = good;
    const size_t start = text.find(key + " = \"");
    const size_t open = text.find('"', start);
    const size_t close = text.find('"', open + 1);
    text.replace(open + 1, close - open - 1, key == "title" ? "" : " \\t ");
    auto tactics = ParseTactics(text, "tactics.toml");
    ASSERT_FALSE(tactics.ok()) << key;
    EXPECT_THAT(tactics.status().message(), HasSubstr("key '" + key + "' is empty; expected some text")) << key;
  }
}

}  // namespace
}  // namespace learnloop::loop
