#include "engine/event_table.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace learnloop::engine {
namespace {

Event MakeEvent(std::string_view ts, std::string person, std::string kind, std::string channel = "mastodon") {
  return Event{*ParseRfc3339(ts), std::move(channel), std::move(person), std::move(kind), "", std::nullopt, ""};
}

EventTable BuildTable(const std::vector<Event>& events, const TimeZone& zone = TimeZone::Utc()) {
  EventTableBuilder builder;
  for (const Event& e : events) EXPECT_TRUE(builder.Add(e.view()).ok());
  return std::move(builder).Build(zone);
}

TEST(EventTableTest, EmptyTable) {
  EventTable table = BuildTable({});
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.people(), 0u);
  ASSERT_EQ(table.person_offsets.size(), 1u);
  EXPECT_EQ(table.person_offsets[0], 0u);
  EXPECT_EQ(table.FindKind("like"), std::nullopt);
  EXPECT_EQ(table.time_zone, "UTC");
}

TEST(EventTableTest, SortsByPersonThenTime) {
  EventTable table = BuildTable({
      MakeEvent("2024-03-05T10:00:00Z", "bo", "like"),
      MakeEvent("2024-03-01T10:00:00Z", "ana", "share"),
      MakeEvent("2024-03-03T10:00:00Z", "bo", "comment"),
      MakeEvent("2024-02-01T10:00:00Z", "ana", "follow"),
      MakeEvent("2024-03-04T10:00:00Z", "cy", "view"),
      MakeEvent("2024-03-01T09:00:00Z", "bo", "follow"),
  });
  ASSERT_EQ(table.size(), 6u);
  ASSERT_EQ(table.people(), 3u);
  PersonId bo = *table.FindPerson("bo");
  PersonId ana = *table.FindPerson("ana");
  EXPECT_EQ(bo, 0u);  // ids follow first appearance
  EXPECT_EQ(table.person_offsets, (std::vector<uint32_t>{0, 3, 5, 6}));
  EXPECT_EQ(table.person, (std::vector<PersonId>{0, 0, 0, 1, 1, 2}));
  std::vector<std::string> kinds;
  for (size_t i = 0; i < table.size(); ++i) kinds.emplace_back(table.KindName(table.kind[i]));
  EXPECT_EQ(kinds, (std::vector<std::string>{"follow", "comment", "like", "follow", "share", "view"}));
  EXPECT_EQ(table.EventAt(table.PersonBegin(ana)), MakeEvent("2024-02-01T10:00:00Z", "ana", "follow"));
  for (size_t i = 1; i < table.size(); ++i) {
    if (table.person[i] == table.person[i - 1]) {
      EXPECT_LE(table.ts[i - 1], table.ts[i]);
    }
  }
}

TEST(EventTableTest, EqualTimesKeepArrivalOrder) {
  EventTable table = BuildTable({
      MakeEvent("2024-03-05T10:00:00Z", "ana", "unfollow"),
      MakeEvent("2024-03-01T10:00:00Z", "ana", "like"),
      MakeEvent("2024-03-05T10:00:00Z", "ana", "follow"),
  });
  EXPECT_EQ(table.KindName(table.kind[1]), "unfollow");
  EXPECT_EQ(table.KindName(table.kind[2]), "follow");
}

TEST(EventTableTest, KeepsEveryFieldThroughTheSort) {
  Event full{*ParseRfc3339("2024-03-05T10:00:00.25Z"),
             "newsletter",
             "ana@example.org",
             "donation",
             "appeal-7",
             25.5,
             "spring;match"};
  Event plain = MakeEvent("2024-01-01T00:00:00Z", "ana@example.org", "open", "newsletter");
  EventTable table = BuildTable({full, plain});
  EXPECT_EQ(table.EventAt(0), plain);
  EXPECT_EQ(table.EventAt(1), full);
  EXPECT_TRUE(std::isnan(table.value[0]));
  EXPECT_EQ(table.value[1], 25.5);
  EXPECT_EQ(table.FindChannel("newsletter"), 0);
  EXPECT_EQ(table.FindKind("donation"), table.kind[1]);
  EXPECT_EQ(table.FindPerson("bo"), std::nullopt);
}

