#include "learnloop/app/stats.h"

#include "app/test_workspace.h"

namespace learnloop::app {
namespace {

TEST(StatsOpsTest, RateTestReadsItsGroupsAndEncodesInfinityAsNull) {
  auto report = TestRates({{"0:1000", "30:1000"}, "greater"});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->b.count, 30);
  json::Json doc = json::ToJson(*report);
  EXPECT_TRUE(doc["rate_ratio"].is_null());
  EXPECT_TRUE(doc["ci_high"].is_null());
  EXPECT_LT(doc["p_value"].get<double>(), 1e-6);
  auto bad = TestRates({{"12:x", "30:1000"}, "two-sided"});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("--a '12:x'"), std::string::npos);
  EXPECT_EQ(TestRates({{"1:10", "2:10"}, "sideways"}).status().code(), StatusCode::kInvalidArgument);
}

TEST(StatsOpsTest, BayesianComparisonsTakeAPrior) {
  auto flat = CompareProportions({{"12/100", "20/100"}, ""});
  ASSERT_TRUE(flat.ok()) << flat.status().message();
  EXPECT_GT(flat->comparison.prob_b_beats_a, 0.9);
  auto strong = CompareProportions({{"12/100", "20/100"}, "1000,1000"});
  ASSERT_TRUE(strong.ok());
  EXPECT_LT(strong->comparison.prob_b_beats_a, flat->comparison.prob_b_beats_a);
  json::Json doc = json::ToJson(*flat);
  EXPECT_EQ(doc.size(), 3u);
  EXPECT_TRUE(doc.contains("expected_loss_b"));
  EXPECT_TRUE(CompareRates({{"12:100", "20:100"}, ""}).ok());
  EXPECT_EQ(CompareRates({{"12:100", "20:100"}, "2"}).status().code(), StatusCode::kInvalidArgument);
}

TEST(StatsOpsTest, MeanTest) {
  auto report = TestMeans({{"100:1200:10", "130:1900:10"}, true});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_NEAR(report->result.effect, 0.3, 1e-9);
  EXPECT_EQ(json::ToJson(*report)["effect"], report->result.effect);
  EXPECT_EQ(TestMeans({{"100:1000:10", "100:1000:10"}, false}).status().code(), StatusCode::kFailedPrecondition);
}

TEST(StatsOpsTest, AnomaliesInASeries) {
  AnomalyRequest request;
  request.values = "1\n2\n1\n2\n1\n2\n50\n2\n1\n2\n1\n2\n1\n2\n";
  request.options.period = 2;
  auto report = DetectAnomalies(request);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(json::ToJson(*report).dump(), R"({"indices":[6]})");
  request.direction = "neg";
  EXPECT_TRUE(DetectAnomalies(request)->indices.empty());
  request.values = "1\nx\n";
  auto bad = DetectAnomalies(request);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("stdin"), std::string::npos);
}

TEST(StatsOpsTest, DaysNeeded) {
  PowerRequest request;
  request.mean = 20;
  request.lift_percent = 10;
  auto report = DaysNeeded(request);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_GT(report->days, 0);
  EXPECT_EQ(json::ToJson(*report)["days"], report->days);
  request.mean = 0;
  EXPECT_EQ(DaysNeeded(request).status().message(), "stats power needs --metric NAME or --mean M");
}

using MetricPowerTest = AppTest;

TEST_F(MetricPowerTest, DaysNeededForAWorkspaceMetric) {
  Workspace ws = Open();
  auto unknown = DaysNeededForMetric(ws, {"nosuch", 20, 56, "today"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("nosuch"), std::string::npos);
  EXPECT_EQ(DaysNeededForMetric(ws, {"engagements", 20, 56, "never"}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace learnloop::app
