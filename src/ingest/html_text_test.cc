#include "ingest/html_text.h"

#include <gtest/gtest.h>

namespace learnloop::ingest {
namespace {

TEST(HtmlTextTest, MarkupIsRemovedAndBlocksEndLines) {
  EXPECT_EQ(HtmlToText("<p>One <b>bold</b>\n  word.</p><p>Two</p><ul><li>a</li><li>b</li></ul>"),
            "One bold word.\n\nTwo\n\na\nb");
  EXPECT_EQ(HtmlToText("line<br>next<br/>last"), "line\nnext\nlast");
  EXPECT_EQ(HtmlToText("<div>x</div><div>y</div>"), "x\ny");
}

TEST(HtmlTextTest, ScriptsAndStylesAreDropped) {
  EXPECT_EQ(HtmlToText("<style>p{color:red}</style><p>kept</p><script>alert(1)</script>"), "kept");
}

TEST(HtmlTextTest, EntitiesAreDecoded) {
  EXPECT_EQ(HtmlToText("Caf&eacute; &amp; bar&nbsp;&mdash; &#8220;ok&#x201D;"), "Café & bar\u00a0— “ok”");
  EXPECT_EQ(HtmlToText("a < b & c"), "a < b & c");
}

TEST(HtmlTextTest, PlainTextAndEmptyInput) {
  EXPECT_EQ(HtmlToText("  just   text \n"), "just text");
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToText("   "), "");
  EXPECT_EQ(HtmlToText("<p></p>"), "");
}

TEST(HtmlTextTest, TextIsNfcAndBytesThatAreNotUtf8AreLatin1) {
  EXPECT_EQ(HtmlToText("Cafe\xcc\x81"), "Caf\xc3\xa9");
  EXPECT_EQ(HtmlToText("Caf\xe9 \x93quoted\x94"), "Café “quoted”");
}

TEST(HtmlTextTest, RepairUtf8KeepsValidSequences) {
  EXPECT_EQ(RepairUtf8("ok \xc3\xa9 \xe9"), "ok é é");
  EXPECT_EQ(RepairUtf8("\x81"), "\xc2\x81");
  EXPECT_EQ(CollapseWhitespace(" a \t\n b "), "a b");
}

}  // namespace
}  // namespace learnloop::ingest
