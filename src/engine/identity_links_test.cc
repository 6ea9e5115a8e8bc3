#include "engine/identity_links.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace learnloop::engine {
namespace {

using ::testing::ElementsAre;

LinkRule Rule(int64_t id, std::string a, std::string b, bool link = true) {
  if (b < a) std::swap(a, b);
  return {id, std::move(a), std::move(b), link, link ? "people link" : "people unlink", "", "ana", id * 1000};
}

TEST(IdentityLinksTest, NoRulesNoKeysLinkNoOne) {
  IdentityLinks links = IdentityLinks::Resolve({}, {});
  EXPECT_TRUE(links.empty());
  EXPECT_EQ(links.PrimaryOf("@cara@mastodon.social"), "@cara@mastodon.social");
  EXPECT_THAT(links.MembersOf("x"), ElementsAre("x"));
  EXPECT_EQ(links.linked_people(), 0);
  EXPECT_FALSE(links.IsLinked("x"));
}

TEST(IdentityLinksTest, RulesAndKeysJoinAndAnEmailNamesThePerson) {
  IdentityLinks links = IdentityLinks::Resolve({Rule(1, "@cara@mastodon.social", "civicrm:1432")},
                                               {{"civicrm:1432", "cara@example.org", "email"}});
  EXPECT_FALSE(links.empty());
  for (std::string_view id : {"@cara@mastodon.social", "civicrm:1432", "cara@example.org"})
    EXPECT_EQ(links.PrimaryOf(id), "cara@example.org") << id;
  EXPECT_THAT(links.MembersOf("civicrm:1432"),
              ElementsAre("cara@example.org", "@cara@mastodon.social", "civicrm:1432"));
  std::vector<AppliedLink> edges = links.LinksOf("cara@example.org");
  ASSERT_EQ(edges.size(), 2u);
  ASSERT_TRUE(edges[0].rule.has_value());
  EXPECT_EQ(edges[0].rule->id, 1);
  EXPECT_FALSE(edges[1].rule.has_value());
  EXPECT_EQ(edges[1].attribute, "email");
  EXPECT_EQ(links.linked_people(), 1);
  EXPECT_TRUE(links.IsLinked("civicrm:1432"));
  EXPECT_FALSE(links.IsLinked("@ben@mastodon.social"));
  EXPECT_EQ(links.PrimaryOf("@ben@mastodon.social"), "@ben@mastodon.social");
}

TEST(IdentityLinksTest, TheLatestRuleAboutAPairIsInForce) {
  IdentityLinks undone = IdentityLinks::Resolve({Rule(1, "@a", "a@x.org"), Rule(2, "@a", "a@x.org", false)}, {});
  EXPECT_EQ(undone.PrimaryOf("@a"), "@a");
  ASSERT_TRUE(undone.UnlinkOf("a@x.org", "@a").has_value());
  EXPECT_EQ(undone.UnlinkOf("a@x.org", "@a")->id, 2);
  IdentityLinks redone =
      IdentityLinks::Resolve({Rule(1, "@a", "a@x.org"), Rule(2, "@a", "a@x.org", false), Rule(3, "@a", "a@x.org")}, {});
  EXPECT_EQ(redone.PrimaryOf("@a"), "a@x.org");
  EXPECT_FALSE(redone.UnlinkOf("@a", "a@x.org").has_value());
}

TEST(IdentityLinksTest, AnUnlinkKeepsTwoApartWhateverElseWouldJoinThem) {
  // a-b by a rule, b-c by a key, but a and c are kept apart: the key is not applied.
  IdentityLinks links =
      IdentityLinks::Resolve({Rule(1, "@a", "@b"), Rule(2, "@a", "c@x.org", false)}, {{"@b", "c@x.org", "email"}});
  EXPECT_EQ(links.PrimaryOf("@b"), "@a");
  EXPECT_EQ(links.PrimaryOf("c@x.org"), "c@x.org");
  EXPECT_FALSE(links.IsLinked("c@x.org")) << "named by the unlink only";
  EXPECT_THAT(links.MembersOf("@a"), ElementsAre("@a", "@b"));
  // An unlink of a key's own pair drops that key.
  IdentityLinks dropped =
      IdentityLinks::Resolve({Rule(1, "civicrm:1", "d@x.org", false)}, {{"civicrm:1", "d@x.org", "email"}});
  EXPECT_TRUE(dropped.empty());
}

TEST(IdentityLinksTest, KeptApartIsAboutWholePeople) {
  // @a and @b are one person; the unlink of @a and c@x.org keeps @b from c@x.org too.
  IdentityLinks links = IdentityLinks::Resolve({Rule(1, "@a", "@b"), Rule(2, "@a", "c@x.org", false)}, {});
  EXPECT_TRUE(links.KeptApart("@b", "c@x.org"));
  EXPECT_TRUE(links.KeptApart("c@x.org", "@a"));
  EXPECT_FALSE(links.KeptApart("@a", "@b"));
  EXPECT_FALSE(links.KeptApart("@b", "@zed")) << "an identity no rule names";
}

TEST(IdentityLinksTest, KeysJoinInTheSameWayWhateverTheirOrder) {
  std::vector<KeyLink> keys = {
      {"civicrm:2", "e@x.org", "email"}, {"civicrm:2", "@e@m.social", "mastodon"}, {"civicrm:3", "e@x.org", "email"}};
  IdentityLinks one = IdentityLinks::Resolve({}, keys);
  std::reverse(keys.begin(), keys.end());
  IdentityLinks other = IdentityLinks::Resolve({}, keys);
  EXPECT_EQ(one.MembersOf("civicrm:3"), other.MembersOf("civicrm:3"));
  EXPECT_THAT(one.MembersOf("@e@m.social"), ElementsAre("e@x.org", "@e@m.social", "civicrm:2", "civicrm:3"));
}

EventTable Table(const std::vector<Event>& events) {
  EventTableBuilder builder;
  for (const Event& e : events) EXPECT_TRUE(builder.Add(e.view()).ok());
  return std::move(builder).Build(TimeZone::Utc());
}

Event E(int64_t seconds, std::string channel, std::string person, std::string kind) {
  return {Timestamp{seconds * 1'000'000}, std::move(channel), std::move(person), std::move(kind), "", std::nullopt, ""};
}

TEST(LinkPeopleTest, LinkedIdentitiesBecomeOnePersonWithTheirEventsInTimeOrder) {
  EventTable table =
      Table({E(30, "email", "cara@example.org", "donation"), E(10, "mastodon", "@cara@m.social", "follow"),
             E(20, "mastodon", "@ben@m.social", "like"), E(40, "mastodon", "@cara@m.social", "reply")});
  ASSERT_EQ(table.people(), 3u);
  IdentityLinks links = IdentityLinks::Resolve({Rule(1, "@cara@m.social", "cara@example.org")}, {});
  std::optional<EventTable> linked = LinkPeople(table, links);
  ASSERT_TRUE(linked.has_value());
  ASSERT_EQ(linked->people(), 2u);
  ASSERT_EQ(linked->size(), 4u);
  std::optional<PersonId> cara = linked->FindPerson("cara@example.org");
  ASSERT_TRUE(cara.has_value());
  EXPECT_FALSE(linked->FindPerson("@cara@m.social").has_value());
  std::vector<std::string> kinds;
  for (uint32_t row = linked->PersonBegin(*cara); row < linked->PersonEnd(*cara); ++row)
    kinds.emplace_back(linked->KindName(linked->kind[row]));
  EXPECT_THAT(kinds, ElementsAre("follow", "donation", "reply"));
  std::vector<std::string> channels;
  for (uint32_t row = linked->PersonBegin(*cara); row < linked->PersonEnd(*cara); ++row)
    channels.emplace_back(linked->ChannelName(linked->channel[row]));
  EXPECT_THAT(channels, ElementsAre("mastodon", "email", "mastodon"));
  for (uint32_t row = 0; row < linked->size(); ++row) {
    EXPECT_GE(row, linked->PersonBegin(linked->person[row]));
    EXPECT_LT(row, linked->PersonEnd(linked->person[row]));
  }
}

TEST(LinkPeopleTest, NothingLinkedLeavesTheTableAlone) {
  EventTable table = Table({E(10, "mastodon", "@a@m.social", "follow"), E(20, "x", "@b", "like")});
  EXPECT_FALSE(LinkPeople(table, IdentityLinks::Resolve({}, {})).has_value());
  // Links among identities no event names change nothing either.
  EXPECT_FALSE(LinkPeople(table, IdentityLinks::Resolve({Rule(1, "@q", "q@x.org")}, {})).has_value());
}

TEST(LinkPeopleTest, AHandleLinkedToAnEmailWithoutEventsIsNamedByTheEmail) {
  EventTable table = Table({E(10, "mastodon", "@a@m.social", "follow")});
  auto linked = LinkPeople(table, IdentityLinks::Resolve({}, {{"a@x.org", "@a@m.social", "mastodon"}}));
  ASSERT_TRUE(linked.has_value());
  EXPECT_EQ(linked->people(), 1u);
  EXPECT_EQ(linked->PersonName(0), "a@x.org");
}

}  // namespace
}  // namespace learnloop::engine
