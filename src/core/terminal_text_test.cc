#include "learnloop/terminal_text.h"

#include <gtest/gtest.h>

#include <string>

namespace learnloop {
namespace {

TEST(TerminalTextTest, LeavesPrintableTextAlone) {
  EXPECT_EQ(EscapeForTerminal(""), "");
  EXPECT_EQ(EscapeForTerminal("Ana Müller, 東京 🙂 C:\\data\\x1b"), "Ana Müller, 東京 🙂 C:\\data\\x1b");
  EXPECT_EQ(EscapeLinesForTerminal("a\tb\nc\n"), "a\tb\nc\n");
}

TEST(TerminalTextTest, RendersControlCharactersVisibly) {
  EXPECT_EQ(EscapeForTerminal("\x1b[31mred\x1b[0m\a"), "\\x1b[31mred\\x1b[0m\\a");
  EXPECT_EQ(EscapeForTerminal(std::string("\0\x01\x08\x09\x0a\x0b\x0c\x0d\x1f\x7f", 10)),
            "\\x00\\x01\\b\\t\\n\\v\\f\\r\\x1f\\x7f");
  // A field cannot start a line of its own or jump to the next cell.
  EXPECT_EQ(EscapeForTerminal("ana\nerror: fake\trow"), "ana\\nerror: fake\\trow");
}

TEST(TerminalTextTest, LinesKeepTheirOwnTabsAndNewlinesOnly) {
  EXPECT_EQ(EscapeLinesForTerminal("org: \x1b]0;title\a\n\tnext\r\n"), "org: \\x1b]0;title\\a\n\tnext\\r\n");
}

TEST(TerminalTextTest, RendersC1ControlsAndInvisibleLayoutCharacters) {
  EXPECT_EQ(EscapeForTerminal("\xc2\x9b"
                              "31m"),
            "\\u009b31m");                                              // CSI as one C1 character
  EXPECT_EQ(EscapeForTerminal("\xc2\x85\xc2\xa0"), "\\u0085\xc2\xa0");  // NEL; a no-break space stays
  EXPECT_EQ(EscapeForTerminal("a\xe2\x80\xae"
                              "cba"),
            "a\\u202ecba");                                                    // right-to-left override
  EXPECT_EQ(EscapeForTerminal("\xe2\x80\xa8\xe2\x81\xa6"), "\\u2028\\u2066");  // line separator, isolate
}

TEST(TerminalTextTest, RendersEachByteOfInvalidUtf8) {
  EXPECT_EQ(EscapeForTerminal("a\xff"
                              "b"),
            "a\\xffb");
  EXPECT_EQ(EscapeForTerminal("\xc3"), "\\xc3");  // cut short at the end
  EXPECT_EQ(EscapeForTerminal("\xc3"
                              "a"),
            "\\xc3a");                                                       // cut short by ASCII
  EXPECT_EQ(EscapeForTerminal("\xc0\xaf"), "\\xc0\\xaf");                    // overlong '/'
  EXPECT_EQ(EscapeForTerminal("\xe0\x80\xaf"), "\\xe0\\x80\\xaf");           // overlong, three bytes
  EXPECT_EQ(EscapeForTerminal("\xed\xa0\x80"), "\\xed\\xa0\\x80");           // a surrogate
  EXPECT_EQ(EscapeForTerminal("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
  EXPECT_EQ(EscapeForTerminal("\xf0\x9f\x99\x82"), "\xf0\x9f\x99\x82");      // 🙂 is valid
}

}  // namespace
}  // namespace learnloop
