#include "loop/validate.h"

#include <gtest/gtest.h>

namespace learnloop::loop {
namespace {

const std::vector<std::string> kRungs = {"action", "relationship", "engagement", "network"};

TEST(HypothesisTest, AcceptsIfThenBecause) {
  EXPECT_TRUE(CheckHypothesis("If we post daily then reach grows because the feed rewards it").ok());
  EXPECT_TRUE(CheckHypothesis(kHypothesisExample).ok());
}

TEST(HypothesisTest, RefusesOtherFormsWithAnExample) {
  for (const char* text : {"post more", "if we post then reach grows", "then x because y if z", "if then because",
                           "we will post daily then reach grows because yes"}) {
    Status status = CheckHypothesis(text);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << text;
    EXPECT_NE(status.message().find("for example"), std::string::npos) << text;
  }
}

TEST(LadderStepTest, AcceptsAdjacentUpwardStepsAndOneRung) {
  auto step = ParseLadderStep("Engagement -> relationship", kRungs);
  ASSERT_TRUE(step.ok()) << step.status().message();
  EXPECT_EQ(step->first, "engagement");
  EXPECT_EQ(step->second, "relationship");
  auto single = ParseLadderStep("network", kRungs);
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->first, "network");
  EXPECT_EQ(single->second, "network");
}

TEST(LadderStepTest, RefusesSkippedDownwardAndUnknownRungs) {
  EXPECT_NE(ParseLadderStep("network -> relationship", kRungs).status().message().find("adjacent"), std::string::npos);
  EXPECT_FALSE(ParseLadderStep("relationship -> engagement", kRungs).ok());
  auto unknown = ParseLadderStep("fans -> engagement", kRungs);
  EXPECT_NE(unknown.status().message().find("network, engagement, relationship, action"), std::string::npos);
  EXPECT_FALSE(ParseLadderStep(" -> ", kRungs).ok());
}

TEST(MetricNameTest, ChecksRungMetricsAgainstTheLadder) {
  EXPECT_TRUE(CheckMetricName("rung:action", kRungs).ok());
  EXPECT_TRUE(CheckMetricName("comments_per_day", kRungs).ok());
  EXPECT_TRUE(CheckMetricName("metric:reach", kRungs).ok());
  EXPECT_FALSE(CheckMetricName("rung:fans", kRungs).ok());
  EXPECT_FALSE(CheckMetricName("", kRungs).ok());
  EXPECT_FALSE(CheckMetricName("two words", kRungs).ok());
  EXPECT_EQ(RungOfMetric("rung:Action"), "action");
  EXPECT_EQ(RungOfMetric("reach"), "");
}

}  // namespace
}  // namespace learnloop::loop
