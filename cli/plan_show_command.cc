// Reading plans: `plan show`, `plan list` and `plan tactics`.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plan_commands.h"

namespace learnloop::cli {

std::string PlanTable(const std::vector<Plan>& plans) {
  std::vector<std::vector<std::string>> rows = {{"plan", "title", "state", "step", "metric", "dates", "loop"}};
  for (const Plan& p : plans)
    rows.push_back({std::to_string(p.id), p.title, std::string(PlanStateName(p.state)), StepText(p), p.metric,
                    p.start ? fmt::format("{} - {}", FormatDate(*p.start), FormatDate(p.end())) : "-",
                    std::to_string(p.loop_number)});
  return FormatTable(rows);
}

namespace {

std::string ChainText(const std::vector<Plan>& chain, int64_t current) {
  std::vector<std::string> links;
  links.reserve(chain.size());
  for (const Plan& p : chain)
    links.push_back(fmt::format("{}loop {} (plan {}, {}){}", p.id == current ? "[" : "", p.loop_number, p.id,
                                PlanStateName(p.state), p.id == current ? "]" : ""));
  return fmt::format("{}", fmt::join(links, " -> "));
}

void PrintPlanFields(std::ostream& out, const Plan& p) {
  out << fmt::format("Plan {}: {}\n  state       {}\n  goal        {}\n  hypothesis  {}\n  step        {}\n", p.id,
                     p.title, PlanStateName(p.state), p.goal_id, p.hypothesis, StepText(p));
  out << fmt::format("  metric      {}{}\n", p.metric,
                     p.guardrails.empty() ? "" : fmt::format(" (guardrails: {})", fmt::join(p.guardrails, ", ")));
  if (!p.variants.empty()) out << fmt::format("  variants    {}\n", fmt::join(p.variants, ", "));
  out << fmt::format("  timebox     {} days{}; effort {}; expected lift {}%; owner {}\n", p.timebox_days,
                     p.long_reason.empty() ? "" : " (long: " + p.long_reason + ")", EffortName(p.effort),
                     p.expected_lift, p.owner.empty() ? "-" : p.owner);
  if (p.start)
    out << fmt::format("  runs        {} to {}; baseline {} to {}\n", FormatDate(*p.start), FormatDate(p.end()),
                       DayText(p.baseline_from), DayText(p.baseline_to));
  if (p.verdict != ReviewVerdict::kNone)
    out << fmt::format("  verdict     {} (reviewed {})\n", ReviewVerdictName(p.verdict), DayText(p.reviewed_on));
  if (p.decision != Decision::kNone)
    out << fmt::format("  decision    {} on {}: {}\n", DecisionName(p.decision), DayText(p.decided_on),
                       p.decision_reason);
}

void PrintPlan(std::ostream& out, const app::PlanDetail& d, bool history) {
  PrintPlanFields(out, d.plan);
  out << "  lineage     " << ChainText(d.lineage, d.plan.id) << "\n";
  for (const CheckIn& c : d.checkins)
    out << fmt::format("  check-in {}  done: {} | next: {} | blocked: {}\n", FormatDate(c.day), c.done, c.next,
                       c.blocked);
  if (d.reflection)
    out << fmt::format(
        "  reflection  expected: {}\n              happened: {}\n              why: {}\n"
        "              learned: {}\n              tags: {}\n",
        d.reflection->expected, d.reflection->happened, d.reflection->why, d.reflection->learned,
        fmt::join(d.reflection->tags, ", "));
  if (!history) return;
  for (const HistoryEntry& e : d.history)
    out << fmt::format("  {} {} {}: '{}' -> '{}'\n", FormatRfc3339(e.at), e.actor, e.field, e.old_value, e.new_value);
}

struct PlanShowFlags {
  LoopFlags loop;
  std::string id;
  bool history = false;
};

Status RunShow(CliContext& ctx, PlanShowFlags& flags) {
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::PlanDetail detail, app::ShowPlan(call.ws, call.caller, id));
  return PrintResult(ctx, detail,
                     [&flags](const CliContext& c, const app::PlanDetail& d) { PrintPlan(*c.out, d, flags.history); });
}

struct ReadFlags {
  LoopFlags loop;
};

Status RunList(CliContext& ctx, ReadFlags& flags) {
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::PlanList list, app::ListPlans(call.ws, call.caller));
  return PrintResult(ctx, list, [](const CliContext& c, const app::PlanList& l) {
    *c.out << (l.plans.empty() ? "No plans yet: learnloop plan add --help\n" : PlanTable(l.plans));
  });
}

Status RunTactics(CliContext& ctx, ReadFlags& flags) {
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::TacticList list, app::ListTactics(call.ws, call.caller));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(list));
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows = {{"tactic", "title", "metric", "step", "days", "effort"}};
  for (const Tactic& t : list.tactics)
    rows.push_back(
        {t.name, t.title, t.metric, t.step, std::to_string(t.timebox_days), std::string(EffortName(t.effort))});
  PrintText(*ctx.out, FormatTable(rows) + fmt::format("Edit them in {}\n", EscapeForTerminal(list.file.string())));
  return Status::Ok();
}

}  // namespace

void AddPlanShow(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<PlanShowFlags>();
  CLI::App* cmd = AddLoopCommand(plan, ctx, flags, "show", "A plan, its lineage, check-ins and reflection", RunShow);
  AddPlanId(*cmd, flags->id);
  cmd->add_flag("--history", flags->history, "Also print every change with who made it");
}

void AddPlanList(CLI::App& plan, CliContext& ctx) {
  AddLoopCommand(plan, ctx, std::make_shared<ReadFlags>(), "list", "Every plan", RunList);
}

void AddPlanTactics(CLI::App& plan, CliContext& ctx) {
  AddLoopCommand(plan, ctx, std::make_shared<ReadFlags>(), "tactics", "The tactics library (plan templates)",
                 RunTactics);
}

}  // namespace learnloop::cli
