#include "learnloop/demo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/event_reader.h"
#include "learnloop/event.h"

namespace learnloop {
namespace {

constexpr int64_t kMicrosPerDay = 86'400'000'000;

struct Row {
  Day day = 0;
  int64_t micros = 0;
  std::string ts, channel, person, kind, content, value, tags;
};

DemoOptions TestOptions() {
  DemoOptions options;
  options.end_day = *ParseDate("2024-06-30");
  return options;
}

std::string Generate(const DemoOptions& options, DemoFormat format = DemoFormat::kCsv) {
  std::ostringstream out;
  auto stats = GenerateDemoEvents(options, out, format);
  EXPECT_TRUE(stats.ok()) << stats.status().message();
  return out.str();
}

// The demo writes no field that needs quoting, so a plain split reads it.
std::vector<Row> ParseCsv(const std::string& text) {
  std::vector<Row> rows;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "ts,channel,person,kind,content,value,tags");
  while (std::getline(in, line)) {
    EXPECT_EQ(line.find('"'), std::string::npos) << line;
    std::vector<std::string> fields;
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) fields.push_back(cell);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    EXPECT_EQ(fields.size(), 7u) << line;
    if (fields.size() != 7) continue;
    Row row{0, 0, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]};
    auto ts = ParseRfc3339(row.ts);
    EXPECT_TRUE(ts.ok()) << line;
    if (ts.ok()) row.micros = ts->micros;
    row.day = static_cast<Day>(row.micros / kMicrosPerDay);
    rows.push_back(std::move(row));
  }
  return rows;
}

// Shared by the tests that only read the default workspace.
const std::vector<Row>& DefaultRows() {
  static const std::vector<Row> kRows = ParseCsv(Generate(TestOptions()));
  return kRows;
}

std::set<std::string> PeopleWith(std::string_view kind) {
  std::set<std::string> people;
  for (const Row& r : DefaultRows()) {
    if (r.kind == kind) people.insert(r.channel + " " + r.person);
  }
  return people;
}

TEST(DemoTest, SameOptionsGiveSameBytes) {
  DemoOptions options = TestOptions();
  options.people = 300;
  std::string first = Generate(options);
  EXPECT_EQ(first, Generate(options));
  EXPECT_EQ(Generate(options, DemoFormat::kJsonl), Generate(options, DemoFormat::kJsonl));
  options.seed = 2;
  EXPECT_NE(first, Generate(options));
}

TEST(DemoTest, RejectsOutOfRangeOptions) {
  for (int64_t people : {int64_t{0}, int64_t{-5}, int64_t{10'000'001}}) {
    DemoOptions options = TestOptions();
    options.people = people;
    Status status = ValidateDemoOptions(options);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find("--people"), std::string::npos) << status.message();
  }
  for (int days : {0, 3651}) {
    DemoOptions options = TestOptions();
    options.days = days;
    std::ostringstream out;
    auto stats = GenerateDemoEvents(options, out);
    ASSERT_FALSE(stats.ok());
    EXPECT_NE(stats.status().message().find("--days"), std::string::npos) << stats.status().message();
    EXPECT_TRUE(out.str().empty());
  }
  DemoOptions early = TestOptions();
  early.end_day = 10;
  EXPECT_EQ(ValidateDemoOptions(early).code(), StatusCode::kInvalidArgument);
  DemoOptions edge = TestOptions();
  edge.people = 1;
  edge.days = 1;
  EXPECT_TRUE(ValidateDemoOptions(edge).ok());
}

TEST(DemoTest, EventIdentitiesAreUnique) {
  std::set<std::tuple<std::string, std::string, std::string, std::string, std::string>> seen;
  for (const Row& r : DefaultRows()) {
    EXPECT_TRUE(seen.emplace(r.channel, r.person, r.kind, r.ts, r.content).second)
        << r.ts << " " << r.channel << " " << r.person << " " << r.kind << " " << r.content;
  }
  EXPECT_GT(seen.size(), 1000u);
}

