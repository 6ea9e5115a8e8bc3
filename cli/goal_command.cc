#include <fmt/format.h>

#include "loop_cli.h"

namespace learnloop::cli {
namespace {

std::string TargetText(const Goal& g) {
  return fmt::format("{} {}", g.target_kind == TargetKind::kMore ? "+" : "reach", g.target);
}

std::string ProgressText(const GoalProgress& p) {
  if (!p.now || !p.share) return p.note;
  return fmt::format("{:.0f} -> {:.0f} of {:.0f} ({:.0f}%)", *p.at_start, *p.now, p.target_value, 100 * *p.share);
}

void PrintSaved(const CliContext& ctx, const app::GoalView& saved, std::string_view what) {
  if (ctx.json) return PrintJson(ctx, json::ToJson(saved));
  const Goal& g = saved.goal;
  PrintText(*ctx.out, fmt::format("Goal {} {}: {} ({} {} by {})\n", g.id, what, g.title, g.metric, TargetText(g),
                                  FormatDate(g.deadline)));
}

struct GoalAddFlags {
  LoopFlags loop;
  app::GoalRequest request;
  std::string parent;
};

Status RunAdd(CliContext& ctx, GoalAddFlags& flags) {
  LL_ASSIGN_OR_RETURN(flags.request.parent_id, ParseOptionalId("--parent", flags.parent));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::GoalView added, app::AddGoal(call.ws, call.caller, flags.request));
  PrintSaved(ctx, added, "added");
  return Status::Ok();
}

struct GoalListFlags {
  LoopFlags loop;
};

Status RunList(CliContext& ctx, GoalListFlags& flags) {
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::GoalList list, app::ListGoals(call.ws, call.caller));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(list));
  } else if (list.goals.empty()) {
    *ctx.out << "No goals yet. Add one: learnloop goal add \"200 more people at Relationship\" --metric "
                "rung:relationship --more 200 --by 2027-06-30\n";
  } else {
    std::vector<std::vector<std::string>> rows = {{"id", "goal", "metric", "target", "deadline", "progress"}};
    for (const auto& [g, progress] : list.goals)
      rows.push_back(
          {std::to_string(g.id), g.title, g.metric, TargetText(g), FormatDate(g.deadline), ProgressText(progress)});
    PrintText(*ctx.out, FormatTable(rows));
  }
  return Status::Ok();
}

// show and delete: a goal id.
struct GoalIdFlags {
  LoopFlags loop;
  std::string id;
};

void PrintGoal(const CliContext& ctx, const app::GoalDetail& detail) {
  const auto& [goal, progress] = detail.goal;
  PrintText(*ctx.out, fmt::format("Goal {}: {}\n  metric    {}\n  target    {} by {} (from {})\n  progress  {}\n",
                                  goal.id, goal.title, goal.metric, TargetText(goal), FormatDate(goal.deadline),
                                  FormatDate(goal.start), ProgressText(progress)));
  if (goal.parent_id) *ctx.out << fmt::format("  under     goal {}\n", *goal.parent_id);
  std::vector<std::vector<std::string>> rows = {{"plan", "title", "state", "step"}};
  for (const Plan& p : detail.plans)
    rows.push_back({std::to_string(p.id), p.title, std::string(PlanStateName(p.state)), StepText(p)});
  PrintText(*ctx.out,
            rows.size() > 1 ? "\nPlans serving this goal\n" + FormatTable(rows) : "\nNo plans serve it yet.\n");
}

Status RunShow(CliContext& ctx, GoalIdFlags& flags) {
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("goal", flags.id));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::GoalDetail detail, app::ShowGoal(call.ws, call.caller, id));
  return PrintResult(ctx, detail, PrintGoal);
}

struct GoalEditFlags {
  LoopFlags loop;
  std::string id;
  app::GoalEdit edit;
  std::optional<std::string> parent;  // a goal id, or "none"
};

