#include <fmt/format.h>

#include "loop_cli.h"

namespace learnloop::cli {
namespace {

struct GoalFlags {
  LoopFlags loop;
  std::string title;
  std::string metric;
  std::optional<double> more;
  std::optional<double> reach;
  std::string start = "today";
  std::string deadline;
  std::string parent;
  std::string owner;
  std::string id;
  // goal edit: only the flags given change the goal.
  std::optional<std::string> new_title;
  std::optional<std::string> new_metric;
  std::optional<std::string> new_start;
  std::optional<std::string> new_deadline;
  std::optional<std::string> new_parent;  // a goal id, or "none"
  std::optional<std::string> new_owner;
};

std::string TargetText(const Goal& g) {
  return fmt::format("{} {}", g.target_kind == TargetKind::kMore ? "+" : "reach", g.target);
}

LoopJson GoalJson(const Goal& g, const GoalProgress& progress) {
  return {{"id", g.id},
          {"title", g.title},
          {"metric", g.metric},
          {"target_kind", g.target_kind == TargetKind::kMore ? "more" : "reach"},
          {"target", g.target},
          {"start", FormatDate(g.start)},
          {"deadline", FormatDate(g.deadline)},
          {"parent_id", g.parent_id ? LoopJson(*g.parent_id) : LoopJson(nullptr)},
          {"owner", g.owner},
          {"progress",
           {{"at_start", OptionalNumber(progress.at_start)},
            {"now", OptionalNumber(progress.now)},
            {"target_value", progress.target_value},
            {"share", OptionalNumber(progress.share)},
            {"note", progress.note}}}};
}

std::string ProgressText(const GoalProgress& p) {
  if (!p.now || !p.share) return p.note;
  return fmt::format("{:.0f} -> {:.0f} of {:.0f} ({:.0f}%)", *p.at_start, *p.now, p.target_value, 100 * *p.share);
}

Result<Goal> GoalFromFlags(const GoalFlags& flags, Day today) {
  Goal goal;
  goal.title = flags.title;
  goal.metric = flags.metric;
  if (flags.more.has_value() == flags.reach.has_value())
    return InvalidArgument("give the target as either --more N (N more than at the start) or --reach N");
  goal.target_kind = flags.more ? TargetKind::kMore : TargetKind::kReach;
  goal.target = flags.more ? *flags.more : *flags.reach;
  LL_ASSIGN_OR_RETURN(goal.start, ParseDayFlag("--start", flags.start, today));
  LL_ASSIGN_OR_RETURN(goal.deadline, ParseDayFlag("--by", flags.deadline, today));
  if (!flags.parent.empty()) {
    LL_ASSIGN_OR_RETURN(goal.parent_id, ParseId("--parent", flags.parent));
  }
  goal.owner = flags.owner;
  return goal;
}

// Saves the goal with `save` and prints it.
template <typename Save>
int SaveGoal(CliContext& ctx, const Goal& goal, std::string_view what, Save save) {
  Result<Goal> saved = save(goal);
  if (!saved.ok()) return Fail(ctx, saved.status());
  if (ctx.json) {
    PrintJson(ctx, GoalJson(*saved, {}));
  } else {
    *ctx.out << fmt::format("Goal {} {}: {} ({} {} by {})\n", saved->id, what, saved->title, saved->metric,
                            TargetText(*saved), FormatDate(saved->deadline));
  }
  return 0;
}

int RunAdd(CliContext& ctx, GoalFlags& flags) {
  auto session = OpenLoop(ctx, flags.loop);
  if (!session.ok()) return Fail(ctx, session.status());
  LearningLoop& loop = session->loop;
  auto goal = GoalFromFlags(flags, loop.options().today);
  if (!goal.ok()) return Fail(ctx, goal.status());
  return SaveGoal(ctx, *goal, "added", [&loop](const Goal& g) { return loop.AddGoal(g); });
}

int RunList(CliContext& ctx, GoalFlags& flags) {
  auto session = OpenLoop(ctx, flags.loop);
  if (!session.ok()) return Fail(ctx, session.status());
  auto goals = session->loop.Goals();
  if (!goals.ok()) return Fail(ctx, goals.status());
  auto ladder = session->ws.LoadLadder();
  if (!ladder.ok()) return Fail(ctx, ladder.status());
  MetricReader reader = MakeMetricReader(session->ws, std::move(ladder).value());
  const Day today = session->loop.options().today;
  LoopJson list = LoopJson::array();
  std::vector<std::vector<std::string>> rows = {{"id", "goal", "metric", "target", "deadline", "progress"}};
  for (const Goal& g : *goals) {
    GoalProgress progress = ReadGoal(g, reader, today);
    list.push_back(GoalJson(g, progress));
    rows.push_back(
        {std::to_string(g.id), g.title, g.metric, TargetText(g), FormatDate(g.deadline), ProgressText(progress)});
  }
  if (ctx.json) {
    PrintJson(ctx, {{"goals", list}});
  } else if (goals->empty()) {
    *ctx.out << "No goals yet. Add one: learnloop goal add \"200 more people at Relationship\" --metric "
                "rung:relationship --more 200 --by 2027-06-30\n";
  } else {
    *ctx.out << FormatTable(rows);
  }
  return 0;
}

// The loop and the goal named by the command's id argument.
struct OpenedGoal {
  LoopSession session;
  Goal goal;
};
Result<OpenedGoal> OpenGoal(const CliContext& ctx, const GoalFlags& flags) {
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("goal", flags.id));
  LL_ASSIGN_OR_RETURN(LoopSession session, OpenLoop(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(Goal goal, session.loop.GetGoal(id));
  return OpenedGoal{std::move(session), std::move(goal)};
}

int RunShow(CliContext& ctx, GoalFlags& flags) {
  auto opened = OpenGoal(ctx, flags);
  if (!opened.ok()) return Fail(ctx, opened.status());
  auto& [session, goal] = *opened;
  auto plans = session.loop.Plans();
  if (!plans.ok()) return Fail(ctx, plans.status());
  auto ladder = session.ws.LoadLadder();
  if (!ladder.ok()) return Fail(ctx, ladder.status());
  MetricReader reader = MakeMetricReader(session.ws, std::move(ladder).value());
  GoalProgress progress = ReadGoal(goal, reader, session.loop.options().today);
  LoopJson doc = GoalJson(goal, progress);
  LoopJson plan_list = LoopJson::array();
  std::vector<std::vector<std::string>> rows = {{"plan", "title", "state", "step"}};
  for (const Plan& p : *plans) {
    if (p.goal_id != goal.id) continue;
    plan_list.push_back(PlanJson(p));
    rows.push_back({std::to_string(p.id), p.title, std::string(PlanStateName(p.state)), StepText(p)});
  }
  doc["plans"] = plan_list;
  if (ctx.json) {
    PrintJson(ctx, doc);
    return 0;
  }
  *ctx.out << fmt::format("Goal {}: {}\n  metric    {}\n  target    {} by {} (from {})\n  progress  {}\n", goal.id,
                          goal.title, goal.metric, TargetText(goal), FormatDate(goal.deadline), FormatDate(goal.start),
                          ProgressText(progress));
  if (goal.parent_id) *ctx.out << fmt::format("  under     goal {}\n", *goal.parent_id);
  *ctx.out << (rows.size() > 1 ? "\nPlans serving this goal\n" + FormatTable(rows) : "\nNo plans serve it yet.\n");
  return 0;
}

Status ApplyEdits(const GoalFlags& flags, Day today, Goal& goal) {
  if (flags.new_title) goal.title = *flags.new_title;
  if (flags.new_metric) goal.metric = *flags.new_metric;
  if (flags.more && flags.reach) return InvalidArgument("give either --more N or --reach N, not both");
  if (flags.more || flags.reach) {
    goal.target_kind = flags.more ? TargetKind::kMore : TargetKind::kReach;
    goal.target = flags.more ? *flags.more : *flags.reach;
  }
  if (flags.new_start) {
    LL_ASSIGN_OR_RETURN(goal.start, ParseDayFlag("--start", *flags.new_start, today));
  }
  if (flags.new_deadline) {
    LL_ASSIGN_OR_RETURN(goal.deadline, ParseDayFlag("--by", *flags.new_deadline, today));
  }
  if (flags.new_parent) {
    if (*flags.new_parent == "none") {
      goal.parent_id.reset();
    } else {
      LL_ASSIGN_OR_RETURN(goal.parent_id, ParseId("--parent", *flags.new_parent));
    }
  }
  if (flags.new_owner) goal.owner = *flags.new_owner;
  return Status::Ok();
}

int RunEdit(CliContext& ctx, GoalFlags& flags) {
  auto opened = OpenGoal(ctx, flags);
  if (!opened.ok()) return Fail(ctx, opened.status());
  auto& [session, goal] = *opened;
  if (Status s = ApplyEdits(flags, session.loop.options().today, goal); !s.ok()) return Fail(ctx, s);
  LearningLoop& loop = session.loop;
  return SaveGoal(ctx, goal, "changed", [&loop](const Goal& g) { return loop.EditGoal(g); });
}

int RunDelete(CliContext& ctx, GoalFlags& flags) {
  auto opened = OpenGoal(ctx, flags);
  if (!opened.ok()) return Fail(ctx, opened.status());
  auto& [session, goal] = *opened;
  if (Status s = session.loop.DeleteGoal(goal.id); !s.ok()) return Fail(ctx, s);
  if (ctx.json) {
    PrintJson(ctx, {{"deleted", goal.id}});
  } else {
    *ctx.out << fmt::format("Goal {} deleted: {}\n", goal.id, goal.title);
  }
  return 0;
}

void RegisterGoal(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<GoalFlags>();
  CLI::App* cmd = app.add_subcommand("goal", "Strategic goals that plans serve: add, list, show, edit, delete");
  cmd->require_subcommand(1);
  CLI::App& c = *AddLoopCommand(*cmd, ctx, flags, "add", "Add a goal with a metric, a target and a deadline", RunAdd);
  c.add_option("title", flags->title, "What the goal is, e.g. \"200 more people at Relationship\"")->required();
  c.add_option("--metric", flags->metric, "rung:NAME (people on that rung) or a metric of metrics.toml")->required();
  c.add_option("--more", flags->more, "Target: N more than at the goal's start");
  c.add_option("--reach", flags->reach, "Target: reach N");
  c.add_option("--by", flags->deadline, "Deadline (YYYY-MM-DD)")->required();
  c.add_option("--start", flags->start, "Start (default today)");
  c.add_option("--parent", flags->parent, "The goal this one serves");
  c.add_option("--owner", flags->owner, "Who owns the goal");
  AddLoopCommand(*cmd, ctx, flags, "list", "Goals with their progress, computed from the data", RunList);
  AddLoopCommand(*cmd, ctx, flags, "show", "One goal, its progress and its plans", RunShow)
      ->add_option("goal", flags->id, "Goal id")
      ->required();
  CLI::App& e = *AddLoopCommand(*cmd, ctx, flags, "edit", "Change a goal; only the flags given change", RunEdit);
  e.add_option("goal", flags->id, "Goal id")->required();
  e.add_option("--title", flags->new_title, "New title");
  e.add_option("--metric", flags->new_metric, "rung:NAME or a metric of metrics.toml");
  e.add_option("--more", flags->more, "Target: N more than at the goal's start");
  e.add_option("--reach", flags->reach, "Target: reach N");
  e.add_option("--by", flags->new_deadline, "Deadline (YYYY-MM-DD)");
  e.add_option("--start", flags->new_start, "Start");
  e.add_option("--parent", flags->new_parent, "The goal this one serves, or none");
  e.add_option("--owner", flags->new_owner, "Who owns the goal");
  AddLoopCommand(*cmd, ctx, flags, "delete", "Delete a goal that no plan serves and no goal sits under", RunDelete)
      ->add_option("goal", flags->id, "Goal id")
      ->required();
}

const CommandRegistrar kRegistrar(62, RegisterGoal);

}  // namespace
}  // namespace learnloop::cli
