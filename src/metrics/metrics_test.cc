#include "learnloop/metrics.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/event_table.h"
#include "ladder/ladder_rules.h"
#include "learnloop/ladder.h"
#include "metrics/metric_defs.h"

namespace learnloop {
namespace {

using Values = std::vector<std::optional<double>>;

Day D(std::string_view date) { return *ParseDate(date); }

Event At(std::string_view date, std::string person, std::string kind, std::string channel = "mastodon",
         std::optional<double> value = std::nullopt, std::string tags = "", int hour = 12) {
  Timestamp ts{int64_t{D(date)} * 86'400'000'000 + hour * 3'600'000'000LL};
  return Event{ts, std::move(channel), std::move(person), std::move(kind), "", value, std::move(tags)};
}

std::shared_ptr<const engine::EventTable> Table(const std::vector<Event>& events,
                                                const TimeZone& zone = TimeZone::Utc()) {
  engine::EventTableBuilder builder;
  for (const Event& e : events) EXPECT_TRUE(builder.Add(e.view()).ok());
  return std::make_shared<const engine::EventTable>(std::move(builder).Build(zone));
}

ladder::LadderRules DefaultRules() { return *ladder::ParseLadderRules(ladder::DefaultLadderToml(), "ladder.toml"); }

Metrics Make(const std::vector<Event>& events, std::string_view toml, std::vector<Observation> observations = {},
             const TimeZone& zone = TimeZone::Utc(), const std::vector<PersonAttribute>& attributes = {},
             std::vector<AttributeFilter> group = {}) {
  metrics::ParseOptions options;
  options.rung_names = {"action", "relationship", "engagement", "network"};
  auto& stored = options.attribute_values.emplace();
  for (const PersonAttribute& a : attributes) stored[a.attribute].insert(a.value);
  auto defs = metrics::ParseMetricsToml(toml, options);
  EXPECT_TRUE(defs.ok()) << defs.status().message();
  return Metrics(Table(events, zone), DefaultRules(), std::move(*defs), std::move(observations), attributes,
                 std::move(group));
}

Metrics ForGroup(const std::vector<Event>& events, std::string_view toml, std::vector<Observation> observations,
                 const std::vector<PersonAttribute>& attributes, std::vector<AttributeFilter> group) {
  return Make(events, toml, std::move(observations), TimeZone::Utc(), attributes, std::move(group));
}

Metrics MakeWithAttributes(const std::vector<Event>& events, std::string_view toml,
                           const std::vector<PersonAttribute>& attributes) {
  return Make(events, toml, {}, TimeZone::Utc(), attributes);
}

Values SeriesOf(const Metrics& metrics, std::string_view name, std::string_view from, std::string_view to) {
  auto series = metrics.Series(name, D(from), D(to));
  EXPECT_TRUE(series.ok()) << series.status().message();
  if (!series.ok()) return {};
  EXPECT_EQ(series->name, name);
  EXPECT_EQ(series->from, D(from));
  return series->values;
}

const std::vector<Event> kEvents = {
    At("2024-01-01", "ana", "like", "mastodon", std::nullopt, "a", 9),
    At("2024-01-01", "ana", "like", "mastodon", std::nullopt, "", 10),
    At("2024-01-01", "bob", "comment", "facebook", std::nullopt, "b;c"),
    At("2024-01-01", "ana", "donation", "crm", 10),
    At("2024-01-01", "bob", "donation", "crm", 5.5),
    At("2024-01-01", "cara", "donation", "crm"),
    At("2024-01-03", "bob", "like"),
};

constexpr std::string_view kEventMetrics = R"(
[[metric]]
name = "engagements"
type = "count"
kinds = ["like", "comment"]
[[metric]]
name = "engaged"
type = "people"
kinds = ["like", "comment"]
[[metric]]
name = "amount"
type = "sum"
unit = "EUR"
kinds = ["donation"]
[[metric]]
name = "on_mastodon"
type = "count"
channels = ["mastodon"]
[[metric]]
name = "tagged"
type = "count"
tags = ["c", "zzz"]
[[metric]]
name = "everything"
type = "count"
[[metric]]
name = "comments"
type = "count"
kinds = ["comment"]
[[metric]]
name = "likes_per_comment"
type = "ratio"
numerator = "engagements"
denominator = "comments"
)";

TEST(MetricsTest, ListKeepsDeclarationOrder) {
  Metrics metrics = Make(kEvents, kEventMetrics);
  ASSERT_EQ(metrics.List().size(), 8u);
  EXPECT_EQ(metrics.List()[2].name, "amount");
  EXPECT_EQ(metrics.List()[2].type, "sum");
  EXPECT_EQ(metrics.List()[2].unit, "EUR");
  EXPECT_EQ(metrics.List()[7].type, "ratio");
}

TEST(MetricsTest, CountPeopleAndSum) {
  Metrics metrics = Make(kEvents, kEventMetrics);
  EXPECT_EQ(SeriesOf(metrics, "engagements", "2023-12-31", "2024-01-03"), (Values{0, 3, 0, 1}));
  EXPECT_EQ(SeriesOf(metrics, "engaged", "2023-12-31", "2024-01-03"), (Values{0, 2, 0, 1}));
  EXPECT_EQ(SeriesOf(metrics, "amount", "2023-12-31", "2024-01-03"), (Values{0, 15.5, 0, 0}));
  EXPECT_EQ(SeriesOf(metrics, "everything", "2024-01-01", "2024-01-01"), (Values{7 - 1}));
}

TEST(MetricsTest, ChannelAndTagFilters) {
  Metrics metrics = Make(kEvents, kEventMetrics);
  EXPECT_EQ(SeriesOf(metrics, "on_mastodon", "2024-01-01", "2024-01-03"), (Values{2, 0, 1}));
  EXPECT_EQ(SeriesOf(metrics, "tagged", "2024-01-01", "2024-01-03"), (Values{1, 0, 0}));
}

TEST(MetricsTest, RatioIsMissingWhereTheDenominatorIsZero) {
  Metrics metrics = Make(kEvents, kEventMetrics);
  EXPECT_EQ(SeriesOf(metrics, "likes_per_comment", "2024-01-01", "2024-01-03"),
            (Values{3.0, std::nullopt, std::nullopt}));
}

TEST(MetricsTest, ObservationsSumPerDayAndStayMissingWithoutData) {
  std::vector<Observation> observations = {{D("2024-01-01"), "mastodon", "p1", "reach", 100},
                                           {D("2024-01-01"), "facebook", "p2", "reach", 50},
                                           {D("2024-01-01"), "facebook", "", "followers", 7},
                                           {D("2024-01-03"), "mastodon", "p1", "reach", 10}};
  std::string toml = std::string(kEventMetrics) + R"(
[[metric]]
name = "reach"
type = "observation"
observation = "reach"
[[metric]]
name = "mastodon_reach"
type = "observation"
observation = "reach"
channels = ["mastodon"]
[[metric]]
name = "rate"
type = "ratio"
numerator = "engagements"
denominator = "reach"
)";
  Metrics metrics = Make(kEvents, toml, observations);
  EXPECT_EQ(SeriesOf(metrics, "reach", "2023-12-31", "2024-01-03"), (Values{std::nullopt, 150, std::nullopt, 10}));
  EXPECT_EQ(SeriesOf(metrics, "mastodon_reach", "2024-01-01", "2024-01-01"), (Values{100}));
  EXPECT_EQ(SeriesOf(metrics, "rate", "2024-01-01", "2024-01-03"), (Values{3.0 / 150, std::nullopt, 0.1}));
}