TEST(DemoTest, RowsAreWellFormedAndSortedByTime) {
  const std::set<std::string> channels = {"mastodon", "bluesky", "newsletter", "crm", "website"};
  int64_t previous = 0;
  for (const Row& r : DefaultRows()) {
    EXPECT_GE(r.micros, previous) << r.ts;
    previous = r.micros;
    EXPECT_EQ(r.micros % 1'000'000, 0) << r.ts;
    EXPECT_TRUE(channels.count(r.channel)) << r.channel;
    EXPECT_TRUE(KindProblem(r.kind).empty()) << r.kind;
    EXPECT_FALSE(r.person.empty());
    if (r.kind == "donation") {
      auto value = ParseValue(r.value);
      ASSERT_TRUE(value.has_value()) << r.value;
      EXPECT_GE(*value, 5);
    } else {
      EXPECT_TRUE(r.value.empty()) << r.kind << " " << r.value;
    }
    EXPECT_EQ(r.tags.find(";;"), std::string::npos);
  }
}

TEST(DemoTest, JsonLinesHoldTheSameEvents) {
  DemoOptions options = TestOptions();
  options.people = 200;
  std::string csv = Generate(options);
  std::string jsonl = Generate(options, DemoFormat::kJsonl);
  auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n'); };
  EXPECT_EQ(lines(jsonl) + 1, lines(csv));
  EXPECT_EQ(jsonl.rfind("{\"ts\":\"", 0), 0u);
}

// The import path reads back exactly what the demo wrote, in both formats.
void ExpectReadsBack(DemoFormat format) {
  DemoOptions options = TestOptions();
  options.people = 300;
  std::ostringstream out;
  auto stats = GenerateDemoEvents(options, out, format);
  ASSERT_TRUE(stats.ok());
  auto reader = ingest::OpenEventBuffer(out.str(), {});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EventView event;
  int64_t donations = 0;
  while (true) {
    auto more = (*reader)->Next(&event);
    ASSERT_TRUE(more.ok()) << more.status().message();
    if (!*more) break;
    if (event.kind == "donation") donations += event.value.has_value() ? 1 : 0;
  }
  EXPECT_EQ((*reader)->counts().rows, stats->events);
  EXPECT_EQ((*reader)->counts().custom_kinds, stats->events_by_kind["webinar_signup"]);
  EXPECT_EQ(donations, stats->events_by_kind["donation"]);
}

TEST(DemoTest, ImportReadsBackCsv) { ExpectReadsBack(DemoFormat::kCsv); }
TEST(DemoTest, ImportReadsBackJsonLines) { ExpectReadsBack(DemoFormat::kJsonl); }

TEST(DemoTest, EveryBuiltinKindAndOneCustomKindAppear) {
  std::map<std::string, int64_t> counts;
  for (const Row& r : DefaultRows()) ++counts[r.kind];
  for (std::string_view kind : BuiltinKinds()) EXPECT_GT(counts[std::string(kind)], 0) << kind;
  EXPECT_GT(counts["webinar_signup"], 0);
  EXPECT_EQ(counts.size(), BuiltinKinds().size() + 1);
  // Custom kinds are exercised but stay rare.
  EXPECT_LT(counts["webinar_signup"] * 100, static_cast<int64_t>(DefaultRows().size()));
}

TEST(DemoTest, StatsDescribeTheOutput) {
  std::ostringstream out;
  auto stats = GenerateDemoEvents(TestOptions(), out);
  ASSERT_TRUE(stats.ok());
  std::set<std::string> people;
  std::map<std::string, int64_t> by_kind;
  for (const Row& r : DefaultRows()) {
    people.insert(r.person);
    ++by_kind[r.kind];
  }
  EXPECT_EQ(stats->events, static_cast<int64_t>(DefaultRows().size()));
  EXPECT_EQ(stats->people, 2000);
  EXPECT_EQ(stats->identities, static_cast<int64_t>(people.size()));
  EXPECT_EQ(stats->events_by_kind, by_kind);
}

TEST(DemoTest, EstimateIsClose) {
  double estimate = static_cast<double>(EstimateDemoEvents(TestOptions()));
  double actual = static_cast<double>(DefaultRows().size());
  EXPECT_NEAR(estimate / actual, 1.0, 0.15);
}

TEST(DemoTest, PeriodEndsOnEndDayAndStartsNearItsFirstDay) {
  DemoOptions options = TestOptions();
  Day first = options.end_day - options.days + 1;
  ASSERT_FALSE(DefaultRows().empty());
  EXPECT_LE(DefaultRows().front().day, first + 2);
  EXPECT_GE(DefaultRows().front().day, first);
  EXPECT_EQ(DefaultRows().back().day, options.end_day);
}

