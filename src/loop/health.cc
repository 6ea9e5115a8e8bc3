#include <algorithm>
#include <map>

#include "learnloop/loop.h"

namespace learnloop {
namespace {

constexpr Day kPromptDecisionDays = 7;

std::vector<MonthCount> ToMonths(const std::map<std::string, int64_t>& counts) {
  std::vector<MonthCount> months;
  months.reserve(counts.size());
  for (const auto& [month, count] : counts) months.push_back({month, count});
  return months;
}

std::optional<double> Share(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

LoopHealth ComputeLoopHealth(const std::vector<Plan>& plans, const std::vector<Reflection>& reflections) {
  LoopHealth health;
  std::map<std::string, int64_t> completed;
  std::vector<double> cycles;
  int64_t prompt = 0;
  int64_t with_next = 0;
  for (const Plan& plan : plans) {
    if (plan.verdict == ReviewVerdict::kWin) ++health.wins;
    if (plan.verdict == ReviewVerdict::kLoss) ++health.losses;
    if (plan.verdict == ReviewVerdict::kInconclusive) ++health.inconclusive;
    if (plan.state != PlanState::kDecided || !plan.decided_on || !plan.start) continue;
    ++health.decided;
    ++completed[FormatMonth(*plan.decided_on)];
    cycles.push_back(static_cast<double>(*plan.decided_on - *plan.start));
    if (*plan.decided_on - plan.end() <= kPromptDecisionDays) ++prompt;
    if (plan.next_id) ++with_next;
  }
  health.loops_completed = ToMonths(completed);
  health.median_cycle_days = Median(cycles);
  health.decided_within_7_days = Share(prompt, health.decided);
  health.decisions_with_next_plan = Share(with_next, health.decided);
  std::map<std::string, int64_t> learnings;
  for (const Reflection& r : reflections) ++learnings[FormatMonth(r.day)];
  health.learnings = ToMonths(learnings);
  return health;
}

}  // namespace learnloop
