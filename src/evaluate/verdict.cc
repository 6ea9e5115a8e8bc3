#include "evaluate/verdict.h"

#include <fmt/format.h>

#include <cmath>

namespace learnloop::evaluate {
namespace {

// Past tense agrees with singular and plural metric names alike.
std::string Moved(double ratio) {
  return fmt::format("{} by about {}%", ratio >= 1 ? "rose" : "fell", std::lround(100 * std::abs(ratio - 1)));
}

std::string Range(const Evaluation& e) {
  return fmt::format("likely somewhere between {} and {}", FormatPercent(e.always_valid_low),
                     FormatPercent(e.always_valid_high));
}

std::string Headline(const Evaluation& e, const EvaluationOptions& options) {
  const std::string& metric = options.metric_name;
  switch (e.verdict) {
    case EvaluationVerdict::kWin:
      return fmt::format("It worked: {} {} ({}).", metric, Moved(e.ratio), Range(e));
    case EvaluationVerdict::kLoss:
      return fmt::format("It backfired: {} {} ({}).", metric, Moved(e.ratio), Range(e));
    case EvaluationVerdict::kInconclusive:
      if (options.is_final) {
        return fmt::format("No clear effect: {} {}, which could be chance ({}).", metric, Moved(e.ratio), Range(e));
      }
      return fmt::format("Too early to tell: so far {} {}, which could still be chance.", metric, Moved(e.ratio));
    case EvaluationVerdict::kGuardrailBreached:
      break;
  }
  std::string names;
  for (const GuardrailReading& g : e.guardrails) {
    if (!g.breached) continue;
    names += (names.empty() ? "" : ", ") + fmt::format("{} ({})", g.name, FormatPercent(g.ratio));
  }
  return fmt::format("Stop and check: a limit you set was crossed by {}.", names);
}

std::string Basis(const Evaluation& e, bool comparison) {
  std::string basis = fmt::format("Compared with the {} days before the plan", e.details.baseline_days);
  if (e.details.weekday_terms) basis += ", allowing for the usual weekday pattern";
  if (comparison) basis += ", and with a metric the plan did not touch";
  return basis + ",";
}

std::string Chances(const Evaluation& e, const EvaluationOptions& options) {
  const double better = options.higher_is_better ? e.prob_positive : 1 - e.prob_positive;
  return fmt::format(" the chance that this is an improvement is {}, and that it reached the hoped-for {} {}.",
                     Chance(better), FormatPercent(1 + options.expected_lift), Chance(e.prob_reaches_expected));
}

std::string Outlook(const Evaluation& e) {
  if (e.verdict != EvaluationVerdict::kInconclusive) return "";
  if (!e.more_days_needed)
    return " Even twice the planned days would probably not settle it: any effect is likely small.";
  return fmt::format(" About {} more day{} would likely settle it.", *e.more_days_needed,
                     *e.more_days_needed == 1 ? "" : "s");
}

}  // namespace

EvaluationVerdict DecideVerdict(double av_low, double av_high, bool higher_is_better) {
  if (av_low > 0) return higher_is_better ? EvaluationVerdict::kWin : EvaluationVerdict::kLoss;
  if (av_high < 0) return higher_is_better ? EvaluationVerdict::kLoss : EvaluationVerdict::kWin;
  return EvaluationVerdict::kInconclusive;
}

bool GuardrailBreached(double av_low, double av_high, bool higher_is_better, double tolerance) {
  if (higher_is_better) return tolerance < 1 && av_high < std::log(1 - tolerance);
  return av_low > std::log1p(tolerance);
}

void WriteSentences(Evaluation& evaluation, const EvaluationOptions& options, bool comparison) {
  evaluation.headline = Headline(evaluation, options);
  evaluation.explanation = Basis(evaluation, comparison) + Chances(evaluation, options) + Outlook(evaluation);
}

std::string FormatPercent(double ratio) {
  const long percent = std::lround(100 * (ratio - 1));
  return percent > 0 ? fmt::format("+{}%", percent) : fmt::format("{}%", percent);
}

std::string Chance(double p) {
  if (p > 0.99) return "over 99%";
  if (p < 0.01) return "under 1%";
  return fmt::format("about {:.0f}%", 100 * p);
}

}  // namespace learnloop::evaluate