TEST(MetricsTest, DaysFollowTheWorkspaceTimeZone) {
  auto berlin = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  // 23:30 UTC on Jan 1 is 00:30 on Jan 2 in Berlin.
  std::vector<Event> events = {At("2024-01-01", "ana", "like", "mastodon", std::nullopt, "", 23),
                               At("2024-01-01", "bob", "like", "mastodon", std::nullopt, "", 22)};
  events[0].ts.micros += 30 * 60'000'000LL;
  Metrics utc = Make(events, kEventMetrics);
  Metrics local = Make(events, kEventMetrics, {}, *berlin);
  EXPECT_EQ(SeriesOf(utc, "engagements", "2024-01-01", "2024-01-02"), (Values{2, 0}));
  EXPECT_EQ(SeriesOf(local, "engagements", "2024-01-01", "2024-01-02"), (Values{1, 1}));
}

constexpr std::string_view kRungMetrics = R"(
[[metric]]
name = "entered_engagement"
type = "rung_entries"
rung = "engagement"
[[metric]]
name = "left_engagement"
type = "rung_entries"
rung = "engagement"
direction = "leave"
[[metric]]
name = "conversion"
type = "conversion"
from = "engagement"
to = "relationship"
window_days = 30
)";

TEST(MetricsTest, RungEntriesAndLeavesByHand) {
  // ana engages on Jan 1 and stays engaged for 90 days (to Mar 30); bob
  // follows first (network, below engagement), then engages on Jan 2.
  std::vector<Event> events = {At("2024-01-01", "ana", "like"), At("2023-12-30", "bob", "follow"),
                               At("2024-01-02", "bob", "comment")};
  Metrics metrics = Make(events, kRungMetrics);
  EXPECT_EQ(SeriesOf(metrics, "entered_engagement", "2023-12-30", "2024-01-03"), (Values{0, 0, 1, 1, 0}));
  EXPECT_EQ(SeriesOf(metrics, "left_engagement", "2024-03-29", "2024-04-01"), (Values{0, 0, 1, 1}));
}

