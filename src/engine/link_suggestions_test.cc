#include "engine/link_suggestions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace learnloop::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

IdentityFacts Facts(std::string_view identity, std::vector<std::string_view> channels, std::string name = "") {
  IdentityFacts facts{identity, std::move(channels), {}};
  if (!name.empty()) facts.names.push_back({std::move(name), "name"});
  return facts;
}

TEST(NormalizedNameTest, FoldsCaseAccentsAndSpaces) {
  EXPECT_EQ(NormalizedName("  José   ÁLVAREZ "), "jose alvarez");
  EXPECT_EQ(NormalizedName("Cara\tJones"), NormalizedName("cara jones"));
  EXPECT_EQ(NormalizedName("Anne-Marie O'Brien"), "anne marie obrien");
  EXPECT_EQ(NormalizedName("Straße Müller"), "strasse muller");
  EXPECT_EQ(NormalizedName("Cara"), "") << "a first name alone";
  EXPECT_EQ(NormalizedName("\xff  Bad"), "\xff bad") << "not UTF-8: ASCII folded only";
}

TEST(UserNameOfTest, EachKindOfIdentity) {
  UserName mastodon = UserNameOf("@cara_jones@mastodon.social");
  EXPECT_EQ(mastodon.kind, "mastodon");
  EXPECT_EQ(mastodon.value, "cara_jones");
  EXPECT_EQ(mastodon.key, "carajones");
  UserName email = UserNameOf("Cara.Jones+news@example.org");
  EXPECT_EQ(email.kind, "email");
  EXPECT_EQ(email.value, "Cara.Jones");
  EXPECT_EQ(email.key, "carajones");
  EXPECT_EQ(UserNameOf("@cara-jones.bsky.social").kind, "bluesky");
  EXPECT_EQ(UserNameOf("cara-jones.bsky.social").key, "carajones");
  EXPECT_EQ(UserNameOf("@CaraJones").kind, "x");
  EXPECT_EQ(UserNameOf("civicrm:1432").kind, "");
  EXPECT_EQ(UserNameOf("info@example.org").kind, "") << "a role's mailbox";
  EXPECT_EQ(UserNameOf("@jo@mastodon.social").kind, "") << "too short to tell";
}

TEST(SuggestLinksTest, NameAndUserNameTogetherAreStrong) {
  const std::vector<IdentityFacts> identities = {
      Facts("cara.jones@example.org", {"actblue"}, "Cara Jones"),
      Facts("@cara_jones@mastodon.social", {"mastodon"}, "cara  jones"),
      Facts("@dee@mastodon.social", {"mastodon"}, "Dee Lee"),
  };
  LinkSuggestions out = SuggestLinks(identities, IdentityLinks(), 50);
  EXPECT_EQ(out.people, 3);
  ASSERT_EQ(out.pairs, 1);
  const LinkSuggestion& s = out.suggestions.at(0);
  EXPECT_EQ(s.a, "@cara_jones@mastodon.social");
  EXPECT_EQ(s.b, "cara.jones@example.org");
  EXPECT_THAT(s.a_channels, ElementsAre("mastodon"));
  EXPECT_EQ(s.strength, "strong");
  EXPECT_EQ(s.score, 5);
  ASSERT_EQ(s.evidence.size(), 2u);
  EXPECT_EQ(s.evidence[0], (LinkEvidence{"same_name", "cara  jones", "@cara_jones@mastodon.social name", "Cara Jones",
                                         "cara.jones@example.org name", 2}));
  EXPECT_EQ(s.evidence[1], (LinkEvidence{"same_user_name", "cara_jones", "@cara_jones@mastodon.social", "cara.jones",
                                         "cara.jones@example.org", 2}));
}

TEST(SuggestLinksTest, OneKindOfEvidenceIsPossibleAndSortsAfter) {
  const std::vector<IdentityFacts> identities = {
      Facts("cara.jones@example.org", {"actblue"}, "Cara Jones"),
      Facts("@cara_jones@mastodon.social", {"mastodon"}, "Cara Jones"),
      Facts("ben.ortiz@example.org", {"newsletter"}),
      Facts("@ben_ortiz@mastodon.social", {"mastodon"}),
      Facts("civicrm:7", {}, "Ana Lima"),
      Facts("ana@example.org", {"newsletter"}, "Ana Lima"),
  };
  LinkSuggestions out = SuggestLinks(identities, IdentityLinks(), 50);
  ASSERT_EQ(out.pairs, 3);
  EXPECT_EQ(out.suggestions[0].strength, "strong");
  EXPECT_EQ(out.suggestions[1].a, "@ben_ortiz@mastodon.social") << "equal scores by a";
  EXPECT_EQ(out.suggestions[1].strength, "possible");
  EXPECT_EQ(out.suggestions[1].score, 2);
  EXPECT_EQ(out.suggestions[2].a, "ana@example.org");
  EXPECT_EQ(out.suggestions[2].evidence[0].kind, "same_name");
  EXPECT_THAT(out.suggestions[2].b_channels, IsEmpty()) << "only attributes name civicrm:7";
  LinkSuggestions one = SuggestLinks(identities, IdentityLinks(), 1);
  EXPECT_EQ(one.pairs, 3);
  ASSERT_EQ(one.suggestions.size(), 1u);
  EXPECT_EQ(one.suggestions[0], out.suggestions[0]);
}