Status RunEdit(CliContext& ctx, GoalEditFlags& flags) {
  LL_ASSIGN_OR_RETURN(flags.edit.id, ParseId("goal", flags.id));
  if (flags.parent == "none") {
    flags.edit.clear_parent = true;
  } else if (flags.parent) {
    LL_ASSIGN_OR_RETURN(flags.edit.parent_id, ParseId("--parent", *flags.parent));
  }
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::GoalView edited, app::EditGoal(call.ws, call.caller, flags.edit));
  PrintSaved(ctx, edited, "changed");
  return Status::Ok();
}

Status RunDelete(CliContext& ctx, GoalIdFlags& flags) {
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("goal", flags.id));
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(app::Deleted deleted, app::DeleteGoal(call.ws, call.caller, id));
  return PrintResult(ctx, deleted, [](const CliContext& c, const app::Deleted& d) {
    *c.out << fmt::format("Goal {} deleted: {}\n", d.id, d.title);
  });
}

void AddGoalAdd(CLI::App& goal, CliContext& ctx) {
  auto flags = std::make_shared<GoalAddFlags>();
  app::GoalRequest& r = flags->request;
  CLI::App& c = *AddLoopCommand(goal, ctx, flags, "add", "Add a goal with a metric, a target and a deadline", RunAdd);
  c.add_option("title", r.title, "What the goal is, e.g. \"200 more people at Relationship\"")->required();
  c.add_option("--metric", r.metric, "rung:NAME (people on that rung) or a metric of metrics.toml")->required();
  c.add_option("--more", r.more, "Target: N more than at the goal's start");
  c.add_option("--reach", r.reach, "Target: reach N");
  c.add_option("--by", r.deadline, "Deadline (YYYY-MM-DD)")->required();
  c.add_option("--start", r.start, "Start (default today)");
  c.add_option("--parent", flags->parent, "The goal this one serves");
  c.add_option("--owner", r.owner, "Who owns the goal");
}

void AddGoalEdit(CLI::App& goal, CliContext& ctx) {
  auto flags = std::make_shared<GoalEditFlags>();
  app::GoalEdit& e = flags->edit;
  CLI::App& c = *AddLoopCommand(goal, ctx, flags, "edit", "Change a goal; only the flags given change", RunEdit);
  c.add_option("goal", flags->id, "Goal id")->required();
  c.add_option("--title", e.title, "New title");
  c.add_option("--metric", e.metric, "rung:NAME or a metric of metrics.toml");
  c.add_option("--more", e.more, "Target: N more than at the goal's start");
  c.add_option("--reach", e.reach, "Target: reach N");
  c.add_option("--by", e.deadline, "Deadline (YYYY-MM-DD)");
  c.add_option("--start", e.start, "Start");
  c.add_option("--parent", flags->parent, "The goal this one serves, or none");
  c.add_option("--owner", e.owner, "Who owns the goal");
}

void AddGoalIdCommand(CLI::App& goal, CliContext& ctx, const char* name, const char* help,
                      Status (*run)(CliContext&, GoalIdFlags&)) {
  auto flags = std::make_shared<GoalIdFlags>();
  AddLoopCommand(goal, ctx, flags, name, help, run)->add_option("goal", flags->id, "Goal id")->required();
}

void RegisterGoal(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("goal", "Strategic goals that plans serve: add, list, show, edit, delete");
  cmd->require_subcommand(1);
  AddGoalAdd(*cmd, ctx);
  AddLoopCommand(*cmd, ctx, std::make_shared<GoalListFlags>(), "list",
                 "Goals with their progress, computed from the data", RunList);
  AddGoalIdCommand(*cmd, ctx, "show", "One goal, its progress and its plans", RunShow);
  AddGoalEdit(*cmd, ctx);
  AddGoalIdCommand(*cmd, ctx, "delete", "Delete a goal that no plan serves and no goal sits under", RunDelete);
}

const CommandRegistrar kRegistrar(62, RegisterGoal);

}  // namespace
}  // namespace learnloop::cli
