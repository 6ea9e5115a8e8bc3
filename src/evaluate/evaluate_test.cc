#include "learnloop/evaluate.h"

#include <gtest/gtest.h>

#include <cmath>

#include "evaluate/test_series.h"

namespace learnloop::evaluate {
namespace {

// 14 baseline days from kMonday, then `window` days of the same weekly
// pattern scaled by `factor`, with negative binomial noise.
EvaluationInput Plan(double factor, int window, uint64_t seed, double k = 30) {
  EvaluationInput input;
  input.baseline = NoisySeries(kMonday, 14, UsualWeek, k, seed);
  input.window = NoisySeries(
      kMonday + 14, window, [&](Day d) { return factor * UsualWeek(d); }, k, seed + 1000);
  return input;
}

EvaluationOptions Final(int days = 14) {
  EvaluationOptions options;
  options.metric_name = "new followers";
  options.is_final = true;
  options.planned_days = days;
  return options;
}

TEST(EvaluateTest, ConstantLevelsGiveTheExactRatio) {
  EvaluationInput input;
  input.baseline = MakeSeries(kMonday, 3, [](Day) { return 10.0; });
  input.window = MakeSeries(kMonday + 3, 3, [](Day) { return 20.0; });
  Result<Evaluation> e = EvaluateMetric(input, Final(3));
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_NEAR(e->ratio, 2.0, 1e-9);
  EXPECT_NEAR(e->percent_change, 100.0, 1e-7);
  EXPECT_NEAR(e->abs_diff_per_day, 10.0, 1e-7);
  EXPECT_FALSE(e->details.weekday_terms);
  EXPECT_DOUBLE_EQ(e->details.dispersion, 1.0);
  // Poisson: se = sqrt(1/30 + 1/60); the t interval has 4 df.
  EXPECT_NEAR(e->details.log_effect_se, std::sqrt(1 / 30.0 + 1 / 60.0), 1e-9);
  EXPECT_NEAR(std::log(e->ci_high) - std::log(2.0), 2.776445 * e->details.log_effect_se, 1e-5);
}

TEST(EvaluateTest, AClearRiseIsAWinWithBothIntervals) {
  Result<Evaluation> e = EvaluateMetric(Plan(1.6, 14, 3), Final());
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->verdict, EvaluationVerdict::kWin);
  EXPECT_GT(e->ratio, 1.3);
  EXPECT_LT(e->ratio, 1.9);
  EXPECT_GT(e->always_valid_low, 1.0);
  // The always-valid interval is the wider one.
  EXPECT_LT(e->always_valid_low, e->ci_low);
  EXPECT_GT(e->always_valid_high, e->ci_high);
  EXPECT_GT(e->prob_positive, 0.99);
  EXPECT_GT(e->abs_diff_per_day, 5);
  EXPECT_TRUE(e->details.weekday_terms);
  EXPECT_EQ(e->details.baseline_days, 14);
  EXPECT_EQ(e->details.window_days, 14);
  EXPECT_FALSE(e->more_days_needed.has_value());
  EXPECT_EQ(e->headline.rfind("It worked: new followers rose by about", 0), 0u) << e->headline;
}

TEST(EvaluateTest, AClearFallIsALossUnlessLowerIsBetter) {
  EvaluationOptions options = Final();
  Result<Evaluation> e = EvaluateMetric(Plan(0.6, 14, 5), options);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->verdict, EvaluationVerdict::kLoss);
  EXPECT_LT(e->always_valid_high, 1.0);
  EXPECT_LT(e->abs_diff_per_day, 0);
  options.higher_is_better = false;
  e = EvaluateMetric(Plan(0.6, 14, 5), options);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->verdict, EvaluationVerdict::kWin);
  EXPECT_NE(e->headline.find("fell by about"), std::string::npos) << e->headline;
}

TEST(EvaluateTest, NoChangeEarlyOnIsInconclusiveAndSaysSoPlainly) {
  EvaluationOptions options = Final();
  options.is_final = false;
  Result<Evaluation> e = EvaluateMetric(Plan(1.0, 4, 7), options);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->verdict, EvaluationVerdict::kInconclusive);
  EXPECT_EQ(e->headline.rfind("Too early to tell", 0), 0u) << e->headline;
  for (const std::string& text : {e->headline, e->explanation}) {
    for (const char* jargon : {"p-value", "confidence", "interval", "significan", "sequence"}) {
      EXPECT_EQ(text.find(jargon), std::string::npos) << text;
    }
  }
}