TEST(MetricsTest, ConversionByHand) {
  // ana reaches relationship on Jan 21 (3 engagements over 2+ weeks and an
  // org reply); bob stays at engagement.
  std::vector<Event> events = {At("2024-01-01", "ana", "like"), At("2024-01-11", "ana", "comment"),
                               At("2024-01-21", "ana", "like"), At("2024-01-21", "ana", "org_reply"),
                               At("2024-01-01", "bob", "like")};
  Metrics metrics = Make(events, kRungMetrics);
  // Jan 30 looks back to Dec 31, when nobody was on the ladder yet.
  EXPECT_EQ(SeriesOf(metrics, "conversion", "2024-01-30", "2024-02-01"), (Values{std::nullopt, 0.5, 0.5}));
}

// Random people over 200 days: the rung metrics agree with the Ladder's own
// daily counts and conversions.
std::vector<Event> RandomEvents() {
  std::mt19937 rng(7);
  const std::vector<std::string> kinds = {"like", "comment", "follow", "unfollow", "donation", "org_reply", "reply"};
  std::vector<Event> events;
  for (int i = 0; i < 3000; ++i) {
    Day day = D("2024-01-01") + static_cast<Day>(rng() % 200);
    // append, as GCC 12 at -O3 falsely reports -Wrestrict in "p" + std::to_string(...).
    events.push_back(At(FormatDate(day), std::string("p").append(std::to_string(rng() % 80)),
                        kinds[rng() % kinds.size()], "mastodon", std::nullopt, "", static_cast<int>(rng() % 24)));
  }
  return events;
}

TEST(MetricsTest, RungMovesMatchLadderDailyDifferences) {
  std::vector<Event> events = RandomEvents();
  Metrics metrics = Make(events, kRungMetrics);
  Ladder ladder(Table(events), DefaultRules());
  const Day from = D("2024-01-01");
  const Day to = D("2024-09-01");
  RungSeries daily = ladder.DailySeries(from - 1, to);
  auto entered = metrics.Series("entered_engagement", from, to);
  auto left = metrics.Series("left_engagement", from, to);
  ASSERT_TRUE(entered.ok() && left.ok());
  double total_moves = 0;
  for (Day d = from; d <= to; ++d) {
    auto at_or_above = [&](Day day) {
      const LadderSnapshot& s = daily.points[day - from + 1];
      return s.rungs[0].people + s.rungs[1].people + s.rungs[2].people;
    };
    const size_t i = static_cast<size_t>(d - from);
    EXPECT_EQ(*entered->values[i] - *left->values[i], static_cast<double>(at_or_above(d) - at_or_above(d - 1)))
        << FormatDate(d);
    total_moves += *entered->values[i] + *left->values[i];
  }
  EXPECT_GT(total_moves, 50);
}

TEST(MetricsTest, ConversionMatchesLadderConversions) {
  std::vector<Event> events = RandomEvents();
  Metrics metrics = Make(events, kRungMetrics);
  Ladder ladder(Table(events), DefaultRules());
  auto series = metrics.Series("conversion", D("2024-02-01"), D("2024-08-01"));
  ASSERT_TRUE(series.ok());
  int defined = 0;
  for (size_t i = 0; i < series->values.size(); ++i) {
    const Day d = series->from + static_cast<Day>(i);
    const Conversion step = ladder.Conversions(d - 30, d)[1];  // engagement -> relationship
    ASSERT_EQ(step.from_rung, "engagement");
    if (step.base == 0) {
      EXPECT_FALSE(series->values[i].has_value());
      continue;
    }
    ++defined;
    ASSERT_TRUE(series->values[i].has_value());
    EXPECT_DOUBLE_EQ(*series->values[i], step.rate) << FormatDate(d);
  }
  EXPECT_GT(defined, 100);
}

constexpr std::string_view kPersonMetrics = R"(
[[metric]]
name = "berlin_likes"
type = "count"
kinds = ["like"]
person = { city = ["Berlin"] }
[[metric]]
name = "city_people"
type = "people"
person = { city = ["Berlin", "Hamburg"] }
[[metric]]
name = "member_gifts"
type = "sum"
kinds = ["donation"]
person = { membership = ["member"] }
[[metric]]
name = "berlin_members"
type = "count"
person = { city = ["Berlin"], membership = ["member"] }
[[metric]]
name = "all_likes"
type = "count"
kinds = ["like"]
)";

