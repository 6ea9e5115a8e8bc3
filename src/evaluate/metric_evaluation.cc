#include "learnloop/metric_evaluation.h"

#include <fmt/format.h>

#include <algorithm>

#include "evaluate/verdict.h"

namespace learnloop {
namespace {

Result<DaySeries> ReadSeries(const Metrics& metrics, const std::string& name, Day from, Day to) {
  LL_ASSIGN_OR_RETURN(MetricSeries series, metrics.Series(name, from, to));
  return DaySeries{series.from, std::move(series.values)};
}

bool AllZeroOrMissing(const DaySeries& series) {
  return std::all_of(series.values.begin(), series.values.end(),
                     [](const std::optional<double>& v) { return !v || *v == 0; });
}

Status CheckPeriods(const PeriodEvaluationRequest& r) {
  if (r.baseline_from > r.baseline_to)
    return InvalidArgument(
        fmt::format("--baseline {}..{} ends before it starts", FormatDate(r.baseline_from), FormatDate(r.baseline_to)));
  if (r.window_from > r.window_to)
    return InvalidArgument(
        fmt::format("--window {}..{} ends before it starts", FormatDate(r.window_from), FormatDate(r.window_to)));
  if (r.baseline_to >= r.window_from)
    return InvalidArgument(fmt::format("the baseline ({}..{}) must end before the window starts ({})",
                                       FormatDate(r.baseline_from), FormatDate(r.baseline_to),
                                       FormatDate(r.window_from)));
  if (r.window_from > r.today)
    return InvalidArgument(fmt::format("the window starts on {}, after today ({}): nothing to evaluate yet",
                                       FormatDate(r.window_from), FormatDate(r.today)));
  return Status::Ok();
}

Result<EvaluationInput> ReadInput(const Metrics& metrics, const std::string& metric,
                                  const std::optional<std::string>& compare, const PeriodEvaluationRequest& r) {
  const Day window_end = std::min(r.window_to, r.today);
  EvaluationInput input;
  LL_ASSIGN_OR_RETURN(input.baseline, ReadSeries(metrics, metric, r.baseline_from, r.baseline_to));
  LL_ASSIGN_OR_RETURN(input.window, ReadSeries(metrics, metric, r.window_from, window_end));
  if (compare) {
    LL_ASSIGN_OR_RETURN(input.comparison, ReadSeries(metrics, *compare, r.baseline_from, window_end));
  }
  return input;
}

bool IsDeclared(const Metrics& metrics, std::string_view name) {
  return std::any_of(metrics.List().begin(), metrics.List().end(),
                     [&](const MetricInfo& info) { return info.name == name; });
}

// A rung is a level, not a daily flow; the flow that moves it is the number
// of people entering it each day (the default metrics declare entered_X).
Result<std::string> SeriesNameOf(const Metrics& metrics, std::string_view metric) {
  constexpr std::string_view kRung = "rung:";
  constexpr std::string_view kMetric = "metric:";
  std::string name(metric);
  if (metric.substr(0, kRung.size()) == kRung) {
    name = fmt::format("entered_{}", metric.substr(kRung.size()));
  } else if (metric.substr(0, kMetric.size()) == kMetric) {
    name = std::string(metric.substr(kMetric.size()));
  }
  if (!IsDeclared(metrics, name))
    return NotFound(fmt::format("metric '{}' is read as '{}', which metrics.toml does not declare", metric, name));
  return name;
}

}  // namespace

Result<PeriodEvaluationRequest> RequestForPlan(const Plan& plan, const Metrics& metrics, Day today) {
  if (!plan.start) return FailedPrecondition(fmt::format("plan {} has not started", plan.id));
  PeriodEvaluationRequest r;
  LL_ASSIGN_OR_RETURN(r.metric, SeriesNameOf(metrics, plan.metric));
  r.window_from = *plan.start;
  r.window_to = plan.end();
  r.baseline_to = plan.baseline_to.value_or(r.window_from - 1);
  r.baseline_from = plan.baseline_from.value_or(r.baseline_to - plan.timebox_days + 1);
  r.today = today;
  for (const std::string& guardrail : plan.guardrails) {
    LL_ASSIGN_OR_RETURN(std::string name, SeriesNameOf(metrics, guardrail));
    r.guardrails.push_back(std::move(name));
  }
  if (plan.expected_lift != 0) r.expected_lift = plan.expected_lift / 100;
  return r;
}

Result<int> DaysToDetectForPlan(const Plan& plan, const Metrics& metrics, Day today, int history_days) {
  LL_ASSIGN_OR_RETURN(std::string name, SeriesNameOf(metrics, plan.metric));
  const double lift = plan.expected_lift != 0 ? plan.expected_lift / 100 : 0.2;
  return DaysToDetectForMetric(metrics, name, lift, today, history_days);
}

bool MetricCountsEvents(const Metrics& metrics, const std::string& metric) {
  for (const MetricInfo& info : metrics.List()) {
    if (info.name == metric) return info.type == "count" || info.type == "people" || info.type == "rung_entries";
  }
  return false;
}

Result<Evaluation> EvaluateMetricPeriods(const Metrics& metrics, const PeriodEvaluationRequest& request) {
  LL_RETURN_IF_ERROR(CheckPeriods(request));
  LL_ASSIGN_OR_RETURN(EvaluationInput primary, ReadInput(metrics, request.metric, request.compare, request));
  std::vector<GuardrailInput> guardrails;
  std::vector<std::string> unread;
  for (const std::string& name : request.guardrails) {
    GuardrailInput guardrail;
    guardrail.name = name;
    guardrail.counts = MetricCountsEvents(metrics, name);
    LL_ASSIGN_OR_RETURN(guardrail.data, ReadInput(metrics, name, std::nullopt, request));
    // A guardrail that never moved before the plan has no level to compare
    // with; it is reported as unread instead of failing the whole reading.
    if (AllZeroOrMissing(guardrail.data.baseline)) {
      unread.push_back(name);
      continue;
    }
    guardrails.push_back(std::move(guardrail));
  }
  EvaluationOptions options;
  options.metric_name = request.metric;
  options.expected_lift = request.expected_lift;
  options.higher_is_better = request.higher_is_better;
  options.is_final = request.today >= request.window_to;
  options.planned_days = request.window_to - request.window_from + 1;
  options.counts = MetricCountsEvents(metrics, request.metric);
  LL_ASSIGN_OR_RETURN(Evaluation evaluation, EvaluatePlan(primary, guardrails, options));
  for (const std::string& name : unread)
    evaluation.details.notes.push_back(
        fmt::format("guardrail {} was not read: it was zero on every baseline day", name));
  return evaluation;
}

namespace {

Result<VariantReading> ReadVariant(const Metrics& metrics, const std::string& metric, const std::string& tag, Day from,
                                   Day to) {
  VariantReading reading;
  reading.tag = tag;
  LL_ASSIGN_OR_RETURN(MetricSeries series, metrics.SeriesForTag(metric, tag, from, to));
  for (const std::optional<double>& v : series.values) reading.total += v.value_or(0);
  reading.exposure = metrics.ContentsWithTag(tag, from, to);
  if (reading.exposure == 0)
    return FailedPrecondition(
        fmt::format("no content carried the variant tag '{}' from {} to {}", tag, FormatDate(from), FormatDate(to)));
  return reading;
}

// Conversions and amounts are read when the data allow; a variant nobody
// acted on or gave to simply has none.
void AddPeopleComparisons(const Metrics& metrics, Day from, Day to, VariantComparison& c) {
  const Metrics::TagPeople a = metrics.PeopleWithTag(c.a.tag, from, to, metrics.ActionKinds());
  const Metrics::TagPeople b = metrics.PeopleWithTag(c.b.tag, from, to, metrics.ActionKinds());
  c.converted_a = {a.acted, a.reached};
  c.converted_b = {b.acted, b.reached};
  if (a.reached > 0 && b.reached > 0) {
    auto conversion = BetaAb(c.converted_a, c.converted_b);
    if (conversion.ok()) c.conversion = *conversion;
  }
  const MomentSums amounts_a{a.value_sum, a.value_sum_sq, a.valued};
  const MomentSums amounts_b{b.value_sum, b.value_sum_sq, b.valued};
  if (a.valued >= 2 && b.valued >= 2) {
    auto difference = MeanTest(amounts_a, amounts_b, false);
    if (difference.ok()) c.amount_difference = *difference;
    auto lift = MeanTest(amounts_a, amounts_b, true);
    if (lift.ok()) c.amount_lift = *lift;
  }
}

std::string VariantHeadline(const VariantComparison& c) {
  const double rate_a = c.a.total / static_cast<double>(c.a.exposure);
  const double rate_b = c.b.total / static_cast<double>(c.b.exposure);
  std::string text = fmt::format(
      "Variant {} had {:.3g} {} per content against {:.3g} for {}; the chance that {} is really better is {}.", c.b.tag,
      rate_b, c.metric, rate_a, c.a.tag, c.b.tag, evaluate::Chance(c.bayes.prob_b_beats_a));
  if (c.conversion && (c.converted_a.successes > 0 || c.converted_b.successes > 0))
    text += fmt::format(
        " Of the people each reached, {} of {} ({}) and {} of {} ({}) then took an action; the chance {} converts "
        "better is {}.",
        c.converted_a.successes, c.converted_a.trials, c.a.tag, c.converted_b.successes, c.converted_b.trials, c.b.tag,
        c.b.tag, evaluate::Chance(c.conversion->prob_b_beats_a));
  return text;
}

}  // namespace

Result<VariantComparison> CompareVariants(const Metrics& metrics, const std::string& metric, const std::string& tag_a,
                                          const std::string& tag_b, Day from, Day to) {
  if (!MetricCountsEvents(metrics, metric))
    return FailedPrecondition(
        fmt::format("variants are compared on metrics that count events or people; '{}' does not", metric));
  VariantComparison c;
  c.metric = metric;
  LL_ASSIGN_OR_RETURN(c.a, ReadVariant(metrics, metric, tag_a, from, to));
  LL_ASSIGN_OR_RETURN(c.b, ReadVariant(metrics, metric, tag_b, from, to));
  const CountSample a{static_cast<int64_t>(c.a.total), static_cast<double>(c.a.exposure)};
  const CountSample b{static_cast<int64_t>(c.b.total), static_cast<double>(c.b.exposure)};
  LL_ASSIGN_OR_RETURN(c.rate, RateTest(a, b));
  LL_ASSIGN_OR_RETURN(c.bayes, GammaAb(a, b));
  AddPeopleComparisons(metrics, from, to, c);
  c.headline = VariantHeadline(c);
  return c;
}

Result<int> DaysToDetectForMetric(const Metrics& metrics, const std::string& metric, double lift, Day today,
                                  int history_days) {
  LL_ASSIGN_OR_RETURN(DaySeries history, ReadSeries(metrics, metric, today - history_days + 1, today));
  DaysToDetectOptions options;
  options.counts = MetricCountsEvents(metrics, metric);
  return DaysToDetect(history, lift, options);
}

}  // namespace learnloop