TEST(EvaluateTest, ProbabilitiesFollowTheEstimate) {
  Result<Evaluation> e = EvaluateMetric(Plan(1.25, 14, 9), Final());
  ASSERT_TRUE(e.ok());
  EXPECT_GT(e->prob_positive, 0.5);
  EXPECT_LT(e->prob_reaches_expected, e->prob_positive);
  EvaluationOptions options = Final();
  options.expected_lift = -0.2;
  Result<Evaluation> lower = EvaluateMetric(Plan(1.25, 14, 9), options);
  ASSERT_TRUE(lower.ok());
  EXPECT_LT(lower->prob_reaches_expected, 0.05);
}

TEST(EvaluateTest, AModerateEffectSaysHowManyMoreDaysWouldSettleIt) {
  EvaluationOptions options = Final();
  options.is_final = false;
  EvaluationInput input;
  input.baseline = MakeSeries(kMonday, 14, UsualWeek);
  input.window = MakeSeries(kMonday + 14, 3, [](Day d) { return 1.3 * UsualWeek(d); });
  Result<Evaluation> e = EvaluateMetric(input, options);
  ASSERT_TRUE(e.ok()) << e.status().message();
  ASSERT_EQ(e->verdict, EvaluationVerdict::kInconclusive);
  ASSERT_TRUE(e->more_days_needed.has_value());
  EXPECT_GT(*e->more_days_needed, 0);
  EXPECT_NE(e->explanation.find("more day"), std::string::npos) << e->explanation;
  // Exactly no change: no number of days would settle it.
  input.window = MakeSeries(kMonday + 14, 3, UsualWeek);
  e = EvaluateMetric(input, options);
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(e->more_days_needed.has_value());
  EXPECT_NE(e->explanation.find("would probably not settle"), std::string::npos) << e->explanation;
}

// Difference in differences: the plan's series rose 50%, an untouched one
// 20%, so the plan's own effect is 1.5 / 1.2 = 1.25.
TEST(EvaluateTest, ComparisonRemovesTheSharedChange) {
  EvaluationInput input;
  input.baseline = MakeSeries(kMonday, 14, UsualWeek);
  input.window = MakeSeries(kMonday + 14, 14, [](Day d) { return 1.5 * UsualWeek(d); });
  input.comparison = MakeSeries(kMonday - 3, 31, [](Day d) { return (d >= kMonday + 14 ? 1.2 : 1.0) * 40.0; });
  Result<Evaluation> e = EvaluateMetric(input, Final());
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_NEAR(e->ratio, 1.25, 1e-9);
  ASSERT_TRUE(e->details.comparison_dispersion.has_value());
  EXPECT_NE(e->details.model.find("difference in differences"), std::string::npos);
  EXPECT_NE(e->explanation.find("did not touch"), std::string::npos);
  // Without the comparison the plan gets credit for the shared rise too.
  input.comparison.reset();
  Result<Evaluation> naive = EvaluateMetric(input, Final());
  ASSERT_TRUE(naive.ok());
  EXPECT_NEAR(naive->ratio, 1.5, 1e-9);
  EXPECT_LT(e->details.log_effect_se, 2 * naive->details.log_effect_se);
  EXPECT_GT(e->details.log_effect_se, naive->details.log_effect_se);
}

TEST(EvaluateTest, AmountsAreScaleFree) {
  EvaluationOptions options = Final();
  options.counts = false;
  EvaluationInput input = Plan(1.3, 14, 13);
  Result<Evaluation> units = EvaluateMetric(input, options);
  for (auto* series : {&input.baseline, &input.window}) {
    for (auto& v : series->values) *v *= 100;
  }
  Result<Evaluation> cents = EvaluateMetric(input, options);
  ASSERT_TRUE(units.ok() && cents.ok());
  EXPECT_NEAR(units->ratio, cents->ratio, 1e-9);
  EXPECT_NEAR(units->ci_low, cents->ci_low, 1e-9);
  EXPECT_NEAR(units->always_valid_high, cents->always_valid_high, 1e-9);
  EXPECT_NEAR(100 * units->abs_diff_per_day, cents->abs_diff_per_day, 1e-6);
}

TEST(EvaluateTest, MissingDaysAreLeftOut) {
  EvaluationInput input = Plan(1.0, 14, 15);
  input.baseline.values[2].reset();
  input.window.values[5].reset();
  Result<Evaluation> e = EvaluateMetric(input, Final());
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->details.baseline_days, 13);
  EXPECT_EQ(e->details.window_days, 13);
  EXPECT_EQ(e->details.days_left_out, 2);
}

