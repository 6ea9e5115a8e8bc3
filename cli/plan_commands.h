// The `plan` subcommands, one file per concern: plan_add_command.cc (add,
// edit, delete), plan_run_command.cc (start, checkin, review),
// plan_close_command.cc (reflect, decide, next), plan_show_command.cc
// (show, list, tactics); plan_command.cc puts them in order, and
// plans_command.cc is the board.
#pragma once

#include <string>
#include <vector>

#include "loop_cli.h"

namespace learnloop::cli {

// The plan fields of add, edit and next, with --goal as typed.
struct PlanFieldFlags {
  app::PlanFields fields;
  std::string goal;
};

// The options of `flags`; with `tactic` (for add) the title is an
// argument and --tactic fills *tactic.
void AddPlanFieldOptions(CLI::App& cmd, PlanFieldFlags& flags, std::string* tactic);

// The fields with --goal parsed.
Result<app::PlanFields> ParsePlanFields(const PlanFieldFlags& flags);

// The plan as JSON, or "Plan ID WHAT: TITLE (STATE, STEP)".
void PrintPlanLine(const CliContext& ctx, std::string_view what, const Plan& plan);

// The plans as a text table (id, title, state, step, metric, dates, loop).
std::string PlanTable(const std::vector<Plan>& plans);

// The plan id argument.
void AddPlanId(CLI::App& cmd, std::string& id);

void AddPlanAdd(CLI::App& plan, CliContext& ctx);
void AddPlanEdit(CLI::App& plan, CliContext& ctx);
void AddPlanDelete(CLI::App& plan, CliContext& ctx);
void AddPlanStart(CLI::App& plan, CliContext& ctx);
void AddPlanCheckIn(CLI::App& parent, CliContext& ctx, const char* help);
void AddPlanReview(CLI::App& plan, CliContext& ctx);
void AddPlanReflect(CLI::App& plan, CliContext& ctx);
void AddPlanDecide(CLI::App& plan, CliContext& ctx);
void AddPlanNext(CLI::App& plan, CliContext& ctx);
void AddPlanShow(CLI::App& plan, CliContext& ctx);
void AddPlanList(CLI::App& plan, CliContext& ctx);
void AddPlanTactics(CLI::App& plan, CliContext& ctx);

}  // namespace learnloop::cli
