// `learnloop plan`: its subcommands live in the plan_*_command.cc files.
#include "plan_commands.h"

namespace learnloop::cli {
namespace {

void RegisterPlan(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("plan", "Micro-plans: add, start, check in, review, reflect, decide, next");
  cmd->require_subcommand(1);
  AddPlanAdd(*cmd, ctx);
  AddPlanStart(*cmd, ctx);
  AddPlanShow(*cmd, ctx);
  AddPlanList(*cmd, ctx);
  AddPlanCheckIn(*cmd, ctx, "Notes on a running plan: done, next, blocked");
  AddPlanReview(*cmd, ctx);
  AddPlanReflect(*cmd, ctx);
  AddPlanDecide(*cmd, ctx);
  AddPlanEdit(*cmd, ctx);
  AddPlanDelete(*cmd, ctx);
  AddPlanNext(*cmd, ctx);
  AddPlanTactics(*cmd, ctx);
}

// `learnloop checkin` is `learnloop plan checkin`, for the daily meeting.
void RegisterCheckIn(CLI::App& app, CliContext& ctx) { AddPlanCheckIn(app, ctx, "Same as `plan checkin`"); }

const CommandRegistrar kPlanRegistrar(64, RegisterPlan);
const CommandRegistrar kCheckInRegistrar(66, RegisterCheckIn);

}  // namespace
}  // namespace learnloop::cli
