// `learnloop plans`: the plan board by goal, or --portfolio for the balance.
#include <fmt/format.h>

#include "plan_commands.h"

namespace learnloop::cli {
namespace {

std::string GroupsText(std::string_view title, const std::vector<PortfolioGroup>& groups) {
  std::vector<std::vector<std::string>> rows = {{std::string(title), "plans", "expected value"}};
  for (const PortfolioGroup& g : groups)
    rows.push_back({g.key, std::to_string(g.plans), fmt::format("{:.1f}", g.expected_value)});
  return FormatTable(rows);
}

void PrintPortfolio(const CliContext& ctx, const app::PortfolioReport& p) {
  std::vector<std::vector<std::string>> rows = {{"plan", "title", "state", "step", "effort", "lift %", "value"}};
  for (const auto& [plan, value] : p.plans)
    rows.push_back({std::to_string(plan.id), plan.title, std::string(PlanStateName(plan.state)), StepText(plan),
                    std::string(EffortName(plan.effort)), fmt::format("{}", plan.expected_lift),
                    fmt::format("{:.1f}", value)});
  std::string text = "Portfolio: planned, running and recent plans (value = lift % x rung weight / effort points)\n" +
                     FormatTable(rows) + "\n" + GroupsText("by step", p.by_step) + "\n" +
                     GroupsText("by effort", p.by_effort);
  for (const std::string& w : p.warnings) text += "warning: " + w + "\n";
  PrintText(*ctx.out, text);
}

void PrintBoard(const CliContext& ctx, const app::PlanBoard& board) {
  for (const auto& [g, plans] : board.goals)
    PrintText(*ctx.out, fmt::format("Goal {}: {} ({} by {})\n{}\n", g.id, g.title, g.metric, FormatDate(g.deadline),
                                    plans.empty() ? "  no plans yet\n" : PlanTable(plans)));
  if (board.goals.empty()) *ctx.out << "No goals yet: every plan serves a goal; see `learnloop goal add`\n";
}

struct PlansFlags {
  LoopFlags loop;
  bool portfolio = false;
};

Status RunPlans(CliContext& ctx, PlansFlags& flags) {
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  if (flags.portfolio) {
    LL_ASSIGN_OR_RETURN(app::PortfolioReport portfolio, app::ReadPortfolio(call.ws, call.caller));
    return PrintResult(ctx, portfolio, PrintPortfolio);
  }
  LL_ASSIGN_OR_RETURN(app::PlanBoard board, app::ReadPlanBoard(call.ws, call.caller));
  return PrintResult(ctx, board, PrintBoard);
}

void RegisterPlans(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<PlansFlags>();
  CLI::App* cmd = AddLoopCommand(app, ctx, flags, "plans",
                                 "The plan board, grouped by goal; --portfolio for the balance", RunPlans);
  cmd->add_flag("--portfolio", flags->portfolio, "By ladder step, effort and expected value, with warnings");
}

const CommandRegistrar kRegistrar(65, RegisterPlans);

}  // namespace
}  // namespace learnloop::cli
