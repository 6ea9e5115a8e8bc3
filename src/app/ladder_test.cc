#include "learnloop/app/ladder.h"

#include "app/test_workspace.h"

namespace learnloop::app {
namespace {

using LadderTest = AppTest;

std::vector<int64_t> Counts(const LadderSnapshot& s) {
  std::vector<int64_t> counts;
  for (const RungCount& r : s.rungs) counts.push_back(r.people);
  return counts;
}

TEST_F(LadderTest, SnapshotAsOfADay) {
  Workspace ws = Open();
  auto report = ShowLadder(ws, {"2024-05-10", "", "today", {}});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(Counts(report->snapshot), (std::vector<int64_t>{1, 0, 1, 1}));
  EXPECT_FALSE(report->movement);
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["as_of"], "2024-05-10");
  EXPECT_EQ(doc["rungs"][0]["name"], "action");
  EXPECT_EQ(doc["rungs"][0]["people"], 1);
  EXPECT_FALSE(doc.contains("group"));
  EXPECT_FALSE(doc.contains("transitions"));
}

TEST_F(LadderTest, MovementBetweenTwoDays) {
  Workspace ws = Open();
  auto report = ShowLadder(ws, {"today", "2024-05-01", "today", {}});
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_TRUE(report->movement);
  EXPECT_EQ(FormatDate(report->snapshot.as_of), "2024-05-10");  // read as of --to
  EXPECT_EQ(report->movement->transitions.moved_up, 3);
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["from"], "2024-05-01");
  EXPECT_EQ(doc["to"], "2024-05-10");
  EXPECT_EQ(doc["transitions"]["states"].size(), 5u);
  EXPECT_EQ(doc["conversions"].size(), 3u);
  auto backwards = ShowLadder(ws, {"today", "2024-05-10", "2024-05-01", {}});
  EXPECT_EQ(backwards.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(backwards.status().message(), "--from 2024-05-10 is after --to 2024-05-01");
}

TEST_F(LadderTest, AGroupCountsOnlyItsPeople) {
  Workspace ws = Open();
  auto report = ShowLadder(ws, {"today", "", "today", {"membership=member"}});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->group.people, 2);
  EXPECT_EQ(Counts(report->snapshot), (std::vector<int64_t>{1, 0, 1, 0}));
  EXPECT_EQ(json::ToJson(*report)["group"], json::Json::parse(R"({"membership":["member"]})"));
}

TEST_F(LadderTest, BadDaysAndGroupsAreRejected) {
  Workspace ws = Open();
  auto day = ShowLadder(ws, {"yesterday", "", "today", {}});
  EXPECT_EQ(day.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(day.status().message().find("--as-of 'yesterday'"), std::string::npos);
  auto spec = ShowLadder(ws, {"today", "", "today", {"membership"}});
  EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument);
  auto attribute = LadderCohorts(ws, {"today", {"shoe_size=42"}});
  EXPECT_EQ(attribute.status().code(), StatusCode::kNotFound);
  EXPECT_NE(attribute.status().message().find("shoe_size"), std::string::npos);
  auto value = LadderClimb(ws, {"today", {"city=Paris"}});
  EXPECT_EQ(value.status().code(), StatusCode::kNotFound);
  EXPECT_NE(value.status().message().find("Paris"), std::string::npos);
}

TEST_F(LadderTest, SeriesDailyAndWeekly) {
  Workspace ws = Open();
  auto daily = LadderSeries(ws, {"2024-05-01", "2024-05-10", false, {}});
  ASSERT_TRUE(daily.ok()) << daily.status().message();
  EXPECT_EQ(daily->series.points.size(), 10u);
  EXPECT_EQ(daily->rung_names, (std::vector<std::string>{"action", "relationship", "engagement", "network"}));
  EXPECT_EQ(json::ToJson(*daily)["period"], "day");
  // 2024-05-01 is a Wednesday: weeks ending Sunday 5th and (cut at --to) 10th.
  auto weekly = LadderSeries(ws, {"2024-05-01", "2024-05-10", true, {"city=Berlin"}});
  ASSERT_TRUE(weekly.ok()) << weekly.status().message();
  json::Json doc = json::ToJson(*weekly);
  EXPECT_EQ(doc["period"], "week");
  ASSERT_EQ(doc["points"].size(), 2u);
  EXPECT_EQ(doc["points"][0]["as_of"], "2024-05-05");
  EXPECT_EQ(doc["group"]["city"][0], "Berlin");
  // --from defaults to 90 days before --to.
  EXPECT_EQ(LadderSeries(ws, {"", "2024-05-10", false, {}})->series.points.size(), 91u);
  EXPECT_EQ(LadderSeries(ws, {"2024-05-10", "2024-05-01", false, {}}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(LadderTest, PeopleOnARung) {
  Workspace ws = Open();
  auto engaged = LadderPeople(ws, {{"2024-05-10", {}}, "engagement"});
  ASSERT_TRUE(engaged.ok()) << engaged.status().message();
  ASSERT_EQ(engaged->people.size(), 1u);
  EXPECT_EQ(engaged->people[0].person, "@ana");
  json::Json doc = json::ToJson(*engaged);
  EXPECT_EQ(doc["people"][0], json::Json::parse(R"({"person":"@ana","rung":"engagement"})"));
  EXPECT_EQ(LadderPeople(ws, {{"2024-05-10", {}}, ""})->people.size(), 3u);
  EXPECT_TRUE(LadderPeople(ws, {{"2024-05-10", {}}, "audience"})->people.empty());
  auto unknown = LadderPeople(ws, {{"2024-05-10", {}}, "champion"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("'champion'"), std::string::npos);
}

TEST_F(LadderTest, CohortsAndClimb) {
  Workspace ws = Open();
  auto cohorts = LadderCohorts(ws, {"2024-05-10", {}});
  ASSERT_TRUE(cohorts.ok()) << cohorts.status().message();
  json::Json doc = json::ToJson(*cohorts);
  EXPECT_EQ(doc["as_of"], "2024-05-10");
  ASSERT_EQ(doc["rows"].size(), 1u);
  EXPECT_EQ(doc["rows"][0]["month"], "2024-05");
  EXPECT_EQ(doc["rows"][0]["people"], 3);
  auto climb = LadderClimb(ws, {"2024-05-10", {}});
  ASSERT_TRUE(climb.ok()) << climb.status().message();
  doc = json::ToJson(*climb);
  ASSERT_EQ(doc["climbs"].size(), 3u);
  EXPECT_EQ(doc["climbs"][0]["from_rung"], "network");
  EXPECT_EQ(doc["climbs"][0]["median_days"], 1.0);  // @ana: follow, then a comment the next day
  EXPECT_TRUE(doc["climbs"][2]["median_days"].is_null());
}

}  // namespace
}  // namespace learnloop::app
