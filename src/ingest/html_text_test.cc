#include "ingest/html_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"

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

// The quick check never calls a text NFC that NFC would change.
TEST(HtmlTextTest, TheQuickNfcCheckIsRightForEveryCharacter) {
  int64_t stable = 0;
  for (char32_t c = 1; c < 0x110000; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;
    std::string one;
    AppendUtf8(c, &one);
    if (!IsNfcQuick(one)) continue;
    ++stable;
    ASSERT_EQ(NormalizeNfcFully(one), one) << "U+" << std::hex << static_cast<uint32_t>(c);
  }
  EXPECT_GT(stable, 1000000) << "nearly every character is stable";
  for (const std::string_view nfc :
       {"Caf\u00e9 \u00fcber", "\ud55c\uad6d\uc5b4 \u65e5\u672c", "\U0001F600 ok", "\u0434\u0430"})
    EXPECT_TRUE(IsNfcQuick(nfc)) << nfc;
  for (const std::string_view not_nfc :
       {"Cafe\u0301", "\u1100\u1161", "\u212b", "\u0f73", "\uac00\u11a8", "\u0b47\u0b3e"}) {
    EXPECT_FALSE(IsNfcQuick(not_nfc)) << not_nfc;
    EXPECT_NE(NormalizeNfc(not_nfc), not_nfc);
  }
}

TEST(HtmlTextTest, RepairUtf8KeepsValidSequences) {
  EXPECT_EQ(RepairUtf8("ok \xc3\xa9 \xe9"), "ok é é");
  EXPECT_EQ(RepairUtf8("\x81"), "\xc2\x81");
  EXPECT_EQ(CollapseWhitespace(" a \t\n b "), "a b");
}

// Posts as Mastodon, JSON Feed and blogs write them: read without libxml2,
// to the same text libxml2 gives.
TEST(HtmlTextTest, CommonMarkupIsReadWithoutLibxml2ToTheSameText) {
  for (const std::string_view html : {
           R"(<p>Join us <span class="h-card" translate="no"><a href="https://mastodon.social/@cara" )"
           R"(class="u-url mention">@<span>cara</span></a></span> on <a href="https://x.org/tags/climate" )"
           R"(class="mention hashtag" rel="tag">#<span>climate</span></a>!</p><p>Second&nbsp;line<br />third</p>)",
           "<p>Rent &amp; repairs: &quot;fix it&quot; &#8212; &#x201C;now&#x201D;</p>\n<ul>\n  <li>one</li>\n  "
           "<li><em>two</em> <strong>three</strong></li>\n</ul>",
           "<h2>Title</h2><blockquote><p>quoted</p></blockquote><pre>  code  here </pre><hr><div>end</div>",
           "<B>Upper</B> <I>case</I><P>tags</P>",
           "<p>unclosed paragraph <b>bold",
           "text first<br>then a line &amp; <b>more</b>",
           "<p>a</p> <p>b</p>  <span>c</span> <span>d</span>",
       }) {
    const std::optional<std::string> simple = SimpleHtmlToText(html);
    ASSERT_TRUE(simple.has_value()) << html;
    EXPECT_EQ(*simple, LibxmlHtmlToText(html)) << html;
  }
  EXPECT_EQ(HtmlToText("<p>Rent &amp; repairs</p><p>Now</p>"), "Rent & repairs\n\nNow");
}

// What libxml2 mends or reads its own way is left to libxml2.
TEST(HtmlTextTest, AnythingElseIsLeftToLibxml2) {
  for (const std::string_view html : {
           "<p>a</div>b</p>",        // an end that is not the innermost element's
           "<p>a<div>b</div>c</p>",  // a block inside a paragraph ends it
           "<li>a<li>b",             // an item inside an item
           "<b>a<p>b</p></b>",       // a block inside an inline element
           "x<img src=a.png> y",     // an element not known here
           "<!-- note --><p>a</p>",  // a comment
           "a < b",                  // a '<' that opens no tag
           "caf&eacute;",            // an entity not known here
           "&#128;",                 // a C1 control
           "AT&T",                   // an '&' without an entity
           "<a href=\"x>",           // an attribute not closed
           "<p title=a\"b>x</p>",    // a quote in an unquoted value
       })
    EXPECT_FALSE(SimpleHtmlToText(html).has_value()) << html;
  EXPECT_EQ(HtmlToText("caf&eacute; AT&T"), "café AT&T");
}

}  // namespace
}  // namespace learnloop::ingest
