#include "learnloop/app/evaluate.h"
#include "learnloop/app/input.h"

namespace learnloop::json {
namespace {

Json IntervalJson(double low, double high) { return Json::array({low, high}); }

Json GuardrailsJson(const std::vector<GuardrailReading>& readings) {
  Json guardrails = Json::array();
  for (const GuardrailReading& g : readings)
    guardrails.push_back({{"name", g.name},
                          {"breached", g.breached},
                          {"ratio", g.ratio},
                          {"always_valid_interval", IntervalJson(g.always_valid_low, g.always_valid_high)}});
  return guardrails;
}

Json DetailsJson(const EvaluationDetails& d) {
  return {{"model", d.model},
          {"log_effect", d.log_effect},
          {"log_effect_se", d.log_effect_se},
          {"df", d.df},
          {"dispersion", d.dispersion},
          {"weekday_terms", d.weekday_terms},
          {"baseline_days", d.baseline_days},
          {"window_days", d.window_days},
          {"days_left_out", d.days_left_out},
          {"baseline_per_day", d.baseline_per_day},
          {"window_per_day", d.window_per_day},
          {"notes", d.notes}};
}

Json MeanJson(const std::optional<MeanTestResult>& m) {
  if (!m) return nullptr;
  return {{"effect", m->effect}, {"ci", IntervalJson(m->ci_low, m->ci_high)}, {"p_value", m->p_value}};
}

Json ConversionJson(const VariantComparison& c) {
  Json out = {{"a", {{"acted", c.converted_a.successes}, {"reached", c.converted_a.trials}}},
              {"b", {{"acted", c.converted_b.successes}, {"reached", c.converted_b.trials}}}};
  out["prob_b_beats_a"] = c.conversion ? Json(c.conversion->prob_b_beats_a) : Json(nullptr);
  return out;
}

Json VariantsJson(const app::VariantOutcome& v) {
  if (!v.comparison) return v.why_not.empty() ? Json(nullptr) : Json({{"why_not", v.why_not}});
  const VariantComparison& c = *v.comparison;
  auto side = [](const VariantReading& r) {
    return Json{{"tag", r.tag}, {"total", r.total}, {"exposure", r.exposure}};
  };
  return {{"a", side(c.a)},
          {"b", side(c.b)},
          {"rate_ratio", c.rate.rate_ratio},
          {"ci", IntervalJson(c.rate.ci_low, c.rate.ci_high)},
          {"p_value", c.rate.p_value},
          {"prob_b_beats_a", c.bayes.prob_b_beats_a},
          {"expected_loss_a", c.bayes.expected_loss_a},
          {"expected_loss_b", c.bayes.expected_loss_b},
          {"conversion", ConversionJson(c)},
          {"amount_difference", MeanJson(c.amount_difference)},
          {"amount_lift", MeanJson(c.amount_lift)},
          {"headline", c.headline}};
}

}  // namespace

Json ToJson(const app::EvaluationReport& report) {
  const Evaluation& e = report.evaluation;
  const PeriodEvaluationRequest& r = report.request;
  Json doc = {{"metric", r.metric},
              {"baseline", {FormatDate(r.baseline_from), FormatDate(r.baseline_to)}},
              {"window", {FormatDate(r.window_from), FormatDate(r.window_to)}},
              {"final", report.final()},
              {"verdict", EvaluationVerdictName(e.verdict)},
              {"headline", e.headline},
              {"explanation", e.explanation},
              {"ratio", e.ratio},
              {"percent_change", e.percent_change},
              {"ci", IntervalJson(e.ci_low, e.ci_high)},
              {"always_valid_interval", IntervalJson(e.always_valid_low, e.always_valid_high)},
              {"prob_positive", e.prob_positive},
              {"prob_reaches_expected", e.prob_reaches_expected},
              {"abs_diff_per_day", e.abs_diff_per_day},
              {"more_days_needed", e.more_days_needed ? Json(*e.more_days_needed) : Json(nullptr)},
              {"guardrails", GuardrailsJson(e.guardrails)},
              {"details", DetailsJson(e.details)},
              {"variants", VariantsJson(report.variants)}};
  if (!report.group.empty()) doc["group"] = GroupJson(report.group);
  return doc;
}

}  // namespace learnloop::json