TEST(DemoTest, WeekendsAreQuieterThanWeekdays) {
  std::map<Day, int64_t> per_day;
  for (const Row& r : DefaultRows()) ++per_day[r.day];
  double weekend = 0, weekday = 0;
  int weekend_days = 0, weekdays = 0;
  for (auto [day, count] : per_day) {
    bool is_weekend = IsoWeekday(day) >= 6;
    (is_weekend ? weekend : weekday) += static_cast<double>(count);
    ++(is_weekend ? weekend_days : weekdays);
  }
  ASSERT_GT(weekend_days, 0);
  EXPECT_LT(weekend / weekend_days, 0.8 * weekday / weekdays);
}

TEST(DemoTest, EmailIsTheSamePersonOnNewsletterAndCrm) {
  std::set<std::string> subscribers, crm;
  for (const Row& r : DefaultRows()) {
    if (r.channel == "newsletter") subscribers.insert(r.person);
    if (r.channel == "crm") crm.insert(r.person);
  }
  int64_t both = std::count_if(crm.begin(), crm.end(), [&](const std::string& p) { return subscribers.count(p); });
  EXPECT_GT(both, 0);
  EXPECT_LT(both, static_cast<int64_t>(crm.size()));  // some act without subscribing
}

TEST(DemoTest, CrmExportDescribesEveryEmailPersonOnce) {
  std::ostringstream events;
  std::ostringstream people;
  ASSERT_TRUE(GenerateDemoEvents(TestOptions(), events, DemoFormat::kCsv, &people).ok());
  std::set<std::string> emails;
  for (const Row& row : ParseCsv(events.str()))
    if (row.channel == "newsletter" || row.channel == "crm") emails.insert(row.person);
  std::istringstream in(people.str());
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "email,city,membership,mastodon,bluesky");
  std::set<std::string> described;
  std::map<std::string, int> cities;
  int members = 0;
  std::map<std::string, std::set<std::string>> people_on;  // channel -> its people
  for (const Row& row : ParseCsv(events.str())) people_on[row.channel].insert(row.person);
  int mastodon_noted = 0;
  int bluesky_noted = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    for (size_t start = 0;;) {
      const size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    ASSERT_EQ(cells.size(), 5u) << line;
    EXPECT_TRUE(described.insert(cells[0]).second) << "twice: " << line;
    ++cities[cells[1]];
    EXPECT_TRUE(cells[2] == "member" || cells[2] == "friend") << line;
    members += cells[2] == "member";
    // A noted handle is this person's own account on that channel.
    if (!cells[3].empty()) {
      ++mastodon_noted;
      EXPECT_TRUE(people_on["mastodon"].contains(cells[3])) << line;
    }
    if (!cells[4].empty()) {
      ++bluesky_noted;
      EXPECT_TRUE(people_on["bluesky"].contains(cells[4])) << line;
    }
  }
  EXPECT_GT(mastodon_noted, 0);
  EXPECT_GT(bluesky_noted, 0);
  EXPECT_LT(mastodon_noted + bluesky_noted, static_cast<int>(described.size()) / 2) << "some, not everyone";
  // Everyone with an email identity (some never act under it) is described.
  for (const std::string& email : emails) EXPECT_TRUE(described.contains(email)) << email;
  EXPECT_EQ(cities.size(), 6u);  // five towns and unknown
  const double people_count = static_cast<double>(described.size());
  EXPECT_NEAR(cities[""] / people_count, 0.10, 0.04);
  EXPECT_NEAR(cities["Riverbend"] / people_count, 0.36, 0.06);  // 40% of the 90% with a known city
  EXPECT_GT(members / people_count, 0.08);
  EXPECT_LT(members / people_count, 0.5);
  std::ostringstream again;
  std::ostringstream events_again;
  ASSERT_TRUE(GenerateDemoEvents(TestOptions(), events_again, DemoFormat::kCsv, &again).ok());
  EXPECT_EQ(again.str(), people.str());
}

TEST(DemoTest, FewerDonorsThanCommentersThanFollowers) {
  size_t donors = PeopleWith("donation").size();
  size_t commenters = PeopleWith("comment").size();
  size_t followers = PeopleWith("follow").size();
  EXPECT_GT(donors, 0u);
  EXPECT_LT(donors, commenters);
  EXPECT_LT(commenters, followers);
}

TEST(DemoTest, OrgNameNamesTheWebsite) {
  int64_t views = 0;
  for (const Row& r : DefaultRows()) {
    if (r.kind != "view") continue;
    ++views;
    EXPECT_EQ(r.content.rfind("riverbend-climate-action.example.org/", 0), 0u) << r.content;
  }
  EXPECT_GT(views, 0);
}

}  // namespace
}  // namespace learnloop
