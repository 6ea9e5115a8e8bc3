#include <fmt/format.h>

#include <algorithm>

#include "learnloop/loop.h"
#include "loop/validate.h"

namespace learnloop {

MetricReader::MetricReader(std::optional<Ladder> ladder, NamedSeries named)
    : ladder_(std::move(ladder)), named_(std::move(named)) {}

Result<double> MetricReader::Read(std::string_view metric, Day from, Day to) const {
  const std::string rung = loop::RungOfMetric(metric);
  if (!rung.empty()) {
    if (!ladder_) return FailedPrecondition("the ladder is not loaded");
    for (const RungCount& count : ladder_->CountsAsOf(to).rungs)
      if (count.name == rung) return static_cast<double>(count.people);
    return NotFound(fmt::format("metric '{}': the ladder has no rung '{}'", metric, rung));
  }
  if (!named_) return FailedPrecondition(fmt::format("metric '{}': named metrics are not available yet", metric));
  constexpr std::string_view kPrefix = "metric:";
  std::string_view name = metric.substr(0, kPrefix.size()) == kPrefix ? metric.substr(kPrefix.size()) : metric;
  LL_ASSIGN_OR_RETURN(auto values, named_(name, from, to));
  double sum = 0;
  int64_t days = 0;
  for (const std::optional<double>& v : values) {
    if (!v) continue;
    sum += *v;
    ++days;
  }
  if (days == 0)
    return FailedPrecondition(
        fmt::format("metric '{}' has no value from {} to {}", metric, FormatDate(from), FormatDate(to)));
  return sum / static_cast<double>(days);
}

InterimReading ReadPlan(const Plan& plan, const MetricReader& reader, Day today) {
  InterimReading reading;
  if (!plan.start || !plan.baseline_from || !plan.baseline_to || *plan.start > today) {
    reading.note = "reading not available yet: the plan has not started";
    return reading;
  }
  auto baseline = reader.Read(plan.metric, *plan.baseline_from, *plan.baseline_to);
  auto current = reader.Read(plan.metric, *plan.start, std::min(today, plan.end()));
  if (!baseline.ok() || !current.ok()) {
    reading.note = "reading not available yet: " + (baseline.ok() ? current.status() : baseline.status()).message();
    return reading;
  }
  reading.baseline = *baseline;
  reading.current = *current;
  return reading;
}

GoalProgress ReadGoal(const Goal& goal, const MetricReader& reader, Day today) {
  GoalProgress progress;
  const Day now_day = std::min(today, goal.deadline);
  auto at_start = reader.Read(goal.metric, goal.start, goal.start);
  auto now = reader.Read(goal.metric, now_day, now_day);
  if (!at_start.ok() || !now.ok()) {
    progress.note = "progress not available yet: " + (at_start.ok() ? now.status() : at_start.status()).message();
    return progress;
  }
  progress.at_start = *at_start;
  progress.now = *now;
  progress.target_value = goal.target_kind == TargetKind::kMore ? *at_start + goal.target : goal.target;
  const double distance = progress.target_value - *at_start;
  progress.share = distance <= 0 ? (*now >= progress.target_value ? 1.0 : 0.0) : (*now - *at_start) / distance;
  return progress;
}

}  // namespace learnloop
