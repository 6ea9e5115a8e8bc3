#include "config/toml_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace learnloop::config {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// `parts` copies of `part` joined by `separator`.
std::string Repeat(std::string_view part, int parts, std::string_view separator) {
  std::string out;
  for (int i = 0; i < parts; ++i) out += std::string(i > 0 ? separator : "") + std::string(part);
  return out;
}

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out += part;
  return out;
}

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
  EXPECT_THAT(ParseToml("[x\n", "g.toml").status().message(), StartsWith("g.toml:1:"));
}

TEST(TomlParseTest, StringListReadsBack) {
  const std::vector<std::string_view> kinds = {"like", "share"};
  EXPECT_EQ(TomlStringList(kinds), "[\"like\", \"share\"]");
  EXPECT_EQ(TomlStringList({}), "[]");
  auto table = ParseToml("kinds = " + TomlStringList(kinds), "f.toml");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ((*table)["kinds"][1].value<std::string>(), "share");
}

// The parser recursed once per part: 50,000 parts overflowed the stack.
TEST(TomlBoundsTest, RefusesADottedKeyOfManyPartsNamingLineColumnAndLimit) {
  auto table = ParseToml("ok = 1\n" + Repeat("a", 50'000, ".") + " = 1\n", "ladder.toml");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  // The 65th part starts at column 129.
  EXPECT_THAT(table.status().message(), StartsWith("ladder.toml:2:129: nested more than 64 levels deep; expected at "
                                                   "most 64 levels, counting each part of a dotted key"));
}

TEST(TomlBoundsTest, AcceptsNestingUpToTheLimit) {
  EXPECT_TRUE(ParseToml(Repeat("a", kMaxTomlDepth, ".") + " = 1\n", "f.toml").ok());
  EXPECT_FALSE(ParseToml(Repeat("a", kMaxTomlDepth + 1, ".") + " = 1\n", "f.toml").ok());
  // Spaces around dots and quoted parts count as the parts they are.
  EXPECT_FALSE(ParseToml(Repeat("\"a\"", kMaxTomlDepth + 1, " . ") + " = 1\n", "f.toml").ok());
  EXPECT_FALSE(ParseToml(Repeat("'a'", kMaxTomlDepth + 1, ".") + " = 1\n", "f.toml").ok());
}

TEST(TomlBoundsTest, CountsTableHeadersAndTheKeysBelowThem) {
  const std::string deep_header = Repeat("t", kMaxTomlDepth - 1, ".");
  EXPECT_TRUE(ParseToml("[" + deep_header + "]\nk = 1\n", "f.toml").ok());
  EXPECT_THAT(ParseToml("[" + deep_header + "]\nk.k = 1\n", "f.toml").status().message(), StartsWith("f.toml:2:3: "));
  EXPECT_THAT(ParseToml("[[" + deep_header + ".t.t]]\n", "f.toml").status().message(), StartsWith("f.toml:1:"));
  // A new header starts from the top again.
  EXPECT_TRUE(ParseToml("[" + deep_header + "]\nk = 1\n[u]\nk.k.k = 1\n", "f.toml").ok());
}

TEST(TomlBoundsTest, CountsInlineTablesAndArrays) {
  const int too_many = kMaxTomlDepth + 1;
  EXPECT_FALSE(ParseToml("x = " + Repeat("[", too_many, "") + Repeat("]", too_many, "") + "\n", "f.toml").ok());
  EXPECT_FALSE(
      ParseToml("x = " + Repeat("{ a = ", too_many, "") + "1" + Repeat(" }", too_many, "") + "\n", "f.toml").ok());
  EXPECT_FALSE(
      ParseToml("x = [\n" + Repeat("[", too_many, "\n") + "\n" + Repeat("]", too_many, "\n") + "]\n", "f.toml").ok());
  // Siblings do not add up: a long flat array and many inline tables side by side.
  EXPECT_TRUE(ParseToml("x = [" + Repeat("{ a.b = [1, 2] }", 500, ", ") + "]\n", "f.toml").ok());
  EXPECT_TRUE(ParseToml("k = { a = { b = 1 }, c = [[1], [2]] }\n[t]\nx.y = 1\n[[u]]\nz = {}\n", "f.toml").ok());
}

TEST(TomlBoundsTest, DotsAndBracketsInStringsAndCommentsDoNotCount) {
  const std::string dots = Repeat("a", 200, ".");
  const std::string brackets = Repeat("[{", 200, "");
  for (const std::string& text : std::vector<std::string>{
           "\"" + dots + "\" = 1\n",                             // a quoted key is one part
           "'" + dots + "' = 1\n",                               // a literal one too
           Cat({"x = 1 # ", dots, brackets, "\n"}),              // a comment
           Cat({"# ", dots, "\n[t] # ", brackets, "\n"}),        // a comment after a header
           Cat({"x = \"", brackets, "\\\"", brackets, "\"\n"}),  // an escaped quote inside a string
           "x = '" + brackets + "\\'\n",                         // no escapes in literal strings
           "x = \"\"\"\n" + brackets + "\n\"\"\"\n",             // a multiline string
           Cat({"x = '''", brackets, "\n", dots, "'''\n"}),      // a multiline literal string
           "x = \"\"\"a\"\"\"\"\"\ny = '" + brackets + "'\n",    // closing quotes that belong to the content
           Cat({"x = [\"", brackets, "\", '", dots, "']\n"}),    // strings in an array
           "x = 1.5\ny = 1979-05-27T07:32:00.999Z\n",            // dots in values
       }) {
    auto table = ParseToml(text, "f.toml");
    EXPECT_TRUE(table.ok()) << text << "\n" << table.status().message();
  }
}

TEST(TomlBoundsTest, AStringOrCommentCannotHideDepthThatFollowsIt) {
  const std::string deep = Repeat("a", kMaxTomlDepth + 1, ".") + " = 1\n";
  for (const std::string& text : std::vector<std::string>{
           "x = \"#\"\n" + deep,
           "x = '\"'\n" + deep,
           "x = \"\\\\\"\n" + deep,
           "x = \"\"\"a\"\"\"\"\"\n" + deep,
           "x = \"unterminated\n" + deep,
           "# a comment \"\n" + deep,
           "\"a.b\"." + deep,
       }) {
    auto table = ParseToml(text, "f.toml");
    EXPECT_THAT(table.status().message(), HasSubstr("nested more than 64 levels deep")) << text;
  }
}

TEST(TomlBoundsTest, RefusesTextOverTheSizeLimitNamingIt) {
  const std::string comment_line = "# " + std::string(97, 'c') + "\n";
  std::string text;
  while (text.size() + comment_line.size() <= kMaxTomlBytes) text += comment_line;
  text.append(kMaxTomlBytes - text.size(), ' ');
  EXPECT_TRUE(ParseToml(text, "metrics.toml").ok());
  text += " ";
  auto table = ParseToml(text, "metrics.toml");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(table.status().message(),
            "metrics.toml: the file holds 1048577 bytes, more than a config file may; expected at most 1048576 bytes "
            "(1 MiB)");
}

}  // namespace
}  // namespace learnloop::config