// ana: Berlin (her first city row is replaced), member; bob: Hamburg,
// member; cara: none; zed has attributes but no events.
const std::vector<PersonAttribute> kAttributes = {
    {"ana", "city", "Hamburg"}, {"ana", "city", "Berlin"},       {"ana", "membership", "member"},
    {"bob", "city", "Hamburg"}, {"bob", "membership", "member"}, {"zed", "city", "Berlin"},
};

TEST(MetricsTest, PersonFiltersCountOnlyMatchingPeople) {
  Metrics metrics = MakeWithAttributes(kEvents, kPersonMetrics, kAttributes);
  EXPECT_EQ(SeriesOf(metrics, "berlin_likes", "2024-01-01", "2024-01-03"), (Values{2, 0, 0}));
  EXPECT_EQ(SeriesOf(metrics, "all_likes", "2024-01-01", "2024-01-03"), (Values{2, 0, 1}));
  EXPECT_EQ(SeriesOf(metrics, "city_people", "2024-01-01", "2024-01-03"), (Values{2, 0, 1}));
  EXPECT_EQ(SeriesOf(metrics, "member_gifts", "2024-01-01", "2024-01-01"), (Values{15.5}));
  EXPECT_EQ(SeriesOf(metrics, "berlin_members", "2024-01-01", "2024-01-03"), (Values{3, 0, 0}));
  // A variant split keeps the metric's person filter.
  auto tagged = metrics.SeriesForTag("berlin_likes", "a", D("2024-01-01"), D("2024-01-01"));
  ASSERT_TRUE(tagged.ok()) << tagged.status().message();
  EXPECT_EQ(tagged->values, (Values{1}));
}

// The people of group `group`, by a fixed split of RandomEvents' p0..p79.
bool InGroupA(std::string_view person) { return std::stoi(std::string(person.substr(1))) % 3 == 0; }

TEST(MetricsTest, PersonFiltersOnRungMetricsEqualTheSubsetsOwnLadder) {
  std::vector<Event> events = RandomEvents();
  std::vector<PersonAttribute> attributes;
  std::vector<Event> group_a;
  for (int p = 0; p < 80; ++p) {
    const std::string person = std::string("p").append(std::to_string(p));
    attributes.push_back({person, "group", InGroupA(person) ? "a" : "b"});
  }
  for (const Event& e : events)
    if (InGroupA(e.person)) group_a.push_back(e);
  std::string toml(kRungMetrics);
  for (std::string_view name : {"entered_engagement", "left_engagement", "conversion"}) {
    toml.replace(toml.find(fmt::format("name = \"{}\"", name)), 7 + name.size() + 2,
                 fmt::format("name = \"{}\"\nperson = {{ group = [\"a\"] }}", name));
  }
  Metrics filtered = MakeWithAttributes(events, toml, attributes);
  Metrics subset = Make(group_a, kRungMetrics);
  const Day from = D("2024-01-01");
  const Day to = D("2024-08-01");
  double moves = 0;
  for (std::string_view name : {"entered_engagement", "left_engagement", "conversion"}) {
    auto got = filtered.Series(name, from, to);
    auto want = subset.Series(name, from, to);
    ASSERT_TRUE(got.ok() && want.ok());
    EXPECT_EQ(got->values, want->values) << name;
    if (name != "conversion")
      for (const auto& v : got->values) moves += v.value_or(0);
  }
  EXPECT_GT(moves, 10);
  // The filter changed something: everyone's entries differ from group a's.
  EXPECT_NE(Make(events, kRungMetrics).Series("entered_engagement", from, to)->values,
            filtered.Series("entered_engagement", from, to)->values);
}

