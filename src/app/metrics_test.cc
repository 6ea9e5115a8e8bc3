#include "learnloop/app/metrics.h"

#include "app/test_workspace.h"

namespace learnloop::app {
namespace {

using MetricsTest = AppTest;

TEST_F(MetricsTest, ListShowsTheDefaultMetrics) {
  Workspace ws = Open();
  auto list = ListMetrics(ws);
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_FALSE(list->metrics.empty());
  json::Json doc = json::ToJson(*list);
  EXPECT_EQ(doc["metrics"][0]["name"], "engagements");
  EXPECT_TRUE(doc["metrics"][0].contains("description"));
}

TEST_F(MetricsTest, ShowReadsADailySeries) {
  Workspace ws = Open();
  auto report = ShowMetric(ws, {"engagements", "2024-05-01", "2024-05-03", {}});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->info.name, "engagements");
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["from"], "2024-05-01");
  EXPECT_EQ(doc["to"], "2024-05-03");
  ASSERT_EQ(doc["points"].size(), 3u);
  EXPECT_EQ(doc["points"][1], json::Json::parse(R"({"day":"2024-05-02","value":1.0})"));
  EXPECT_FALSE(doc.contains("group"));
  // 30 days ending --to by default.
  EXPECT_EQ(ShowMetric(ws, {"engagements", "", "2024-05-10", {}})->series.values.size(), 30u);
}

TEST_F(MetricsTest, ShowForAGroup) {
  Workspace ws = Open();
  auto report = ShowMetric(ws, {"engagements", "2024-05-02", "2024-05-02", {"membership=friend"}});
  ASSERT_TRUE(report.ok()) << report.status().message();
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["points"][0]["value"], 0.0);  // @ana's comment is a member's
  EXPECT_EQ(doc["group"]["membership"][0], "friend");
}

TEST_F(MetricsTest, UnknownMetricAndBadInputs) {
  Workspace ws = Open();
  auto unknown = ShowMetric(ws, {"nosuch", "", "today", {}});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("nosuch"), std::string::npos);
  auto backwards = ShowMetric(ws, {"engagements", "2024-05-03", "2024-05-01", {}});
  EXPECT_EQ(backwards.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(backwards.status().message(), "--from 2024-05-03 is after --to 2024-05-01");
  EXPECT_EQ(ShowMetric(ws, {"engagements", "", "soon", {}}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ShowMetric(ws, {"engagements", "", "today", {"city=Paris"}}).status().code(), StatusCode::kNotFound);
}

TEST_F(MetricsTest, ImportObservationsCountsAndRejectsBadFilesWhole) {
  Workspace ws = Open();
  const auto file = Write("obs.csv", "day,channel,content,metric,value\n2024-05-02,mastodon,p1,reach,120\n");
  auto done = ImportObservations(ws, file);
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->counts.added, 1);
  json::Json doc = json::ToJson(*done);
  EXPECT_EQ(doc["file"], file.string());
  EXPECT_EQ(doc["rows"], 1);
  EXPECT_EQ(doc["unchanged"], 0);
  EXPECT_EQ(ImportObservations(ws, file)->counts.unchanged, 1);
  const auto bad = Write("bad.csv", "day,channel,content,metric,value\n2024-05-02,mastodon,p1,reach,lots\n");
  auto rejected = ImportObservations(ws, bad);
  EXPECT_FALSE(rejected.ok());
  EXPECT_NE(rejected.status().message().find(bad.string() + " was not imported"), std::string::npos);
}

}  // namespace
}  // namespace learnloop::app
