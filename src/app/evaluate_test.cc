#include "learnloop/app/evaluate.h"

#include <fmt/format.h>

#include "app/loop_test_util.h"

namespace learnloop::app {
namespace {

class EvaluateTest : public LoopAppTest {
 protected:
  // Likes from 2024-04-01: 10 a day for 14 days, then 20 a day for 14
  // days; posts tagged "short" get a third of each day's, "story" the rest.
  void SetUp() override {
    LoopAppTest::SetUp();
    std::string csv = "ts,channel,person,kind,content,value,tags\n";
    for (int d = 0; d < 28; ++d) {
      const std::string day = FormatDate(*ParseDate("2024-04-01") + d);
      for (int i = 0; i < (d < 14 ? 10 : 20); ++i) {
        const char* tag = i % 3 == 0 ? "short" : "story";
        csv += fmt::format("{}T09:00:{:02}Z,mastodon,p{},like,{}-{},,{}\n", day, i, i, tag, d, tag);
      }
    }
    Workspace ws = Open();
    ASSERT_TRUE(ws.Import(Write("likes.csv", csv), {}).ok());
  }

  static EvaluationRequest AdHoc() {
    EvaluationRequest request;
    request.metric = "engagements";
    request.window = "2024-04-15..today";
    return request;
  }
};

TEST_F(EvaluateTest, AnAdHocDoublingIsAWinAgainstTheDaysBefore) {
  Workspace ws = Open();
  auto report = Evaluate(ws, On("2024-04-28"), AdHoc());
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->evaluation.verdict, EvaluationVerdict::kWin);
  EXPECT_TRUE(report->final());
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["baseline"], json::Json({"2024-04-01", "2024-04-14"}));
  EXPECT_EQ(doc["window"], json::Json({"2024-04-15", "2024-04-28"}));
  EXPECT_EQ(doc["verdict"], "win");
  EXPECT_TRUE(doc["variants"].is_null());
  EXPECT_FALSE(doc.contains("group"));
}

TEST_F(EvaluateTest, VariantsAreComparedTwoAtATime) {
  Workspace ws = Open();
  EvaluationRequest request = AdHoc();
  request.variants = {"short", "story"};
  auto report = Evaluate(ws, On("2024-04-28"), request);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_TRUE(report->variants.comparison);
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["variants"]["a"]["tag"], "short");
  EXPECT_GT(doc["variants"]["rate_ratio"].get<double>(), 1);
  request.variants = {"short"};
  report = Evaluate(ws, On("2024-04-28"), request);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(json::ToJson(*report)["variants"]["why_not"], "variants are compared two at a time; this has 1");
}

TEST_F(EvaluateTest, APlanIsJudgedOnItsOwnTimeboxAndBaseline) {
  Workspace ws = Open();
  PlanRequest plan;
  plan.fields = {.title = "Post more",
                 .goal_id = AddTestGoal(ws),
                 .hypothesis = kHypothesis,
                 .metric = "metric:engagements",
                 .step = "engagement",
                 .timebox_days = 14};
  auto added = AddPlan(ws, On("2024-04-10"), plan);
  ASSERT_TRUE(added.ok()) << added.status().message();
  ASSERT_TRUE(StartPlan(ws, On("2024-04-15"), {added->plan.id, ""}).ok());
  EvaluationRequest request;
  request.plan_id = added->plan.id;
  auto report = Evaluate(ws, On("2024-04-21"), request);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_FALSE(report->final());
  EXPECT_EQ(json::ToJson(*report)["window"], json::Json({"2024-04-15", "2024-04-28"}));
  request.metric = "engagements";
  ExpectError(Evaluate(ws, On("2024-04-21"), request), StatusCode::kInvalidArgument, "not both");
  request = {.plan_id = 99};
  ExpectError(Evaluate(ws, On("2024-04-21"), request), StatusCode::kNotFound, "there is no plan 99");
  request = {.plan_id = added->plan.id, .person = {"membership=member"}};
  ExpectError(Evaluate(ws, On("2024-04-21"), request), StatusCode::kInvalidArgument, "a plan is judged on everyone");
}

TEST_F(EvaluateTest, BadRequestsAreRefused) {
  Workspace ws = Open();
  ExpectError(Evaluate(ws, On("2024-04-28"), {}), StatusCode::kInvalidArgument, "give a PLAN");
  EvaluationRequest request = AdHoc();
  request.window = "2024-04-15";
  ExpectError(Evaluate(ws, On("2024-04-28"), request), StatusCode::kInvalidArgument, "expected FROM..TO");
  request = AdHoc();
  request.baseline = "2024-04-10..2024-04-20";
  ExpectError(Evaluate(ws, On("2024-04-28"), request), StatusCode::kInvalidArgument, "must end before");
  request = AdHoc();
  request.metric = "engagement";
  ExpectError(Evaluate(ws, On("2024-04-28"), request), StatusCode::kNotFound, "engagements");
  request = AdHoc();
  request.person = {"membership"};
  ExpectError(Evaluate(ws, On("2024-04-28"), request), StatusCode::kInvalidArgument, "expected ATTRIBUTE=VALUE");
  request.person = {"membership=nobody"};
  ExpectError(Evaluate(ws, On("2024-04-28"), request), StatusCode::kNotFound, "nobody");
}

}  // namespace
}  // namespace learnloop::app
