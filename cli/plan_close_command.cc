// Closing a loop: `plan reflect`, `plan decide` and `plan next`.
#include <fmt/format.h>

#include "plan_commands.h"

namespace learnloop::cli {
namespace {

struct ReflectFlags {
  LoopFlags loop;
  std::string id;
  app::ReflectionRequest request;
};

Status RunReflect(CliContext& ctx, ReflectFlags& flags) {
  LL_ASSIGN_OR_RETURN(flags.request.plan_id, ParseId("plan", flags.id));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(Reflection saved, app::ReflectOnPlan(call.ws, call.caller, flags.request));
  return PrintResult(ctx, saved, [](const CliContext& c, const Reflection& r) {
    *c.out << fmt::format("Reflection on plan {} saved; find it later with `learnloop learnings search`\n", r.plan_id);
  });
}

struct DecideFlags {
  LoopFlags loop;
  std::string id;
  app::PlanDecision request;
};

Status RunDecide(CliContext& ctx, DecideFlags& flags) {
  LL_ASSIGN_OR_RETURN(flags.request.id, ParseId("plan", flags.id));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(Plan plan, app::DecidePlan(call.ws, call.caller, flags.request));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(plan));
    return Status::Ok();
  }
  *ctx.out << fmt::format("Plan {} decided: {}\n", plan.id, DecisionName(plan.decision));
  if (plan.next_id)
    *ctx.out << fmt::format("  next loop: plan {} (an idea, pre-filled); start it with `learnloop plan start {}`\n",
                            *plan.next_id, *plan.next_id);
  return Status::Ok();
}

struct NextFlags {
  LoopFlags loop;
  std::string id;
  PlanFieldFlags fields;
};

// The next loop, with the changes given as flags (what adapt adapts).
Status RunNext(CliContext& ctx, NextFlags& flags) {
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
  LL_ASSIGN_OR_RETURN(app::PlanFields changes, ParsePlanFields(flags.fields));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(Plan next, app::NextPlan(call.ws, call.caller, id, changes));
  PrintPlanLine(ctx, fmt::format("is the next loop after plan {}", id), next);
  return Status::Ok();
}

}  // namespace

void AddPlanReflect(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<ReflectFlags>();
  app::ReflectionRequest& r = flags->request;
  CLI::App* cmd = AddLoopCommand(plan, ctx, flags, "reflect", "The after-action review of a plan", RunReflect);
  AddPlanId(*cmd, flags->id);
  cmd->add_option("--expected", r.expected, "What we expected");
  cmd->add_option("--happened", r.happened, "What happened");
  cmd->add_option("--why", r.why, "Why it happened");
  cmd->add_option("--learned", r.learned, "What we learn (required)");
  cmd->add_option("--tags", r.tags, "Tags for the learnings, comma-separated");
}

void AddPlanDecide(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<DecideFlags>();
  CLI::App* cmd =
      AddLoopCommand(plan, ctx, flags, "decide", "Adopt, adapt, abandon or extend a reviewed plan", RunDecide);
  AddPlanId(*cmd, flags->id);
  cmd->add_option("decision", flags->request.decision, "adopt, adapt, abandon or extend")->required();
  cmd->add_option("--reason", flags->request.reason, "Why (required)");
}

void AddPlanNext(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<NextFlags>();
  CLI::App* cmd = AddLoopCommand(plan, ctx, flags, "next",
                                 "The next loop after a decided plan (created if missing), with changes", RunNext);
  AddPlanId(*cmd, flags->id);
  AddPlanFieldOptions(*cmd, flags->fields, nullptr);
}

}  // namespace learnloop::cli
