#include "workspace/link_keys.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace learnloop {
namespace {

using ::testing::HasSubstr;

TEST(LinkKeysTest, TheDefaultFileParsesToTheDefaults) {
  auto keys = ParseLinkKeys(DefaultPeopleToml(), "people.toml");
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  EXPECT_EQ(*keys, DefaultLinkKeys());
  EXPECT_EQ(*ParseLinkKeys("", "people.toml"), DefaultLinkKeys());
}

TEST(LinkKeysTest, AKindNamedReplacesItsDefaultsAndTheOthersStay) {
  auto keys = ParseLinkKeys("[link_keys]\nmastodon = [\"Mastodon handle\", \"fedi\"]\nx = []\n", "people.toml");
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  EXPECT_EQ(*keys, (std::vector<LinkKeyAttribute>{{"email", LinkKeyKind::kEmail},
                                                  {"Mastodon handle", LinkKeyKind::kMastodon},
                                                  {"fedi", LinkKeyKind::kMastodon},
                                                  {"bluesky", LinkKeyKind::kBluesky}}));
}

TEST(LinkKeysTest, MistakesNameTheFileLineAndKey) {
  auto message = [](std::string_view text) { return ParseLinkKeys(text, "w/people.toml").status().message(); };
  EXPECT_THAT(message("[link_keys]\n\ninsta = [\"ig\"]\n"),
              HasSubstr("w/people.toml:3: link_keys.insta: unknown kind of identity; expected email, mastodon"));
  EXPECT_THAT(message("[link_key]\nemail = [\"email\"]\n"), HasSubstr("w/people.toml:1: link_key: unknown table"));
  EXPECT_THAT(message("[link_keys]\nemail = \"email\"\n"),
              HasSubstr("w/people.toml:2: link_keys.email: expected a list of person attribute names"));
  EXPECT_THAT(message("[link_keys]\nemail = [\"  \"]\n"), HasSubstr("expected a person attribute name"));
  EXPECT_THAT(message("[link_keys]\nemail = [\"handle\"]\nmastodon = [\"handle\"]\n"),
              HasSubstr("attribute 'handle' is under two kinds of identity"));
  EXPECT_THAT(message("[link_keys]\nemail = [\"e\", \"e\"]\n"), HasSubstr("attribute 'e' is listed twice"));
  EXPECT_THAT(message("link_keys = 3\n"), HasSubstr("w/people.toml:1: link_keys: expected a [link_keys] table"));
  EXPECT_THAT(message("[link_keys\n"), HasSubstr("w/people.toml:1"));
}

TEST(LinkKeysTest, ValuesAreWrittenAsTheImportersWriteThatIdentity) {
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kEmail, " Cara@Example.ORG "), "cara@example.org");
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kEmail, "not an email"), "");
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kMastodon, "https://mastodon.social/@Cara"), "@cara@mastodon.social");
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kMastodon, "cara@mastodon.social"), "@cara@mastodon.social");
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kMastodon, "@cara"), "") << "a handle without its server names no one";
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kBluesky, "https://bsky.app/profile/cara.bsky.social"), "@cara.bsky.social");
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kBluesky, "https://example.org/cara"), "");
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kX, "https://twitter.com/Cara_J"), "@cara_j");
  EXPECT_EQ(LinkKeyValue(LinkKeyKind::kX, "@cara_j"), "@cara_j");
}

TEST(LinkKeysTest, AKeyAttributeLinksItsPersonToAnotherIdentity) {
  const std::vector<LinkKeyAttribute> keys = DefaultLinkKeys();
  EXPECT_EQ(KeyLinkOf(keys, {"civicrm:1", "email", "Cara@Example.org"}), "cara@example.org");
  EXPECT_EQ(KeyLinkOf(keys, {"civicrm:1", "city", "cara@example.org"}), "") << "not a key";
  EXPECT_EQ(KeyLinkOf(keys, {"civicrm:1", "email", "not an email"}), "");
  EXPECT_EQ(KeyLinkOf(keys, {"cara@example.org", "email", "cara@example.org"}), "") << "itself";
}

}  // namespace
}  // namespace learnloop
