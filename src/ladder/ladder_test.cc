#include "learnloop/ladder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/event_table.h"
#include "ladder/ladder_rules.h"

namespace learnloop {
namespace {

Day D(std::string_view date) { return *ParseDate(date); }

Event At(std::string_view date, std::string person, std::string kind, std::string channel = "mastodon") {
  Timestamp ts{int64_t{D(date)} * 86'400'000'000 + 12 * 3'600'000'000LL};
  return Event{ts, std::move(channel), std::move(person), std::move(kind), "", std::nullopt, ""};
}

std::shared_ptr<const engine::EventTable> Table(const std::vector<Event>& events) {
  engine::EventTableBuilder builder;
  for (const Event& e : events) builder.Add(e.view());
  return std::make_shared<const engine::EventTable>(std::move(builder).Build(TimeZone::Utc()));
}

ladder::LadderRules Rules(std::string_view toml = ladder::DefaultLadderToml()) {
  auto rules = ladder::ParseLadderRules(toml, "test.toml");
  EXPECT_TRUE(rules.ok()) << rules.status().message();
  return *rules;
}

Ladder DefaultLadder(const std::vector<Event>& events) { return Ladder(Table(events), Rules()); }

std::map<std::string, std::string> RungsOf(const Ladder& ladder, Day t) {
  std::map<std::string, std::string> out;
  for (const PersonRung& p : ladder.PeopleAsOf(t)) out[p.person] = p.rung;
  return out;
}

TEST(LadderTest, EmptyTable) {
  Ladder ladder = DefaultLadder({});
  EXPECT_EQ(ladder.rung_names(), (std::vector<std::string>{"action", "relationship", "engagement", "network"}));
  EXPECT_TRUE(ladder.PeopleAsOf(D("2024-01-01")).empty());
  LadderSnapshot snapshot = ladder.CountsAsOf(D("2024-01-01"));
  EXPECT_EQ(snapshot.rungs.size(), 4u);
  EXPECT_EQ(snapshot.audience, 0);
  EXPECT_EQ(ladder.DailySeries(D("2024-01-01"), D("2024-01-03")).points.size(), 3u);
  EXPECT_TRUE(ladder.DailySeries(D("2024-01-03"), D("2024-01-01")).points.empty());
  EXPECT_TRUE(ladder.Cohorts(D("2024-01-01")).rows.empty());
  EXPECT_EQ(ladder.ClimbTimes(D("2024-01-01"))[0].median_days, std::nullopt);
}

TEST(LadderTest, DefaultRulesPlacePeople) {
  Ladder ladder = DefaultLadder({
      At("2024-03-01", "donor", "donation"),
      At("2024-03-01", "donor", "follow"),
      At("2024-03-04", "talker", "comment"),  // week 10
      At("2024-03-05", "talker", "org_reply"),
      At("2024-03-11", "talker", "like"),  // week 11
      At("2024-03-12", "talker", "like"),
      At("2024-03-12", "liker", "like"),
      At("2024-03-12", "fan", "follow"),
      At("2024-03-12", "viewer", "view"),
      At("2024-04-01", "late", "donation"),
  });
  EXPECT_EQ(RungsOf(ladder, D("2024-03-31")), (std::map<std::string, std::string>{{"donor", "action"},
                                                                                  {"talker", "relationship"},
                                                                                  {"liker", "engagement"},
                                                                                  {"fan", "network"},
                                                                                  {"viewer", "audience"}}));
  LadderSnapshot snapshot = ladder.CountsAsOf(D("2024-03-31"));
  EXPECT_EQ(snapshot.rungs,
            (std::vector<RungCount>{{"action", 1}, {"relationship", 1}, {"engagement", 1}, {"network", 1}}));
  EXPECT_EQ(snapshot.audience, 1);
  // Day 90 after the donation, the donation has left the window; the follow stays.
  EXPECT_EQ(RungsOf(ladder, D("2024-05-30"))["donor"], "network");
  EXPECT_EQ(RungsOf(ladder, D("2024-05-29"))["donor"], "action");
}

TEST(LadderTest, WeeklySeriesTakesSundaysAndTheLastDay) {
  Ladder ladder = DefaultLadder({At("2024-03-06", "a", "like"), At("2024-03-13", "b", "like")});
  // 2024-03-06 is a Wednesday; Sundays are 03-10 and 03-17.
  RungSeries weekly = ladder.WeeklySeries(D("2024-03-06"), D("2024-03-20"));
  std::vector<Day> days;
  for (const LadderSnapshot& point : weekly.points) days.push_back(point.as_of);
  EXPECT_EQ(days, (std::vector<Day>{D("2024-03-10"), D("2024-03-17"), D("2024-03-20")}));
  EXPECT_EQ(weekly.points[0].rungs[2].people, 1);
  EXPECT_EQ(weekly.points[1].rungs[2].people, 2);
}

TEST(LadderTest, TransitionsAndConversions) {
  Ladder ladder = DefaultLadder({
      At("2024-01-10", "up", "follow"), At("2024-03-10", "up", "like"),  // network -> engagement
      At("2024-01-10", "down", "like"),
      At("2024-01-10", "down", "follow"),  // engagement -> network once the like is 90 days old
      At("2024-01-10", "same", "follow"), At("2024-03-20", "new", "donation"),  // absent -> action
      At("2024-05-01", "later", "like"),                                        // not counted: no event by `to`
  });
  TransitionMatrix m = ladder.Transitions(D("2024-02-01"), D("2024-04-15"));
  EXPECT_EQ(m.states, (std::vector<std::string>{"action", "relationship", "engagement", "network", "audience"}));
  EXPECT_EQ(m.counts[3][2], 1);  // up
  EXPECT_EQ(m.counts[2][3], 1);  // down
  EXPECT_EQ(m.counts[3][3], 1);  // same
  EXPECT_EQ(m.counts[4][0], 1);  // new
  EXPECT_EQ(m.moved_up, 2);
  EXPECT_EQ(m.moved_down, 1);
  EXPECT_EQ(m.stayed, 1);

  std::vector<Conversion> conversions = ladder.Conversions(D("2024-02-01"), D("2024-04-15"));
  ASSERT_EQ(conversions.size(), 3u);
  EXPECT_EQ(conversions[0].from_rung, "network");
  EXPECT_EQ(conversions[0].to_rung, "engagement");
  EXPECT_EQ(conversions[0].base, 2);  // up and same
  EXPECT_EQ(conversions[0].converted, 1);
  EXPECT_DOUBLE_EQ(conversions[0].rate, 0.5);
  EXPECT_EQ(conversions[1].base, 1);  // down was at engagement
  EXPECT_EQ(conversions[1].converted, 0);
  EXPECT_EQ(conversions[2].from_rung, "relationship");
  EXPECT_EQ(conversions[2].base, 0);
  EXPECT_EQ(conversions[2].rate, 0);
}

TEST(LadderTest, ClimbTimesTakeTheMedianOverPeopleWhoClimbed) {
  Ladder ladder = DefaultLadder({
      At("2024-01-01", "a", "follow"), At("2024-01-05", "a", "like"),   // 4 days
      At("2024-01-01", "b", "follow"), At("2024-01-11", "b", "like"),   // 10 days
      At("2024-01-01", "c", "follow"), At("2024-01-02", "c", "click"),  // 1 day
      At("2024-01-01", "d", "follow"), At("2024-01-03", "d", "open"),   // 2 days
      At("2024-01-01", "e", "like"),                                    // straight to engagement: left out
      At("2024-01-01", "f", "follow"), At("2024-03-01", "f", "like"),   // after as_of: not yet
  });
  std::vector<ClimbTime> climbs = ladder.ClimbTimes(D("2024-02-01"));
  ASSERT_EQ(climbs.size(), 3u);
  EXPECT_EQ(climbs[0].from_rung, "network");
  EXPECT_EQ(climbs[0].people, 4);
  EXPECT_EQ(climbs[0].median_days, 3.0);
  EXPECT_EQ(climbs[1].people, 0);
  EXPECT_EQ(climbs[1].median_days, std::nullopt);
  EXPECT_EQ(ladder.ClimbTimes(D("2024-03-01"))[0].median_days, 4.0);
}

TEST(LadderTest, CohortsByFirstMonthAndHighestRungEver) {
  Ladder ladder = DefaultLadder({
      At("2023-11-20", "a", "donation"),  // action in November, long gone by June
      At("2023-11-25", "b", "view"), At("2024-01-02", "c", "like"), At("2024-01-30", "d", "follow"),
      At("2024-07-01", "e", "like"),  // after as_of
  });
  CohortTable cohorts = ladder.Cohorts(D("2024-06-30"));
  EXPECT_EQ(cohorts.columns.back(), "audience");
  ASSERT_EQ(cohorts.rows.size(), 2u);
  EXPECT_EQ(cohorts.rows[0].month, "2023-11");
  EXPECT_EQ(cohorts.rows[0].people, 2);
  EXPECT_EQ(cohorts.rows[0].counts, (std::vector<int64_t>{1, 0, 0, 0, 1}));
  EXPECT_EQ(cohorts.rows[1].month, "2024-01");
  EXPECT_EQ(cohorts.rows[1].counts, (std::vector<int64_t>{0, 0, 1, 1, 0}));
}

// A direct reading of the rules for one person and day: the oracle the
// sweep is checked against.
std::string ReferenceRung(const ladder::LadderRules& rules, const std::vector<Event>& events, Day t) {
  auto in = [](const std::vector<std::string>& kinds, const std::string& kind) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  };
  auto day_of = [](const Event& e) { return static_cast<Day>(e.ts.micros / 86'400'000'000); };
  for (const ladder::Rung& rung : rules.rungs) {
    bool holds = true;
    for (const ladder::Rule& rule : rung.rules) {
      auto in_window = [&](const Event& e) { return day_of(e) <= t && day_of(e) > t - rule.window_days; };
      if (const auto* count = std::get_if<ladder::CountRule>(&rule.condition)) {
        std::set<int32_t> weeks, days;
        int n = 0;
        for (const Event& e : events) {
          if (!in_window(e) || !in(count->kinds, e.kind)) continue;
          ++n;
          weeks.insert(IsoWeekIndex(day_of(e)));
          days.insert(day_of(e));
        }
        holds &= n >= count->min_events && static_cast<int>(weeks.size()) >= count->min_distinct_weeks &&
                 static_cast<int>(days.size()) >= count->min_distinct_days;
      } else if (const auto* exchange = std::get_if<ladder::ExchangeRule>(&rule.condition)) {
        bool person = false, org = false;
        for (const Event& e : events) {
          person |= in_window(e) && in(exchange->person_kinds, e.kind);
          org |= in_window(e) && in(exchange->org_kinds, e.kind);
        }
        holds &= person && org;
      } else {
        const auto& state = std::get<ladder::StateRule>(rule.condition);
        std::map<std::string, bool> on;
        for (const Event& e : events) {
          if (day_of(e) > t) continue;
          std::string key = state.per_channel ? e.channel : "";
          if (in(state.on_kinds, e.kind)) on[key] = true;
          if (in(state.off_kinds, e.kind)) on[key] = false;
        }
        holds &= std::any_of(on.begin(), on.end(), [](const auto& kv) { return kv.second; });
      }
    }
    if (holds) return rung.name;
  }
  return "audience";
}

constexpr std::string_view kMixedRules = R"(
window_days = 20
[[rung]]
name = "champion"
  [[rung.rule]]
  kinds = ["donation", "host"]
  min_events = 2
  min_distinct_days = 2
  window_days = 45
  [[rung.rule]]
  state = { on_kinds = ["subscribe"], off_kinds = ["unsubscribe"], per_channel = false }
[[rung]]
name = "relationship"
  [[rung.rule]]
  kinds = ["like", "comment", "org_reply"]
  min_events = 3
  min_distinct_weeks = 2
  [[rung.rule]]
  exchange = { person_kinds = ["comment"], org_kinds = ["org_reply"] }
  window_days = 9
[[rung]]
name = "engagement"
  [[rung.rule]]
  kinds = ["like", "comment"]
  window_days = 7
[[rung]]
name = "network"
  [[rung.rule]]
  state = { on_kinds = ["follow", "subscribe"], off_kinds = ["unfollow", "unsubscribe"] }
)";

// Appends rather than `"p" + std::to_string(n)`: GCC 12 at -O3 reports a false
// -Wrestrict inside operator+(const char*, string&&).
std::string PersonName(uint64_t n) {
  std::string name = "p";
  name += std::to_string(n);
  return name;
}

std::vector<Event> RandomEvents(std::mt19937& rng, int people, int per_person, Day first_day, int span) {
  const std::vector<std::string> kinds = {"follow",  "unfollow",  "subscribe", "unsubscribe", "like",
                                          "comment", "org_reply", "donation",  "host",        "view"};
  std::vector<Event> events;
  for (int i = 0; i < people * per_person; ++i) {
    Event e = At(FormatDate(first_day + static_cast<Day>(rng() % span)), PersonName(rng() % people),
                 kinds[rng() % kinds.size()], rng() % 2 ? "mastodon" : "newsletter");
    e.ts.micros += static_cast<int64_t>(rng() % 1000);
    events.push_back(std::move(e));
  }
  return events;
}

std::string_view RulesNamed(std::string_view name) {
  return name == "mixed" ? kMixedRules : ladder::DefaultLadderToml();
}

class LadderConsistencyTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(LadderConsistencyTest, SweepAgreesWithSnapshotsAndTheRulesRead) {
  ladder::LadderRules rules = Rules(RulesNamed(GetParam()));
  std::mt19937 rng(7);
  const Day first_day = D("2024-01-01");
  std::set<std::string> seen;  // so the test shows every rung was exercised
  for (int round = 0; round < 20; ++round) {
    std::vector<Event> events = RandomEvents(rng, 1 + round % 5, 6 + round, first_day, 120);
    Ladder ladder(Table(events), rules);
    const Day from = first_day - 3;
    const Day to = first_day + 150;
    RungSeries daily = ladder.DailySeries(from, to);
    ASSERT_EQ(daily.points.size(), static_cast<size_t>(to - from + 1));
    for (Day d = from; d <= to; ++d) {
      ASSERT_EQ(daily.points[d - from], ladder.CountsAsOf(d)) << "round " << round << " day " << FormatDate(d);
      for (const PersonRung& p : ladder.PeopleAsOf(d)) {
        std::vector<Event> own;
        std::copy_if(events.begin(), events.end(), std::back_inserter(own),
                     [&](const Event& e) { return e.person == p.person; });
        std::stable_sort(own.begin(), own.end(), [](const Event& a, const Event& b) { return a.ts < b.ts; });
        ASSERT_EQ(p.rung, ReferenceRung(rules, own, d)) << p.person << " round " << round << " " << FormatDate(d);
        seen.insert(p.rung);
      }
    }
    for (const LadderSnapshot& point : ladder.WeeklySeries(from, to).points) {
      ASSERT_TRUE(IsoWeekday(point.as_of) == 7 || point.as_of == to);
      ASSERT_EQ(point, ladder.CountsAsOf(point.as_of));
    }
  }
  EXPECT_EQ(seen.size(), rules.rungs.size() + 1);
}

INSTANTIATE_TEST_SUITE_P(Rules, LadderConsistencyTest, ::testing::Values("default", "mixed"),
                         [](const auto& info) { return std::string(info.param); });

TEST(LadderTest, ThreadedSweepMatchesSnapshotsAndClimbsMatchDailyStates) {
  std::mt19937 rng(11);
  const Day first_day = D("2024-01-01");
  std::vector<Event> events = RandomEvents(rng, 9000, 4, first_day, 100);
  Ladder ladder(Table(events), Rules());
  const Day to = first_day + 100;
  RungSeries daily = ladder.DailySeries(first_day, to);
  // First day each person stood at each rung or higher, read off daily states.
  std::map<std::string, std::vector<Day>> first_at;
  for (Day d = first_day; d <= to; d += 10) {
    ASSERT_EQ(daily.points[d - first_day], ladder.CountsAsOf(d));
  }
  for (Day d = first_day; d <= to; ++d) {
    for (const PersonRung& p : ladder.PeopleAsOf(d)) {
      auto& days = first_at.try_emplace(p.person, 4, INT32_MAX).first->second;
      for (size_t r = 0; r < 4; ++r) {
        bool at_or_above = std::find(ladder.rung_names().begin(), ladder.rung_names().begin() + r + 1, p.rung) !=
                           ladder.rung_names().begin() + r + 1;
        if (at_or_above && days[r] == INT32_MAX) days[r] = d;
      }
    }
  }
  std::vector<ClimbTime> climbs = ladder.ClimbTimes(to);
  for (size_t lower = 3; lower >= 1; --lower) {
    std::vector<double> gaps;
    for (const auto& [person, days] : first_at) {
      if (days[lower - 1] != INT32_MAX && days[lower] < days[lower - 1]) gaps.push_back(days[lower - 1] - days[lower]);
    }
    std::sort(gaps.begin(), gaps.end());
    const ClimbTime& climb = climbs[3 - lower];
    ASSERT_EQ(climb.people, static_cast<int64_t>(gaps.size()));
    if (gaps.empty()) continue;
    double median = gaps.size() % 2 ? gaps[gaps.size() / 2] : (gaps[gaps.size() / 2 - 1] + gaps[gaps.size() / 2]) / 2;
    EXPECT_EQ(climb.median_days, median);
  }
  int64_t cohort_people = 0;
  for (const CohortRow& row : ladder.Cohorts(to).rows) cohort_people += row.people;
  EXPECT_EQ(cohort_people, static_cast<int64_t>(first_at.size()));
  EXPECT_EQ(cohort_people, ladder.people());
}

TEST(LadderTest, PersonStoryAgreesWithDailyStates) {
  std::mt19937 rng(5);
  const Day first_day = D("2024-01-01");
  std::vector<Event> events = RandomEvents(rng, 40, 25, first_day, 200);
  Ladder ladder(Table(events), Rules());
  const Day as_of = first_day + 150;
  int checked_days = 0;
  for (int p = 0; p < 40; ++p) {
    const std::string person = PersonName(p);
    std::optional<PersonStory> story = ladder.Person(person, as_of);
    ASSERT_TRUE(story.has_value()) << person;
    int64_t events_by_then = 0;
    Day first = as_of + 1;
    for (const Event& e : events) {
      if (e.person != person || e.ts.micros / 86'400'000'000 > as_of) continue;
      ++events_by_then;
      first = std::min(first, static_cast<Day>(e.ts.micros / 86'400'000'000));
    }
    EXPECT_EQ(story->events, events_by_then);
    EXPECT_EQ(story->first_seen, first);
    int64_t by_kind = 0;
    for (const KindCount& k : story->kinds) by_kind += k.events;
    EXPECT_EQ(by_kind, story->events);
    ASSERT_FALSE(story->stays.empty());
    EXPECT_EQ(story->stays.front().from, first);
    EXPECT_EQ(story->stays.back().to, as_of);
    for (size_t i = 1; i < story->stays.size(); ++i) {
      EXPECT_EQ(story->stays[i].from, story->stays[i - 1].to + 1) << "stays are contiguous";
      EXPECT_NE(story->stays[i].rung, story->stays[i - 1].rung) << "adjacent stays differ";
    }
    // Every 10th day, the stay holding it names the rung the snapshot gives.
    for (Day d = first; d <= as_of; d += 10) {
      auto stay = std::find_if(story->stays.begin(), story->stays.end(),
                               [d](const PersonStay& s) { return s.from <= d && d <= s.to; });
      ASSERT_NE(stay, story->stays.end());
      std::vector<PersonRung> people = ladder.PeopleAsOf(d);
      auto rung = std::find_if(people.begin(), people.end(), [&](const PersonRung& r) { return r.person == person; });
      ASSERT_NE(rung, people.end());
      EXPECT_EQ(stay->rung, rung->rung) << person << " on " << FormatDate(d);
      ++checked_days;
    }
  }
  EXPECT_GT(checked_days, 300);
  EXPECT_FALSE(ladder.Person("nobody", as_of).has_value());
  EXPECT_FALSE(ladder.Person("p1", first_day - 1).has_value()) << "no events yet";
}

}  // namespace
}  // namespace learnloop
