#include "metrics/ratio_inputs.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace learnloop::metrics {
namespace {

using ::testing::ElementsAre;

MetricDef Count(std::string name) {
  MetricDef def;
  def.name = std::move(name);
  return def;
}

MetricDef Ratio(std::string name, std::string numerator, std::string denominator) {
  MetricDef def = Count(std::move(name));
  def.type = MetricType::kRatio;
  def.numerator = std::move(numerator);
  def.denominator = std::move(denominator);
  return def;
}

// m0 a count, then m<i> = m<i-1> / m<i-1>: 2^n paths to m0, n + 1 metrics.
std::vector<MetricDef> SelfDividingChain(int n) {
  std::vector<MetricDef> defs = {Count("m0")};
  for (int i = 1; i <= n; ++i) {
    // fmt, not "m" + std::to_string(...): GCC 12 at -O3 takes that for an
    // overlapping memcpy (-Wrestrict).
    const std::string previous = fmt::format("m{}", i - 1);
    defs.push_back(Ratio(fmt::format("m{}", i), previous, previous));
  }
  return defs;
}

std::vector<std::string> Names(const std::vector<const MetricDef*>& order) {
  std::vector<std::string> names;
  names.reserve(order.size());
  for (const MetricDef* def : order) names.push_back(def->name);
  return names;
}

TEST(RatioInputsTest, ReachesEachMetricOfASharedChainOnceInputsFirst) {
  const std::vector<MetricDef> defs = SelfDividingChain(60);
  const MetricIndex index = IndexByName(defs);
  std::vector<const MetricDef*> order;
  EXPECT_TRUE(RatioInputs(index).Visit(defs.back(), order).empty());
  ASSERT_EQ(order.size(), defs.size());
  for (size_t i = 0; i < defs.size(); ++i) EXPECT_EQ(order[i], &defs[i]);
}

TEST(RatioInputsTest, LaterVisitsOnOneWalkAddOnlyWhatIsNew) {
  const std::vector<MetricDef> defs = {Count("a"), Count("b"), Ratio("r", "a", "b"), Ratio("s", "r", "a")};
  const MetricIndex index = IndexByName(defs);
  RatioInputs inputs(index);
  std::vector<const MetricDef*> order;
  EXPECT_TRUE(inputs.Visit(defs[2], order).empty());
  EXPECT_TRUE(inputs.Visit(defs[3], order).empty());
  EXPECT_TRUE(inputs.Visit(defs[0], order).empty());
  EXPECT_THAT(Names(order), ElementsAre("a", "b", "r", "s"));
}

TEST(RatioInputsTest, NamesTheMetricsAroundACycle) {
  const std::vector<MetricDef> defs = {Count("a"), Ratio("x", "a", "b"), Ratio("b", "c", "a"), Ratio("c", "a", "b")};
  const MetricIndex index = IndexByName(defs);
  std::vector<const MetricDef*> order;
  EXPECT_THAT(RatioInputs(index).Visit(defs[1], order), ElementsAre("b", "c", "b"));
  const std::vector<MetricDef> self = {Ratio("r", "r", "r")};
  EXPECT_THAT(RatioInputs(IndexByName(self)).Visit(self[0], order), ElementsAre("r", "r"));
}

TEST(RatioInputsTest, SkipsNamesNoMetricHas) {
  const std::vector<MetricDef> defs = {Count("a"), Ratio("r", "a", "missing")};
  const MetricIndex index = IndexByName(defs);
  std::vector<const MetricDef*> order;
  EXPECT_TRUE(RatioInputs(index).Visit(defs[1], order).empty());
  EXPECT_THAT(Names(order), ElementsAre("a", "r"));
}

// The walk keeps its own stack: a chain this long would overflow the call
// stack of a recursive one.
TEST(RatioInputsTest, WalksAVeryLongChainWithoutRecursion) {
  std::vector<MetricDef> defs = {Count("m0")};
  for (int i = 1; i <= 100'000; ++i) defs.push_back(Ratio(fmt::format("m{}", i), fmt::format("m{}", i - 1), "m0"));
  const MetricIndex index = IndexByName(defs);
  std::vector<const MetricDef*> order;
  EXPECT_TRUE(RatioInputs(index).Visit(defs.back(), order).empty());
  EXPECT_EQ(order.size(), defs.size());
}

}  // namespace
}  // namespace learnloop::metrics
