#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "learnloop/loop.h"

namespace learnloop {
namespace {

constexpr Day kRecentDays = 30;

double EffortPoints(Effort effort) {
  switch (effort) {
    case Effort::kSmall:
      return 1;
    case Effort::kMedium:
      return 2;
    case Effort::kLarge:
      return 4;
  }
  return 2;
}

bool InPortfolio(const Plan& plan, Day today) {
  switch (plan.state) {
    case PlanState::kPlanned:
    case PlanState::kRunning:
      return true;
    case PlanState::kReviewing:
      return plan.end() >= today - kRecentDays;
    case PlanState::kDecided:
      return *plan.decided_on >= today - kRecentDays;
    case PlanState::kIdea:
      return false;
  }
  return false;
}

std::string StepName(const Plan& plan) {
  return plan.step_from == plan.step_to ? plan.step_to : plan.step_from + " -> " + plan.step_to;
}

void Add(std::vector<PortfolioGroup>& groups, const std::string& key, double value) {
  auto it = std::find_if(groups.begin(), groups.end(), [&](const PortfolioGroup& g) { return g.key == key; });
  if (it == groups.end()) it = groups.insert(groups.end(), PortfolioGroup{key, 0, 0});
  ++it->plans;
  it->expected_value += value;
}

std::vector<std::string> Warnings(const std::vector<Plan>& plans, const std::vector<std::string>& rungs) {
  std::vector<std::string> warnings;
  if (plans.empty() || rungs.empty()) return warnings;
  const std::string& bottom = rungs.back();
  const auto at_bottom = std::count_if(plans.begin(), plans.end(), [&](const Plan& p) { return p.step_to == bottom; });
  if (2 * at_bottom > static_cast<int64_t>(plans.size()))
    warnings.push_back(
        fmt::format("{} of {} plans aim only at the bottom rung ({}): low-hanging fruit; plan a "
                    "step further up the ladder too",
                    at_bottom, plans.size(), bottom));
  const size_t top_count = std::min<size_t>(2, rungs.size());
  const std::vector<std::string> top(rungs.begin(), rungs.begin() + static_cast<std::ptrdiff_t>(top_count));
  const bool any_top = std::any_of(plans.begin(), plans.end(), [&](const Plan& p) {
    return std::find(top.begin(), top.end(), p.step_to) != top.end();
  });
  if (!any_top)
    warnings.push_back(
        fmt::format("no plan aims at {}: the rungs where people talk with you and act", fmt::join(top, " or ")));
  return warnings;
}

}  // namespace

double ExpectedValue(const Plan& plan, const std::vector<std::string>& rung_names) {
  auto at = std::find(rung_names.begin(), rung_names.end(), plan.step_to);
  const double weight = at == rung_names.end() ? 1.0 : static_cast<double>(rung_names.end() - at);
  return plan.expected_lift * weight / EffortPoints(plan.effort);
}

Portfolio BuildPortfolio(const std::vector<Plan>& plans, const std::vector<std::string>& rung_names, Day today) {
  Portfolio portfolio;
  for (const Plan& plan : plans)
    if (InPortfolio(plan, today)) portfolio.plans.push_back(plan);
  std::stable_sort(portfolio.plans.begin(), portfolio.plans.end(), [&](const Plan& a, const Plan& b) {
    return ExpectedValue(a, rung_names) > ExpectedValue(b, rung_names);
  });
  // Steps bottom of the ladder first, efforts S, M, L, whatever the plan order.
  for (auto rung = rung_names.rbegin(); rung != rung_names.rend(); ++rung)
    for (const Plan& plan : portfolio.plans)
      if (plan.step_to == *rung) Add(portfolio.by_step, StepName(plan), ExpectedValue(plan, rung_names));
  for (Effort effort : {Effort::kSmall, Effort::kMedium, Effort::kLarge})
    for (const Plan& plan : portfolio.plans)
      if (plan.effort == effort)
        Add(portfolio.by_effort, std::string(EffortName(effort)), ExpectedValue(plan, rung_names));
  portfolio.warnings = Warnings(portfolio.plans, rung_names);
  return portfolio;
}

}  // namespace learnloop