TEST(EventTableTest, DaysFollowTheWorkspaceTimeZone) {
  std::vector<Event> events = {
      MakeEvent("2024-03-31T22:30:00Z", "ana", "like"),  // 00:30 on April 1st in Berlin (summer time)
      MakeEvent("2024-01-15T23:10:00Z", "ana", "like"),  // 00:10 on January 16th in Berlin (winter time)
      MakeEvent("2024-01-15T22:50:00Z", "ana", "like"),  // 23:50 on January 15th in Berlin
  };
  EventTable utc = BuildTable(events);
  EXPECT_EQ(utc.day, (std::vector<Day>{*ParseDate("2024-01-15"), *ParseDate("2024-01-15"), *ParseDate("2024-03-31")}));
  auto berlin_zone = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin_zone.ok());
  EventTable berlin = BuildTable(events, *berlin_zone);
  EXPECT_EQ(berlin.time_zone, "Europe/Berlin");
  EXPECT_EQ(berlin.day,
            (std::vector<Day>{*ParseDate("2024-01-15"), *ParseDate("2024-01-16"), *ParseDate("2024-04-01")}));
}

TEST(EventTableTest, MemoryBytesCountsColumnsDictionariesAndArena) {
  std::vector<Event> events;
  events.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    events.push_back(MakeEvent("2024-03-01T10:00:00Z", "person-" + std::to_string(i % 100), "like"));
  }
  EventTable table = BuildTable(events);
  size_t columns = 1000 * (4 + 8 + 4 + 2 + 2 + 4 + 8 + 4) + 101 * 4;
  EXPECT_GE(table.MemoryBytes(), columns + 100 * sizeof(std::string_view));
  EXPECT_GE(table.MemoryBytes(), table.arena.MemoryBytes());
  EXPECT_LT(table.MemoryBytes(), columns + (2u << 20));
}

// Only a workspace filled before imports checked the limits gets here; the
// builder reports it instead of throwing, so commands fail with a message.
TEST(EventTableTest, TooManyKindsIsAnErrorNotAThrow) {
  EventTableBuilder builder;
  // append, as GCC 12 at -O3 falsely reports -Wrestrict in "k" + std::to_string(i).
  for (int64_t i = 0; i < kMaxKinds; ++i) {
    ASSERT_TRUE(
        builder.Add(MakeEvent("2024-03-01T10:00:00Z", "ana", std::string("k").append(std::to_string(i))).view()).ok());
  }
  ASSERT_TRUE(builder.Add(MakeEvent("2024-03-01T11:00:00Z", "bo", "k0").view()).ok()) << "a known kind still fits";
  Status status = builder.Add(MakeEvent("2024-03-01T12:00:00Z", "ana", "one-more").view());
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("more than 65535 kinds"), std::string::npos) << status.message();
}

TEST(EventTableTest, TooManyChannelsIsAnErrorNotAThrow) {
  EventTableBuilder builder;
  for (int64_t i = 0; i < kMaxChannels; ++i) {
    ASSERT_TRUE(
        builder.Add(MakeEvent("2024-03-01T10:00:00Z", "ana", "like", std::string("c").append(std::to_string(i))).view())
            .ok());
  }
  Status status = builder.Add(MakeEvent("2024-03-01T12:00:00Z", "ana", "like", "one-more").view());
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("more than 65535 channels"), std::string::npos) << status.message();
}

TEST(EventTableTest, SelectPeopleKeepsTheirEventsInOrder) {
  EventTable table = BuildTable({
      MakeEvent("2024-03-05T10:00:00Z", "bo", "like"),
      MakeEvent("2024-03-01T10:00:00Z", "ana", "share", "crm"),
      MakeEvent("2024-03-03T10:00:00Z", "bo", "comment"),
      MakeEvent("2024-03-04T10:00:00Z", "cy", "view"),
      MakeEvent("2024-03-01T09:00:00Z", "bo", "follow"),
  });
  std::vector<char> keep(table.people());
  keep[*table.FindPerson("bo")] = 1;
  keep[*table.FindPerson("cy")] = 1;
  EventTable some = SelectPeople(table, keep);
  ASSERT_EQ(some.people(), 2u);
  ASSERT_EQ(some.size(), 4u);
  EXPECT_EQ(some.person_offsets, (std::vector<uint32_t>{0, 3, 4}));
  std::vector<Event> expected;
  for (size_t i = 0; i < table.size(); ++i)
    if (keep[table.person[i]]) expected.push_back(table.EventAt(i));
  for (size_t i = 0; i < some.size(); ++i) {
    EXPECT_EQ(some.EventAt(i), expected[i]);
    EXPECT_EQ(some.day[i], table.day[table.PersonBegin(*table.FindPerson(some.PersonName(some.person[i]))) +
                                     (i - some.PersonBegin(some.person[i]))]);
  }
  EXPECT_EQ(some.channels.size(), table.channels.size()) << "ids stay valid";
  EXPECT_EQ(SelectPeople(table, std::vector<char>(table.people(), 0)).size(), 0u);
}

}  // namespace
}  // namespace learnloop::engine