TEST(EvaluateTest, AGuardrailBreachFlagsThePlan) {
  GuardrailInput unsubscribes;
  unsubscribes.name = "unsubscribes";
  unsubscribes.data.baseline = MakeSeries(kMonday, 14, [](Day) { return 10.0; });
  unsubscribes.data.window = MakeSeries(kMonday + 14, 14, [](Day) { return 30.0; });
  GuardrailInput calm = unsubscribes;
  calm.name = "complaints";
  calm.data.window = MakeSeries(kMonday + 14, 14, [](Day) { return 11.0; });
  const GuardrailInput guardrails[] = {unsubscribes, calm};
  Result<Evaluation> e = EvaluatePlan(Plan(1.6, 14, 3), guardrails, Final());
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->verdict, EvaluationVerdict::kGuardrailBreached);
  ASSERT_EQ(e->guardrails.size(), 2u);
  EXPECT_TRUE(e->guardrails[0].breached);
  EXPECT_NEAR(e->guardrails[0].ratio, 3.0, 1e-9);
  EXPECT_FALSE(e->guardrails[1].breached);
  EXPECT_NE(e->headline.find("unsubscribes (+200%)"), std::string::npos) << e->headline;
  EXPECT_EQ(e->headline.find("complaints"), std::string::npos);
}

TEST(EvaluateTest, ARiseWithinTheToleranceIsNoBreach) {
  GuardrailInput unsubscribes;
  unsubscribes.name = "unsubscribes";
  unsubscribes.tolerance = 0.5;
  unsubscribes.data.baseline = MakeSeries(kMonday, 14, [](Day) { return 100.0; });
  unsubscribes.data.window = MakeSeries(kMonday + 14, 14, [](Day) { return 130.0; });
  Result<Evaluation> e = EvaluatePlan(Plan(1.6, 14, 3), {&unsubscribes, 1}, Final());
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(e->guardrails[0].breached);
  EXPECT_EQ(e->verdict, EvaluationVerdict::kWin);
}

Status Error(const EvaluationInput& input, const EvaluationOptions& options = Final()) {
  return EvaluateMetric(input, options).status();
}

TEST(EvaluateTest, RejectsUnusableInput) {
  EvaluationInput input = Plan(1.0, 14, 17);
  EvaluationInput empty_baseline = input;
  empty_baseline.baseline.values.clear();
  EXPECT_EQ(Error(empty_baseline).code(), StatusCode::kInvalidArgument);
  EvaluationInput missing_window = input;
  for (auto& v : missing_window.window.values) v.reset();
  EXPECT_NE(Error(missing_window).message().find("window has no days with data"), std::string::npos);
  EvaluationInput zero = input;
  for (auto& v : zero.baseline.values) v = 0.0;
  EXPECT_NE(Error(zero).message().find("zero on every day"), std::string::npos);
  EvaluationInput negative = input;
  negative.window.values[3] = -2.0;
  EXPECT_NE(Error(negative).message().find("window on 2024-04-04"), std::string::npos) << Error(negative).message();
  EvaluationInput overlap = input;
  overlap.window.first_day = kMonday + 10;
  EXPECT_NE(Error(overlap).message().find("overlaps the baseline"), std::string::npos);
  EvaluationInput zero_comparison = input;
  zero_comparison.comparison = MakeSeries(kMonday, 28, [](Day) { return 0.0; });
  EXPECT_NE(Error(zero_comparison).message().find("comparison's baseline"), std::string::npos);
  EvaluationInput sundays;
  sundays.baseline = MakeSeries(kMonday, 14, [](Day d) { return IsoWeekday(d) == 7 ? 0.0 : UsualWeek(d); });
  sundays.window = MakeSeries(kMonday + 20, 1, [](Day) { return 0.0; });
  EXPECT_NE(Error(sundays, Final(1)).message().find("no weekday on which"), std::string::npos);
  EvaluationOptions bad = Final();
  bad.alpha = 1.5;
  EXPECT_EQ(Error(input, bad).code(), StatusCode::kInvalidArgument);
  bad = Final();
  bad.expected_lift = -1;
  EXPECT_EQ(Error(input, bad).code(), StatusCode::kInvalidArgument);
}

TEST(EvaluateTest, VerdictNames) {
  EXPECT_EQ(EvaluationVerdictName(EvaluationVerdict::kWin), "win");
  EXPECT_EQ(EvaluationVerdictName(EvaluationVerdict::kGuardrailBreached), "guardrail_breached");
}

}  // namespace
}  // namespace learnloop::evaluate
