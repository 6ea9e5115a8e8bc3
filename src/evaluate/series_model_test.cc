#include "evaluate/series_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "evaluate/test_series.h"

namespace learnloop::evaluate {
namespace {

std::vector<DayValue> Days(int baseline, int window, const std::function<double(Day, bool)>& value) {
  std::vector<DayValue> days;
  for (int i = 0; i < baseline + window; ++i) {
    const Day d = kMonday + i;
    days.push_back({d, value(d, i >= baseline), i >= baseline});
  }
  return days;
}

TEST(SeriesModelTest, DesignHasInterceptWeekdaysAndWindow) {
  const std::vector<DayValue> days = Days(14, 7, [](Day, bool) { return 1.0; });
  const Eigen::MatrixXd x = BuildDesign(days, true);
  EXPECT_EQ(x.cols(), 1 + 6 + 1);
  EXPECT_EQ(x.col(0).sum(), 21);
  EXPECT_EQ(x.col(7).sum(), 7);
  EXPECT_EQ(x(0, 1), 0);  // Monday is the reference weekday
  EXPECT_EQ(x(1, 1), 1);
  EXPECT_EQ(BuildDesign(days, false).cols(), 2);
}

TEST(SeriesModelTest, WeekdayTermsNeedTwoDaysPerWeekday) {
  EXPECT_TRUE(WeekdayTermsSupported(Days(14, 1, [](Day, bool) { return 1.0; })));
  EXPECT_TRUE(WeekdayTermsSupported(Days(7, 7, [](Day, bool) { return 1.0; })));
  EXPECT_FALSE(WeekdayTermsSupported(Days(7, 1, [](Day, bool) { return 1.0; })));
  EXPECT_FALSE(WeekdayTermsSupported(Days(10, 2, [](Day, bool) { return 1.0; })));
}

// Each weekday appears equally often in both periods, so with weekday terms
// theta is exactly the log ratio of the period totals.
TEST(SeriesModelTest, BalancedWeeksGiveTheLogRatioOfTotals) {
  const std::vector<DayValue> days =
      Days(14, 14, [](Day d, bool window) { return UsualWeek(d) * (window ? 1.3 : 1.0) + (d % 3); });
  double baseline = 0, window = 0;
  for (const DayValue& d : days) (d.in_window ? window : baseline) += d.value;
  Result<SeriesFit> fit = FitSeries(days, true);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_TRUE(fit->weekday_terms);
  EXPECT_NEAR(fit->effect, std::log(window / baseline), 1e-9);
  EXPECT_EQ(fit->df, 28 - 8);
  EXPECT_NEAR(fit->baseline_level[4], 30 + 1, 1.0);  // Thursdays
}

TEST(SeriesModelTest, LeavesOutWeekdaysThatNeverHaveEvents) {
  const std::vector<DayValue> days =
      Days(14, 14, [](Day d, bool) { return IsoWeekday(d) == 7 ? 0.0 : UsualWeek(d) + (d % 2); });
  Result<SeriesFit> fit = FitSeries(days, true);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_EQ(fit->left_out, 4);
  EXPECT_EQ(fit->used.size(), 24u);
  EXPECT_EQ(fit->baseline_level[7], 0);
}

// Sundays never have events and the window is one Sunday: leaving Sundays
// out would leave no window, so the weekday terms go instead.
TEST(SeriesModelTest, KeepsTheWindowWhenItsWeekdaysNeverHaveEvents) {
  const std::vector<DayValue> days =
      Days(20, 1, [](Day d, bool) { return IsoWeekday(d) == 7 ? 0.0 : UsualWeek(d) + (d % 2); });
  ASSERT_EQ(IsoWeekday(days.back().day), 7);
  Result<SeriesFit> fit = FitSeries(days, true);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_FALSE(fit->weekday_terms);
  EXPECT_TRUE(fit->has_window);
  EXPECT_LT(fit->effect, 0);
}

TEST(SeriesModelTest, AnEventlessWindowGetsHalfAnEvent) {
  const std::vector<DayValue> days = Days(14, 3, [](Day d, bool window) { return window ? 0.0 : UsualWeek(d); });
  Result<SeriesFit> fit = FitSeries(days, true);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_LT(fit->effect, std::log(0.05));
  EXPECT_TRUE(std::isfinite(fit->effect));
  ASSERT_FALSE(fit->notes.empty());
  EXPECT_NE(fit->notes.back().find("half an event"), std::string::npos);
}

// A weekday whose only events fall in the window would put theta at
// infinity; the fit drops the weekday terms instead.
TEST(SeriesModelTest, FallsBackWithoutWeekdayTermsWhenTheyCannotBeEstimated) {
  const std::vector<DayValue> days =
      Days(14, 1, [](Day d, bool window) { return IsoWeekday(d) == 1 ? (window ? 5.0 : 0.0) : UsualWeek(d); });
  Result<SeriesFit> fit = FitSeries(days, true);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  EXPECT_FALSE(fit->weekday_terms);
  EXPECT_TRUE(std::isfinite(fit->effect));
}

TEST(SeriesModelTest, TooFewDaysIsAnError) {
  Result<SeriesFit> fit = FitSeries(Days(1, 1, [](Day, bool) { return 3.0; }), true);
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(fit.status().message().find("too few usable days"), std::string::npos);
}

// Without weekday terms and with Poisson noise, Var(theta) = 1/(n_b mu) +
// 1/(n_w mu e^theta).
TEST(SeriesModelTest, ProjectedVarianceMatchesThePoissonClosedForm) {
  Result<SeriesFit> fit = FitSeries(Days(6, 0, [](Day, bool) { return 20.0; }), true);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  ASSERT_FALSE(fit->weekday_terms);
  EXPECT_DOUBLE_EQ(fit->dispersion, 1.0);
  const double theta = std::log(1.5);
  EXPECT_NEAR(ProjectedVariance(*fit, kMonday + 6, 10, theta), 1 / 120.0 + 1 / (10 * 30.0), 1e-10);
}

TEST(SeriesModelTest, ProjectingOnlyEventlessWeekdaysGivesNoInformation) {
  Result<SeriesFit> fit =
      FitSeries(Days(14, 0, [](Day d, bool) { return IsoWeekday(d) == 7 ? 0.0 : UsualWeek(d) + (d % 2); }), true);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  ASSERT_TRUE(fit->weekday_terms);
  EXPECT_TRUE(std::isinf(ProjectedVariance(*fit, kMonday + 20, 1, 0)));
  EXPECT_TRUE(std::isfinite(ProjectedVariance(*fit, kMonday + 20, 2, 0)));
}

}  // namespace
}  // namespace learnloop::evaluate
