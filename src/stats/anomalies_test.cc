#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "learnloop/stats.h"
#include "stats/robust.h"

namespace learnloop {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Eight weeks of a weekly pattern (weekends low) on a slow upward drift,
// with small uniform noise from a fixed seed.
std::vector<double> WeeklySeries() {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> noise(-3, 3);
  std::vector<double> out;
  out.reserve(56);
  for (int i = 0; i < 56; ++i) out.push_back(100 + 0.2 * i + 25 * std::sin(2 * std::numbers::pi * i / 7) + noise(rng));
  return out;
}

std::vector<double> WithSpikes() {
  std::vector<double> v = WeeklySeries();
  v[20] += 60;
  v[41] -= 50;
  return v;
}

AnomalyOptions Weekly(AnomalyDirection direction = AnomalyDirection::kBoth) {
  AnomalyOptions o;
  o.period = 7;
  o.direction = direction;
  return o;
}

TEST(FindAnomaliesTest, FindsPlantedSpikes) {
  const std::vector<double> v = WithSpikes();
  auto found = FindAnomalies(v, Weekly());
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_THAT(*found, ElementsAre(20, 41));
}

TEST(FindAnomaliesTest, CleanSeriesHasNone) {
  const std::vector<double> v = WeeklySeries();
  auto found = FindAnomalies(v, Weekly());
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, IsEmpty());
}

TEST(FindAnomaliesTest, SpikeOfSeasonalSizeIsNotAnomalous) {
  // A weekday peak moved by less than the noise is ordinary.
  std::vector<double> v = WeeklySeries();
  v[22] += 2;
  auto found = FindAnomalies(v, Weekly());
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, IsEmpty());
}

TEST(FindAnomaliesTest, DirectionFilters) {
  const std::vector<double> v = WithSpikes();
  auto up = FindAnomalies(v, Weekly(AnomalyDirection::kPositive));
  auto down = FindAnomalies(v, Weekly(AnomalyDirection::kNegative));
  ASSERT_TRUE(up.ok() && down.ok());
  EXPECT_THAT(*up, ElementsAre(20));
  EXPECT_THAT(*down, ElementsAre(41));
}

TEST(FindAnomaliesTest, MaxAnomsCapsTheCount) {
  std::vector<double> v = WithSpikes();
  AnomalyOptions o = Weekly();
  o.max_anoms = 0.02;  // floor(56 * 0.02) = 1: only the largest
  auto found = FindAnomalies(v, o);
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, ElementsAre(20));
}

TEST(FindAnomaliesTest, SmallCountsWithZeroMadStillFindASpike) {
  // Mostly zeros with a few ones: more than half the points equal the
  // median, so the MAD is 0; the ones are ordinary, the nine is not.
  std::vector<double> v(28, 0.0);
  for (int i : {1, 9, 14, 18, 24, 26}) v[i] = 1;  // no weekday is usually 1
  v[17] = 9;
  auto found = FindAnomalies(v, Weekly());
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, ElementsAre(17));
}

TEST(FindAnomaliesTest, ConstantSeriesHasNone) {
  std::vector<double> v(21, 4.0);
  auto found = FindAnomalies(v, Weekly());
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, IsEmpty());
}

TEST(FindAnomaliesTest, RejectsBadOptions) {
  const std::vector<double> v = WeeklySeries();
  const std::vector<double> short_series(v.begin(), v.begin() + 13);
  auto too_short = FindAnomalies(short_series, Weekly());
  EXPECT_EQ(too_short.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(too_short.status().message().find("fewer than 2 periods"), std::string::npos);
  AnomalyOptions o = Weekly();
  o.period = 0;
  EXPECT_FALSE(FindAnomalies(v, o).ok());
  o = Weekly();
  o.alpha = 1.5;
  EXPECT_FALSE(FindAnomalies(v, o).ok());
  o = Weekly();
  o.max_anoms = 0.7;
  EXPECT_FALSE(FindAnomalies(v, o).ok());
}

TEST(SeasonalComponentTest, RecoversAPurePattern) {
  const std::vector<double> pattern = {5, 1, -2, 0, 3, -4, 0};
  std::vector<double> v;
  for (int cycle = 0; cycle < 4; ++cycle)
    for (double p : pattern) v.push_back(50 + p);
  // Centered on the pattern's median (0), so the component is the pattern.
  EXPECT_THAT(stats::SeasonalComponent(v, 7), ElementsAre(5, 1, -2, 0, 3, -4, 0));
}

TEST(MedianTest, OddAndEven) {
  EXPECT_EQ(stats::Median(std::vector<double>{3, 1, 2}), 2);
  EXPECT_EQ(stats::Median(std::vector<double>{4, 1, 3, 2}), 2.5);
}

}  // namespace
}  // namespace learnloop
