// `plan add`, `plan edit` and `plan delete`, and what the plan commands
// share (see plan_commands.h).
#include <fmt/format.h>

#include "plan_commands.h"

namespace learnloop::cli {

void AddPlanFieldOptions(CLI::App& c, PlanFieldFlags& flags, std::string* tactic) {
  app::PlanFields& f = flags.fields;
  if (tactic) {
    c.add_option("title", f.title, "What the plan does (default: the tactic's title)");
    c.add_option("--tactic", *tactic, "Pre-fill from a tactic of tactics.toml (see `learnloop plan tactics`)");
  } else {
    c.add_option("--title", f.title, "What the plan does");
  }
  c.add_option("--goal", flags.goal, "The goal the plan serves (required)");
  c.add_option("--hypothesis", f.hypothesis, "\"if we ... then ... because ...\"");
  c.add_option("--metric", f.metric, "Primary metric: rung:NAME or a metric of metrics.toml");
  c.add_option("--step", f.step, "Ladder step, e.g. 'engagement -> relationship' (default: from the metric)");
  c.add_option("--guardrail", f.guardrails, "A metric that must not get worse (repeatable)")->allow_extra_args(false);
  c.add_option("--variant", f.variants, "A content tag of one variant, for A/B (repeatable)")->allow_extra_args(false);
  c.add_option("--timebox", f.timebox_days, "Days the plan runs (default 14; above 21 needs --long)");
  c.add_option("--long", f.long_reason, "Why the plan needs more than 21 days");
  c.add_option("--start", f.start, "Planned start (YYYY-MM-DD); without it the plan is an idea");
  c.add_option("--end", f.end, "Last day, instead of --timebox");
  c.add_option("--baseline-from", f.baseline_from, "Baseline period start (default: the timebox before the start)");
  c.add_option("--baseline-to", f.baseline_to, "Baseline period end");
  c.add_option("--effort", f.effort, "S, M or L (default M, or the tactic's)");
  c.add_option("--lift", f.expected_lift, "Expected lift of the metric, in percent");
  c.add_option("--owner", f.owner, "Who owns the plan (default: --as)");
}

Result<app::PlanFields> ParsePlanFields(const PlanFieldFlags& flags) {
  app::PlanFields fields = flags.fields;
  LL_ASSIGN_OR_RETURN(fields.goal_id, ParseOptionalId("--goal", flags.goal));
  return fields;
}

void PrintPlanLine(const CliContext& ctx, std::string_view what, const Plan& p) {
  if (ctx.json) return PrintJson(ctx, json::ToJson(p));
  PrintText(*ctx.out,
            fmt::format("Plan {} {}: {} ({}, {})\n", p.id, what, p.title, PlanStateName(p.state), StepText(p)));
}

void AddPlanId(CLI::App& cmd, std::string& id) { cmd.add_option("plan", id, "Plan id")->required(); }

namespace {

void PrintWarning(const CliContext& ctx, const app::PowerWarning& w, int32_t timebox_days) {
  if (!w.days_needed) {
    PrintText(*ctx.out,
              fmt::format("  warning: {} changes too little to show a {:+.0f}% change in any short plan ({})\n",
                          w.metric, w.lift_percent, w.why));
    return;
  }
  PrintText(
      *ctx.out,
      fmt::format("  warning: {} is noisy: a {:+.0f}% change would take about {} days to show, but the timebox is {}.\n"
                  "  Consider a longer timebox (--timebox {}), a bolder change, or a steadier metric.\n",
                  w.metric, w.lift_percent, *w.days_needed, timebox_days, *w.days_needed));
}

struct PlanAddFlags {
  LoopFlags loop;
  PlanFieldFlags fields;
  std::string tactic;
};

Status RunAdd(CliContext& ctx, PlanAddFlags& flags) {
  app::PlanRequest request{flags.tactic, {}};
  LL_ASSIGN_OR_RETURN(request.fields, ParsePlanFields(flags.fields));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::PlanAdded added, app::AddPlan(call.ws, call.caller, request));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(added));
    return Status::Ok();
  }
  PrintPlanLine(ctx, "added", added.plan);
  if (added.warning) PrintWarning(ctx, *added.warning, added.plan.timebox_days);
  return Status::Ok();
}

struct PlanEditFlags {
  LoopFlags loop;
  std::string id;
  PlanFieldFlags fields;
};

Status RunEdit(CliContext& ctx, PlanEditFlags& flags) {
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
  LL_ASSIGN_OR_RETURN(app::PlanFields fields, ParsePlanFields(flags.fields));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(Plan edited, app::EditPlan(call.ws, call.caller, id, fields));
  PrintPlanLine(ctx, "changed", edited);
  return Status::Ok();
}

struct PlanIdFlags {
  LoopFlags loop;
  std::string id;
};

Status RunDelete(CliContext& ctx, PlanIdFlags& flags) {
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::Deleted deleted, app::DeletePlan(call.ws, call.caller, id));
  return PrintResult(ctx, deleted, [](const CliContext& c, const app::Deleted& d) {
    *c.out << fmt::format("Plan {} deleted: {}\n", d.id, d.title);
  });
}

}  // namespace

void AddPlanAdd(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<PlanAddFlags>();
  CLI::App* cmd =
      AddLoopCommand(plan, ctx, flags, "add", "Add a plan (title, goal, hypothesis and metric are enough)", RunAdd);
  AddPlanFieldOptions(*cmd, flags->fields, &flags->tactic);
}

void AddPlanEdit(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<PlanEditFlags>();
  CLI::App* cmd = AddLoopCommand(plan, ctx, flags, "edit", "Change a plan that has not started", RunEdit);
  AddPlanId(*cmd, flags->id);
  AddPlanFieldOptions(*cmd, flags->fields, nullptr);
}

void AddPlanDelete(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<PlanIdFlags>();
  AddPlanId(
      *AddLoopCommand(plan, ctx, flags, "delete", "Delete a plan that never started (an idea or planned)", RunDelete),
      flags->id);
}

}  // namespace learnloop::cli
