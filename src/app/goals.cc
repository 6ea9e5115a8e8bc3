#include "learnloop/app/goals.h"

#include <utility>

#include "app/metric_reader.h"
#include "learnloop/app/input.h"

namespace learnloop::app {
namespace {

void ApplyTarget(std::optional<double> more, std::optional<double> reach, Goal& goal) {
  if (!more && !reach) return;
  goal.target_kind = more ? TargetKind::kMore : TargetKind::kReach;
  goal.target = more ? *more : *reach;
}

Result<Goal> GoalFromRequest(const GoalRequest& request, Day today) {
  if (request.more.has_value() == request.reach.has_value())
    return InvalidArgument("give the target as either --more N (N more than at the start) or --reach N");
  Goal goal;
  goal.title = request.title;
  goal.metric = request.metric;
  ApplyTarget(request.more, request.reach, goal);
  LL_ASSIGN_OR_RETURN(goal.start, ParseDay("--start", request.start, today));
  LL_ASSIGN_OR_RETURN(goal.deadline, ParseDay("--by", request.deadline, today));
  goal.parent_id = request.parent_id;
  goal.owner = request.owner;
  return goal;
}

Status ApplyEdit(const GoalEdit& edit, Day today, Goal& goal) {
  if (edit.title) goal.title = *edit.title;
  if (edit.metric) goal.metric = *edit.metric;
  if (edit.more && edit.reach) return InvalidArgument("give either --more N or --reach N, not both");
  ApplyTarget(edit.more, edit.reach, goal);
  if (edit.start) {
    LL_ASSIGN_OR_RETURN(goal.start, ParseDay("--start", *edit.start, today));
  }
  if (edit.deadline) {
    LL_ASSIGN_OR_RETURN(goal.deadline, ParseDay("--by", *edit.deadline, today));
  }
  if (edit.clear_parent) goal.parent_id.reset();
  if (edit.parent_id) goal.parent_id = edit.parent_id;
  if (edit.owner) goal.owner = *edit.owner;
  return Status::Ok();
}

}  // namespace

Result<GoalView> AddGoal(Workspace& ws, const Caller& caller, const GoalRequest& request) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Goal goal, GoalFromRequest(request, loop.options().today));
  LL_ASSIGN_OR_RETURN(Goal added, loop.AddGoal(std::move(goal)));
  return GoalView{std::move(added), {}};
}

Result<GoalList> ListGoals(Workspace& ws, const Caller& caller) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(std::vector<Goal> goals, loop.Goals());
  LL_ASSIGN_OR_RETURN(MetricReader reader, LoadMetricReader(ws));
  GoalList list;
  for (Goal& goal : goals) {
    GoalProgress progress = ReadGoal(goal, reader, loop.options().today);
    list.goals.push_back({std::move(goal), std::move(progress)});
  }
  return list;
}

Result<GoalDetail> ShowGoal(Workspace& ws, const Caller& caller, int64_t id) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Goal goal, loop.GetGoal(id));
  LL_ASSIGN_OR_RETURN(std::vector<Plan> plans, loop.Plans());
  LL_ASSIGN_OR_RETURN(MetricReader reader, LoadMetricReader(ws));
  GoalDetail detail;
  detail.goal.progress = ReadGoal(goal, reader, loop.options().today);
  detail.goal.goal = std::move(goal);
  for (Plan& plan : plans)
    if (plan.goal_id == id) detail.plans.push_back(std::move(plan));
  return detail;
}

Result<GoalView> EditGoal(Workspace& ws, const Caller& caller, const GoalEdit& edit) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Goal goal, loop.GetGoal(edit.id));
  LL_RETURN_IF_ERROR(ApplyEdit(edit, loop.options().today, goal));
  LL_ASSIGN_OR_RETURN(Goal edited, loop.EditGoal(std::move(goal)));
  return GoalView{std::move(edited), {}};
}

Result<Deleted> DeleteGoal(Workspace& ws, const Caller& caller, int64_t id) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Goal goal, loop.GetGoal(id));
  LL_RETURN_IF_ERROR(loop.DeleteGoal(id));
  return Deleted{id, goal.title};
}

}  // namespace learnloop::app
