// A plan's run: `plan start`, `plan checkin` (and `checkin`), `plan review`.
#include <fmt/format.h>

#include "plan_commands.h"

namespace learnloop::cli {
namespace {

struct PlanStartFlags {
  LoopFlags loop;
  std::string id;
  app::PlanStart request;
};

Status RunStart(CliContext& ctx, PlanStartFlags& flags) {
  LL_ASSIGN_OR_RETURN(flags.request.id, ParseId("plan", flags.id));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(Plan plan, app::StartPlan(call.ws, call.caller, flags.request));
  PrintPlanLine(ctx, "started", plan);
  if (!ctx.json)
    *ctx.out << fmt::format("  runs {} to {}; baseline {} to {}\n", FormatDate(*plan.start), FormatDate(plan.end()),
                            DayText(plan.baseline_from), DayText(plan.baseline_to));
  return Status::Ok();
}

struct CheckInFlags {
  LoopFlags loop;
  std::string id;
  app::CheckInRequest request;
};

Status RunCheckIn(CliContext& ctx, CheckInFlags& flags) {
  LL_ASSIGN_OR_RETURN(flags.request.plan_id, ParseId("plan", flags.id));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(CheckIn added, app::CheckInOnPlan(call.ws, call.caller, flags.request));
  return PrintResult(ctx, added, [](const CliContext& c, const CheckIn& note) {
    *c.out << fmt::format("Check-in on plan {} for {} recorded\n", note.plan_id, FormatDate(note.day));
  });
}

struct PlanReviewFlags {
  LoopFlags loop;
  std::string id;
  app::PlanReview request;
};

Status RunReview(CliContext& ctx, PlanReviewFlags& flags) {
  LL_ASSIGN_OR_RETURN(const int64_t id, ParseId("plan", flags.id));
  flags.request.id = id;
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(Plan plan, app::ReviewPlan(call.ws, call.caller, flags.request));
  PrintPlanLine(ctx, fmt::format("reviewed ({})", ReviewVerdictName(plan.verdict)), plan);
  if (!ctx.json)
    *ctx.out << fmt::format("  next: learnloop plan reflect {} --learned ...; then learnloop plan decide {} ...\n", id,
                            id);
  return Status::Ok();
}

}  // namespace

void AddPlanStart(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<PlanStartFlags>();
  CLI::App* cmd = AddLoopCommand(plan, ctx, flags, "start", "Start running a plan", RunStart);
  AddPlanId(*cmd, flags->id);
  cmd->add_option("--start", flags->request.start, "First day (default: its planned start, else today)");
}

void AddPlanCheckIn(CLI::App& parent, CliContext& ctx, const char* help) {
  auto flags = std::make_shared<CheckInFlags>();
  app::CheckInRequest& r = flags->request;
  CLI::App* cmd = AddLoopCommand(parent, ctx, flags, "checkin", help, RunCheckIn);
  AddPlanId(*cmd, flags->id);
  cmd->add_option("--done", r.done, "What got done");
  cmd->add_option("--next", r.next, "What comes next");
  cmd->add_option("--blocked", r.blocked, "What blocks the plan");
  cmd->add_option("--day", r.day, "Day of the check-in (default today)");
}

void AddPlanReview(CLI::App& plan, CliContext& ctx) {
  auto flags = std::make_shared<PlanReviewFlags>();
  CLI::App* cmd = AddLoopCommand(plan, ctx, flags, "review", "End a plan's run and give the verdict", RunReview);
  AddPlanId(*cmd, flags->id);
  cmd->add_option("--verdict", flags->request.verdict, "win, loss or inconclusive")->required();
}

}  // namespace learnloop::cli
