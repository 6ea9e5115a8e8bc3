#include "demo/names.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace learnloop::demo {
namespace {

TEST(NameBookTest, EveryoneGetsTheirOwnStrings) {
  NameBook names(9);
  std::set<std::string> mastodon, bluesky, email;
  constexpr int64_t kPeople = 20000;  // past the number of name pairs, so numbers appear
  for (int64_t i = 0; i < kPeople; ++i) {
    std::string m, b, e;
    names.AppendMastodon(i, m);
    names.AppendBluesky(i, b);
    names.AppendEmail(i, e);
    mastodon.insert(m);
    bluesky.insert(b);
    email.insert(e);
  }
  EXPECT_EQ(mastodon.size(), static_cast<size_t>(kPeople));
  EXPECT_EQ(bluesky.size(), static_cast<size_t>(kPeople));
  EXPECT_EQ(email.size(), static_cast<size_t>(kPeople));
}

TEST(NameBookTest, SpellingsFitEachChannel) {
  NameBook names(1);
  for (int64_t i : {int64_t{0}, int64_t{17}, int64_t{999'999}}) {
    std::string m, b, e;
    names.AppendMastodon(i, m);
    names.AppendBluesky(i, b);
    names.AppendEmail(i, e);
    ASSERT_EQ(m.front(), '@');
    size_t server = m.find('@', 1);
    ASSERT_NE(server, std::string::npos) << m;
    // Mastodon usernames hold only lower-case letters, digits and '_'.
    EXPECT_EQ(m.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_", 1), server) << m;
    EXPECT_TRUE(b.ends_with(".bsky.social")) << b;
    EXPECT_EQ(std::count(b.begin(), b.end(), '.'), 2) << b;
    EXPECT_EQ(std::count(e.begin(), e.end(), '@'), 1) << e;
    EXPECT_NE(e.find("example"), std::string::npos) << e;
  }
}

TEST(NameBookTest, SeedsChangeNamesButNotValidity) {
  std::string a, b;
  NameBook(1).AppendEmail(0, a);
  NameBook(2).AppendEmail(0, b);
  EXPECT_NE(a, b);
  std::string again;
  NameBook(1).AppendEmail(0, again);
  EXPECT_EQ(a, again);
}

}  // namespace
}  // namespace learnloop::demo
