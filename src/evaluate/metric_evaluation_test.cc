#include "learnloop/metric_evaluation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/event_table.h"
#include "ladder/ladder_rules.h"
#include "metrics/metric_defs.h"

namespace learnloop {
namespace {

Day D(std::string_view date) { return *ParseDate(date); }

// The ladder of `ladder_toml` and the default metrics over the built events,
// in UTC.
Metrics WithDefaultMetrics(engine::EventTableBuilder builder,
                           std::string_view ladder_toml = ladder::DefaultLadderToml()) {
  auto table = std::make_shared<const engine::EventTable>(std::move(builder).Build(TimeZone::Utc()));
  auto rules = *ladder::ParseLadderRules(ladder_toml, "ladder.toml");
  metrics::ParseOptions options;
  options.rung_names = {"action", "relationship", "engagement", "network"};
  auto defs = metrics::ParseMetricsToml(metrics::DefaultMetricsToml(), options);
  EXPECT_TRUE(defs.ok()) << defs.status().message();
  return Metrics(table, rules, *defs, {});
}

// Daily likes (a count metric) and donations (an amount) for 28 days: the
// last 14 have `lift` times as many likes, spread over many people.
Metrics MakeMetrics(int likes_before, int likes_after) {
  engine::EventTableBuilder builder;
  const Day first = D("2024-05-01");
  for (Day d = first; d < first + 28; ++d) {
    int likes = d < first + 14 ? likes_before : likes_after;
    for (int i = 0; i < likes; ++i) {
      // append, as GCC 12 at -O3 falsely reports -Wrestrict in "p" + std::to_string(...).
      Event e{Timestamp{int64_t{d} * 86'400'000'000 + int64_t{i} * 1'000'000},
              "mastodon",
              std::string("p").append(std::to_string(i)),
              "like",
              "",
              std::nullopt,
              ""};
      EXPECT_TRUE(builder.Add(e.view()).ok());
    }
    Event unsub{Timestamp{int64_t{d} * 86'400'000'000},
                "newsletter",
                std::string("u").append(std::to_string(d)),
                "unsubscribe",
                "",
                std::nullopt,
                ""};
    EXPECT_TRUE(builder.Add(unsub.view()).ok());
  }
  return WithDefaultMetrics(std::move(builder));
}

PeriodEvaluationRequest Request(std::string metric) {
  PeriodEvaluationRequest r;
  r.metric = std::move(metric);
  r.baseline_from = D("2024-05-01");
  r.baseline_to = D("2024-05-14");
  r.window_from = D("2024-05-15");
  r.window_to = D("2024-05-28");
  r.today = D("2024-05-28");
  return r;
}

TEST(MetricEvaluationTest, ReadsTheDeclaredMetricAndFindsAClearRise) {
  Metrics metrics = MakeMetrics(20, 40);
  auto e = EvaluateMetricPeriods(metrics, Request("engagements"));
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->verdict, EvaluationVerdict::kWin);
  EXPECT_NEAR(e->ratio, 2.0, 1e-6);
  EXPECT_NEAR(e->abs_diff_per_day, 20.0, 1e-6);
  EXPECT_EQ(e->details.window_days, 14);
}

TEST(MetricEvaluationTest, InterimReadingUsesOnlyDaysUpToToday) {
  Metrics metrics = MakeMetrics(20, 20);
  PeriodEvaluationRequest r = Request("engagements");
  r.today = D("2024-05-18");
  auto e = EvaluateMetricPeriods(metrics, r);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->details.window_days, 4);
  EXPECT_EQ(e->verdict, EvaluationVerdict::kInconclusive);
}

TEST(MetricEvaluationTest, GuardrailIsReadFromItsOwnMetric) {
  Metrics metrics = MakeMetrics(20, 40);
  PeriodEvaluationRequest r = Request("engagements");
  r.guardrails = {"unsubscribes"};
  auto e = EvaluateMetricPeriods(metrics, r);
  ASSERT_TRUE(e.ok()) << e.status().message();
  ASSERT_EQ(e->guardrails.size(), 1u);
  EXPECT_EQ(e->guardrails[0].name, "unsubscribes");
  EXPECT_FALSE(e->guardrails[0].breached);
  EXPECT_NEAR(e->guardrails[0].ratio, 1.0, 1e-6);
}

TEST(MetricEvaluationTest, GuardrailWithNoBaselineIsNotedNotFatal) {
  Metrics metrics = MakeMetrics(20, 40);
  PeriodEvaluationRequest r = Request("engagements");
  r.guardrails = {"donations"};
  auto e = EvaluateMetricPeriods(metrics, r);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_TRUE(e->guardrails.empty());
  ASSERT_FALSE(e->details.notes.empty());
  EXPECT_NE(e->details.notes.back().find("guardrail donations was not read"), std::string::npos);
}

TEST(MetricEvaluationTest, RefusesPeriodsThatCannotBeRead) {
  Metrics metrics = MakeMetrics(20, 20);
  PeriodEvaluationRequest overlap = Request("engagements");
  overlap.baseline_to = overlap.window_from;
  EXPECT_NE(EvaluateMetricPeriods(metrics, overlap).status().message().find("must end before"), std::string::npos);
  PeriodEvaluationRequest future = Request("engagements");
  future.today = D("2024-05-10");
  EXPECT_NE(EvaluateMetricPeriods(metrics, future).status().message().find("nothing to evaluate"), std::string::npos);
  PeriodEvaluationRequest backwards = Request("engagements");
  backwards.window_to = backwards.window_from - 1;
  EXPECT_FALSE(EvaluateMetricPeriods(metrics, backwards).ok());
  EXPECT_EQ(EvaluateMetricPeriods(metrics, Request("no_such_metric")).status().code(), StatusCode::kNotFound);
}

TEST(MetricEvaluationTest, PlansAreReadThroughTheirMetricAndTimebox) {
  Metrics metrics = MakeMetrics(20, 40);
  Plan plan;
  plan.id = 7;
  plan.metric = "metric:engagements";
  plan.guardrails = {"unsubscribes"};
  plan.timebox_days = 14;
  plan.expected_lift = 50;
  EXPECT_EQ(RequestForPlan(plan, metrics, D("2024-05-28")).status().code(), StatusCode::kFailedPrecondition);
  plan.start = D("2024-05-15");
  auto r = RequestForPlan(plan, metrics, D("2024-05-28"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->metric, "engagements");
  EXPECT_EQ(r->window_to, D("2024-05-28"));
  EXPECT_EQ(r->baseline_from, D("2024-05-01"));
  EXPECT_EQ(r->baseline_to, D("2024-05-14"));
  EXPECT_DOUBLE_EQ(r->expected_lift, 0.5);
  EXPECT_EQ(r->guardrails, std::vector<std::string>{"unsubscribes"});
  plan.metric = "rung:relationship";
  EXPECT_EQ(RequestForPlan(plan, metrics, D("2024-05-28"))->metric, "entered_relationship");
  plan.metric = "rung:fans";
  EXPECT_EQ(RequestForPlan(plan, metrics, D("2024-05-28")).status().code(), StatusCode::kNotFound);
}

// Ten posts tagged "short" with 10 likes each, ten tagged "story" with 20;
// later, 2 of short's 10 people donate 5 and 15, 5 of story's 20 give 10-50.
Metrics VariantMetrics() {
  engine::EventTableBuilder builder;
  const Day first = D("2024-05-01");
  auto add = [&](Day day, int second, const std::string& person, const std::string& kind, const std::string& content,
                 std::optional<double> value, const std::string& tags) {
    Event e{Timestamp{int64_t{day} * 86'400'000'000 + int64_t{second} * 1'000'000},
            "mastodon",
            person,
            kind,
            content,
            value,
            tags};
    EXPECT_TRUE(builder.Add(e.view()).ok());
  };
  for (int post = 0; post < 10; ++post) {
    for (const auto& [tag, likes] : {std::pair<std::string, int>{"short", 10}, {"story", 20}}) {
      for (int i = 0; i < likes; ++i)
        add(first + post, i, tag + "-p" + std::to_string(i), "like", tag + std::to_string(post), std::nullopt,
            tag + ";rivers");
    }
  }
  for (int i = 0; i < 2; ++i) add(first + 12, i, "short-p" + std::to_string(i), "donation", "", 5 + 10 * i, "short");
  for (int i = 0; i < 5; ++i) add(first + 12, i, "story-p" + std::to_string(i), "donation", "", 10 + 10 * i, "story");
  return WithDefaultMetrics(std::move(builder));
}

TEST(MetricEvaluationTest, VariantsAreComparedPerContent) {
  Metrics metrics = VariantMetrics();
  auto c = CompareVariants(metrics, "engagements", "short", "story", D("2024-05-01"), D("2024-05-14"));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->a.exposure, 10);
  EXPECT_EQ(c->b.exposure, 10);
  EXPECT_DOUBLE_EQ(c->a.total, 100);
  EXPECT_DOUBLE_EQ(c->b.total, 200);
  EXPECT_NEAR(c->rate.rate_ratio, 2.0, 1e-9);
  EXPECT_LT(c->rate.p_value, 0.001);
  EXPECT_GT(c->bayes.prob_b_beats_a, 0.99);
  EXPECT_NE(c->headline.find("story"), std::string::npos);
  // Donations count as both reach and action, so 2 of 10 and 5 of 20 acted.
  EXPECT_EQ(c->converted_a.successes, 2);
  EXPECT_EQ(c->converted_a.trials, 10);
  EXPECT_EQ(c->converted_b.successes, 5);
  EXPECT_EQ(c->converted_b.trials, 20);
  ASSERT_TRUE(c->conversion.has_value());
  EXPECT_GT(c->conversion->prob_b_beats_a, 0.5);
  ASSERT_TRUE(c->amount_difference.has_value());
  EXPECT_NEAR(c->amount_difference->effect, 30.0 - 10.0, 1e-9);  // mean gift 30 vs 10
  ASSERT_TRUE(c->amount_lift.has_value());
  EXPECT_NEAR(c->amount_lift->effect, 2.0, 1e-9);  // +200%
  EXPECT_NE(c->headline.find("took an action"), std::string::npos);
}

// Ten people like each variant's posts; later 3 of short's and 1 of story's
// RSVP to a meeting (a custom kind, untagged).
Metrics RsvpMetrics(std::string_view ladder_toml) {
  engine::EventTableBuilder builder;
  const Day first = D("2024-05-01");
  auto add = [&](Day day, const std::string& person, const std::string& kind, const std::string& content,
                 const std::string& tags) {
    Event e{Timestamp{int64_t{day} * 86'400'000'000}, "mastodon", person, kind, content, std::nullopt, tags};
    EXPECT_TRUE(builder.Add(e.view()).ok());
  };
  for (const std::string tag : {"short", "story"}) {
    for (int i = 0; i < 10; ++i) add(first, tag + "-p" + std::to_string(i), "like", tag + "-post", tag);
  }
  for (const std::string person : {"short-p0", "short-p1", "short-p2", "story-p0"})
    add(first + 3, person, "rsvp", "", "");
  return WithDefaultMetrics(std::move(builder), ladder_toml);
}

// "Converted" means reaching the kinds of the workspace's top rung, as its
// ladder.toml names them, not a built-in list.
TEST(MetricEvaluationTest, VariantConversionsFollowTheLaddersActionRung) {
  const std::string custom = R"(
[[rung]]
name = "action"
  [[rung.rule]]
  kinds = ["rsvp", "donation"]
[[rung]]
name = "engagement"
  [[rung.rule]]
  kinds = ["like"]
)";
  Metrics metrics = RsvpMetrics(custom);
  EXPECT_EQ(metrics.ActionKinds(), (std::vector<std::string>{"rsvp", "donation"}));
  auto c = CompareVariants(metrics, "engagements", "short", "story", D("2024-05-01"), D("2024-05-14"));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->converted_a.successes, 3);
  EXPECT_EQ(c->converted_a.trials, 10);
  EXPECT_EQ(c->converted_b.successes, 1);

  auto by_default = CompareVariants(RsvpMetrics(ladder::DefaultLadderToml()), "engagements", "short", "story",
                                    D("2024-05-01"), D("2024-05-14"));
  ASSERT_TRUE(by_default.ok()) << by_default.status().message();
  EXPECT_EQ(by_default->converted_a.successes, 0) << "the default action rung has no rsvp";
}

TEST(MetricEvaluationTest, VariantsNeedACountMetricAndTaggedContent) {
  Metrics metrics = VariantMetrics();
  EXPECT_EQ(
      CompareVariants(metrics, "donation_amount", "short", "story", D("2024-05-01"), D("2024-05-14")).status().code(),
      StatusCode::kFailedPrecondition);
  auto missing = CompareVariants(metrics, "engagements", "short", "video", D("2024-05-01"), D("2024-05-14"));
  EXPECT_NE(missing.status().message().find("no content carried the variant tag 'video'"), std::string::npos);
}

TEST(MetricEvaluationTest, KnowsWhichMetricsCountEvents) {
  Metrics metrics = MakeMetrics(1, 1);
  EXPECT_TRUE(MetricCountsEvents(metrics, "engagements"));
  EXPECT_TRUE(MetricCountsEvents(metrics, "entered_relationship"));
  EXPECT_FALSE(MetricCountsEvents(metrics, "donation_amount"));
  EXPECT_FALSE(MetricCountsEvents(metrics, "engagement_to_relationship_30d"));
}

TEST(MetricEvaluationTest, PlanningAidUsesThePlansMetricAndLift) {
  Metrics metrics = MakeMetrics(20, 20);
  Plan plan;
  plan.metric = "metric:engagements";
  plan.expected_lift = 50;
  auto big_lift = DaysToDetectForPlan(plan, metrics, D("2024-05-28"), 28);
  plan.expected_lift = 0;  // the 20% default
  auto default_lift = DaysToDetectForPlan(plan, metrics, D("2024-05-28"), 28);
  ASSERT_TRUE(big_lift.ok()) << big_lift.status().message();
  ASSERT_TRUE(default_lift.ok()) << default_lift.status().message();
  EXPECT_LT(*big_lift, *default_lift);
  plan.metric = "metric:nope";
  EXPECT_EQ(DaysToDetectForPlan(plan, metrics, D("2024-05-28"), 28).status().code(), StatusCode::kNotFound);
}

TEST(MetricEvaluationTest, DaysToDetectFromHistory) {
  Metrics metrics = MakeMetrics(20, 20);
  auto small = DaysToDetectForMetric(metrics, "engagements", 0.5, D("2024-05-28"), 28);
  auto tiny = DaysToDetectForMetric(metrics, "engagements", 0.25, D("2024-05-28"), 28);
  ASSERT_TRUE(small.ok()) << small.status().message();
  ASSERT_TRUE(tiny.ok()) << tiny.status().message();
  EXPECT_GT(*tiny, *small);
  // 20 a day for 28 days cannot show +10%: the baseline itself is too short.
  EXPECT_FALSE(DaysToDetectForMetric(metrics, "engagements", 0.1, D("2024-05-28"), 28).ok());
}

}  // namespace
}  // namespace learnloop