TEST(SuggestLinksTest, NoSuggestionWithinOnePersonOrOneKindOrOneChannel) {
  const std::vector<IdentityFacts> identities = {
      // One identity with a name and a user name: nothing to pair with.
      Facts("cara.jones@example.org", {"actblue"}, "Cara Jones"),
      // Two emails with one user name, two Mastodon users on two servers.
      Facts("ben@example.org", {"newsletter"}),
      Facts("ben@elsewhere.net", {"actblue"}),
      Facts("@dee_r@mastodon.social", {"mastodon"}),
      Facts("@dee_r@hachyderm.io", {"mastodon"}),
      // Two subscribers of one newsletter with one name.
      Facts("a1@example.org", {"newsletter"}, "Ana Lima"),
      Facts("a2@example.org", {"newsletter"}, "Ana Lima"),
  };
  LinkSuggestions out = SuggestLinks(identities, IdentityLinks(), 50);
  EXPECT_EQ(out.pairs, 0);
  EXPECT_THAT(out.suggestions, IsEmpty());
}

LinkRule Rule(int64_t id, std::string a, std::string b, bool link) {
  if (b < a) std::swap(a, b);
  return {id, std::move(a), std::move(b), link, link ? "people link" : "people unlink", "", "ana", id * 1000};
}

TEST(SuggestLinksTest, LinkedPeopleAreNotSuggestedAndAnUnlinkVetoes) {
  const std::vector<IdentityFacts> identities = {
      Facts("cara.jones@example.org", {"actblue"}),
      Facts("@cara_jones@mastodon.social", {"mastodon"}),
      Facts("civicrm:9", {}, "Dan Ruiz"),
      Facts("dan.ruiz@example.org", {"newsletter"}),
      Facts("@dan_ruiz@mastodon.social", {"mastodon"}, "Dan Ruiz"),
  };
  // Cara's two identities are linked; Dan's CRM record is kept apart from
  // his email, which is linked to his handle: the veto covers the handle too.
  const IdentityLinks links =
      IdentityLinks::Resolve({Rule(1, "cara.jones@example.org", "@cara_jones@mastodon.social", true),
                              Rule(2, "dan.ruiz@example.org", "@dan_ruiz@mastodon.social", true),
                              Rule(3, "civicrm:9", "dan.ruiz@example.org", false)},
                             {});
  EXPECT_EQ(SuggestLinks(identities, links, 50).pairs, 0);
  // Without the rules both pairs and the CRM record would be suggested.
  EXPECT_EQ(SuggestLinks(identities, IdentityLinks(), 50).pairs, 3);
}

TEST(SuggestLinksTest, ACommonNameSuggestsNothingByItselfAndIsReported) {
  std::vector<std::string> emails;
  std::vector<std::string> handles;
  for (int i = 0; i < kMaxPeoplePerLinkKey + 1; ++i) {
    emails.push_back("maria" + std::to_string(i) + "@example.org");
    handles.push_back("@mg" + std::to_string(i) + "@mastodon.social");
  }
  std::vector<IdentityFacts> identities;
  identities.reserve(emails.size() + handles.size() + 1);
  for (const std::string& email : emails) identities.push_back(Facts(email, {"newsletter"}, "Maria Garcia"));
  for (const std::string& handle : handles) identities.push_back(Facts(handle, {"mastodon"}, "Maria García"));
  // One of them also shares her user name with a handle: that pair holds.
  identities.push_back(Facts("@maria0@mastodon.social", {"mastodon"}, "Maria Garcia"));
  LinkSuggestions out = SuggestLinks(identities, IdentityLinks(), 50);
  ASSERT_EQ(out.pairs, 1);
  const LinkSuggestion& s = out.suggestions[0];
  EXPECT_EQ(s.a, "@maria0@mastodon.social");
  EXPECT_EQ(s.b, "maria0@example.org");
  EXPECT_EQ(s.strength, "strong");
  EXPECT_EQ(s.evidence[0].people, 2 * kMaxPeoplePerLinkKey + 3);
  EXPECT_EQ(s.score, 4) << "the name counts once, as shared";
  EXPECT_EQ(out.too_common_keys, 1);
  EXPECT_EQ(out.too_common.at(0), (CommonLinkKey{"same_name", "Maria Garcia", 2 * kMaxPeoplePerLinkKey + 3}));
}

TEST(SuggestLinksTest, AFewSharingAKeyLowerTheScore) {
  const std::vector<IdentityFacts> identities = {
      Facts("sam.tan@example.org", {"newsletter"}),
      Facts("@sam_tan@mastodon.social", {"mastodon"}),
      Facts("@samtan", {"x"}),
  };
  LinkSuggestions out = SuggestLinks(identities, IdentityLinks(), 50);
  ASSERT_EQ(out.pairs, 3);
  for (const LinkSuggestion& s : out.suggestions) {
    EXPECT_EQ(s.score, 1);
    EXPECT_EQ(s.evidence.at(0).people, 3);
  }
}

}  // namespace
}  // namespace learnloop::engine