TEST(MetricsTest, AGroupCountsOnlyItsPeopleEverywhere) {
  const std::string toml = std::string(kPersonMetrics) + R"(
[[metric]]
name = "reach"
type = "observation"
observation = "reach"
[[metric]]
name = "likes_per_reach"
type = "ratio"
numerator = "all_likes"
denominator = "reach"
)";
  std::vector<Observation> observations = {{D("2024-01-01"), "mastodon", "", "reach", 100}};
  Metrics hamburg = ForGroup(kEvents, toml, observations, kAttributes, {{"city", {"Hamburg"}}});
  // bob (Hamburg) liked on Jan 3; ana's likes (Berlin) no longer count.
  EXPECT_EQ(SeriesOf(hamburg, "all_likes", "2024-01-01", "2024-01-03"), (Values{0, 0, 1}));
  // A metric's own filter and the group must both hold: Berlin within Hamburg is nobody.
  EXPECT_EQ(SeriesOf(hamburg, "berlin_likes", "2024-01-01", "2024-01-03"), (Values{0, 0, 0}));
  EXPECT_EQ(SeriesOf(hamburg, "member_gifts", "2024-01-01", "2024-01-01"), (Values{5.5}));
  auto reach = hamburg.Series("reach", D("2024-01-01"), D("2024-01-01"));
  EXPECT_EQ(reach.status().code(), StatusCode::kFailedPrecondition);
  auto ratio = hamburg.Series("likes_per_reach", D("2024-01-01"), D("2024-01-01"));
  EXPECT_EQ(ratio.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(ratio.status().message().find("reads the observation 'reach'"), std::string::npos);
  // Variants reach only the group too.
  EXPECT_EQ(hamburg.PeopleWithTag("b", D("2024-01-01"), D("2024-01-03"), {"donation"}).reached, 1);  // bob
  Metrics berlin = ForGroup(kEvents, toml, observations, kAttributes, {{"city", {"Berlin"}}});
  EXPECT_EQ(berlin.PeopleWithTag("b", D("2024-01-01"), D("2024-01-03"), {"donation"}).reached, 0);
  Metrics everyone = ForGroup(kEvents, toml, observations, kAttributes, {});
  EXPECT_EQ(SeriesOf(everyone, "likes_per_reach", "2024-01-01", "2024-01-01"), (Values{0.02}));
}

// `name0` is `base`; name<i> = name<i-1> / name<i-1>. Resolving each path
// to the base anew took 2^n series: hours for a chain of 60.
std::string SelfDividingChain(std::string_view name, std::string_view base, int n) {
  std::string toml;
  for (int i = 1; i <= n; ++i) {
    const std::string previous = i == 1 ? std::string(base) : fmt::format("{}{}", name, i - 1);
    toml += fmt::format("[[metric]]\nname = \"{}{}\"\ntype = \"ratio\"\nnumerator = \"{}\"\ndenominator = \"{}\"\n",
                        name, i, previous, previous);
  }
  return toml;
}

TEST(MetricsTest, ALongChainOfRatiosSharingInputsResolvesEachOnce) {
  Metrics metrics = Make(kEvents, std::string(kEventMetrics) + SelfDividingChain("c", "engagements", 60));
  EXPECT_EQ(SeriesOf(metrics, "c60", "2023-12-31", "2024-01-03"), (Values{std::nullopt, 1.0, std::nullopt, 1.0}));
}

TEST(MetricsTest, AGroupChecksALongChainOfRatiosForObservationsOnce) {
  const std::string toml = std::string(kPersonMetrics) + "[[metric]]\nname = \"reach\"\ntype = \"observation\"\n" +
                           "observation = \"reach\"\n" + SelfDividingChain("r", "reach", 60) +
                           SelfDividingChain("l", "all_likes", 60);
  Metrics hamburg = ForGroup(kEvents, toml, {}, kAttributes, {{"city", {"Hamburg"}}});
  auto ratio = hamburg.Series("r60", D("2024-01-01"), D("2024-01-01"));
  EXPECT_EQ(ratio.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(ratio.status().message().find("reads the observation 'reach'"), std::string::npos);
  EXPECT_EQ(SeriesOf(hamburg, "l60", "2024-01-01", "2024-01-03"), (Values{std::nullopt, std::nullopt, 1.0}));
}

TEST(MetricsTest, SeriesErrors) {
  Metrics metrics = Make(kEvents, kEventMetrics);
  auto unknown = metrics.Series("reach", D("2024-01-01"), D("2024-01-02"));
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("known metrics: engagements, engaged, amount"), std::string::npos)
      << unknown.status().message();
  EXPECT_EQ(metrics.Series("engagements", D("2024-01-02"), D("2024-01-01")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(metrics.Series("engagements", D("1900-01-01"), D("2024-01-01")).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(MetricsTest, EmptyTableGivesZerosAndMissingRates) {
  Metrics metrics = Make({}, std::string(kEventMetrics) + std::string(kRungMetrics));
  EXPECT_EQ(SeriesOf(metrics, "engagements", "2024-01-01", "2024-01-02"), (Values{0, 0}));
  EXPECT_EQ(SeriesOf(metrics, "entered_engagement", "2024-01-01", "2024-01-02"), (Values{0, 0}));
  EXPECT_EQ(SeriesOf(metrics, "conversion", "2024-01-01", "2024-01-02"), (Values{std::nullopt, std::nullopt}));
}

}  // namespace
}  // namespace learnloop
