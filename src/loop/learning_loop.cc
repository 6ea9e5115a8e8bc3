#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "learnloop/loop.h"
#include "loop/files.h"
#include "loop/history.h"
#include "loop/loop_store.h"
#include "loop/names.h"
#include "loop/tactics.h"
#include "loop/validate.h"

namespace learnloop {
namespace fs = std::filesystem;

LearningLoop::LearningLoop(std::unique_ptr<loop::LoopStore> store, LoopConfig config, LoopOptions options)
    : store_(std::move(store)), config_(std::move(config)), options_(std::move(options)) {}
LearningLoop::LearningLoop(LearningLoop&&) noexcept = default;
LearningLoop& LearningLoop::operator=(LearningLoop&&) noexcept = default;
LearningLoop::~LearningLoop() = default;

namespace {

bool Overdue(const Plan& plan, Day today) { return plan.state == PlanState::kRunning && plan.end() < today; }

}  // namespace

Result<std::vector<Plan>> LearningLoop::LoadPlans() {
  LL_ASSIGN_OR_RETURN(auto plans, store_->LoadPlans());
  for (Plan& plan : plans)
    if (Overdue(plan, options_.today)) plan.state = PlanState::kReviewing;
  return plans;
}

Status LearningLoop::ReviewOverduePlans() {
  LL_ASSIGN_OR_RETURN(auto plans, store_->LoadPlans());
  LoopOptions by = options_;
  by.actor = std::string(kSystemActor);
  for (const Plan& plan : plans) {
    if (!Overdue(plan, options_.today)) continue;
    Plan after = plan;
    after.state = PlanState::kReviewing;
    LL_RETURN_IF_ERROR(store_->SavePlan(after));
    LL_RETURN_IF_ERROR(loop::RecordChanges(*store_, "plan", plan.id, loop::FieldsOf(plan), loop::FieldsOf(after), by));
  }
  return Status::Ok();
}

Status LearningLoop::Write(const std::function<Status()>& body) {
  return store_->InTransaction([&]() -> Status {
    LL_RETURN_IF_ERROR(ReviewOverduePlans());
    return body();
  });
}

Status LearningLoop::CheckGoalFields(Goal& goal) {
  goal.title = loop::Trim(goal.title);
  if (goal.title.empty()) return InvalidArgument("a goal needs a title, e.g. \"200 more people at Relationship\"");
  goal.metric = loop::Trim(goal.metric);
  LL_RETURN_IF_ERROR(CheckMetric(goal.metric));
  if (!(goal.target > 0))
    return InvalidArgument("the goal's target must be a number above 0 (N more than at the start, or reach N)");
  if (goal.deadline < goal.start)
    return InvalidArgument(fmt::format("the deadline {} is before the goal's start {}", FormatDate(goal.deadline),
                                       FormatDate(goal.start)));
  if (goal.parent_id) {
    auto parent = GetGoal(*goal.parent_id);
    if (!parent.ok()) return parent.status().WithContext("parent goal");
  }
  return Status::Ok();
}

Status LearningLoop::CheckMetric(std::string_view metric) const {
  LL_RETURN_IF_ERROR(loop::CheckMetricName(metric, config_.rung_names));
  if (loop::Trim(metric).starts_with("rung:")) return Status::Ok();
  if (!config_.metrics_error.ok())
    return Status(config_.metrics_error).WithContext("reading metrics.toml for the metric names");
  return loop::CheckMetricName(metric, config_.rung_names, &config_.metric_names);
}

Result<Goal> LearningLoop::AddGoal(Goal goal) {
  LL_RETURN_IF_ERROR(CheckGoalFields(goal));
  LL_RETURN_IF_ERROR(Write([&]() -> Status {
    LL_ASSIGN_OR_RETURN(goal.id, store_->SaveGoal(goal));
    return loop::RecordChanges(*store_, "goal", goal.id, std::nullopt, loop::FieldsOf(goal), options_);
  }));
  return goal;
}

Result<Goal> LearningLoop::EditGoal(Goal goal) {
  LL_ASSIGN_OR_RETURN(Goal before, GetGoal(goal.id));
  LL_RETURN_IF_ERROR(CheckGoalFields(goal));
  if (goal.parent_id) {
    LL_ASSIGN_OR_RETURN(auto goals, store_->LoadGoals());
    // Walk up from the new parent; meeting this goal would make a cycle.
    std::optional<int64_t> up = goal.parent_id;
    for (size_t steps = 0; up && steps <= goals.size(); ++steps) {
      if (*up == goal.id)
        return InvalidArgument(fmt::format("goal {} cannot sit under goal {}: that goal is {} or sits under it",
                                           goal.id, *goal.parent_id, goal.id));
      auto next = std::find_if(goals.begin(), goals.end(), [&](const Goal& g) { return g.id == *up; });
      up = next == goals.end() ? std::nullopt : next->parent_id;
    }
  }
  LL_RETURN_IF_ERROR(Write([&]() -> Status {
    LL_RETURN_IF_ERROR(store_->SaveGoal(goal).status());
    return loop::RecordChanges(*store_, "goal", goal.id, loop::FieldsOf(before), loop::FieldsOf(goal), options_);
  }));
  return goal;
}

Status LearningLoop::DeleteGoal(int64_t id) {
  return Write([&]() -> Status {
    LL_ASSIGN_OR_RETURN(Goal goal, GetGoal(id));
    LL_ASSIGN_OR_RETURN(auto plans, store_->LoadPlans());
    std::vector<std::string> users;
    for (const Plan& p : plans)
      if (p.goal_id == id) users.push_back(fmt::format("plan {}", p.id));
    LL_ASSIGN_OR_RETURN(auto goals, store_->LoadGoals());
    for (const Goal& g : goals)
      if (g.parent_id == id) users.push_back(fmt::format("goal {}", g.id));
    if (!users.empty())
      return FailedPrecondition(
          fmt::format("goal {} is still in use by {}; move or delete those first", id, fmt::join(users, ", ")));
    LL_RETURN_IF_ERROR(store_->DeleteGoal(id));
    return loop::RecordDeletion(*store_, "goal", id, goal.title, options_);
  });
}

Result<std::vector<Goal>> LearningLoop::Goals() { return store_->LoadGoals(); }

Result<Goal> LearningLoop::GetGoal(int64_t id) {
  LL_ASSIGN_OR_RETURN(auto goals, store_->LoadGoals());
  for (Goal& goal : goals)
    if (goal.id == id) return std::move(goal);
  return NotFound(fmt::format("there is no goal {}; list the goals with `learnloop goal list`", id));
}

Result<std::vector<Plan>> LearningLoop::Plans() { return LoadPlans(); }

Result<Plan> LearningLoop::GetPlan(int64_t id) {
  LL_ASSIGN_OR_RETURN(auto plans, LoadPlans());
  for (Plan& plan : plans)
    if (plan.id == id) return std::move(plan);
  return NotFound(fmt::format("there is no plan {}; list the plans with `learnloop plans`", id));
}

Result<std::vector<Plan>> LearningLoop::Lineage(int64_t id) {
  LL_ASSIGN_OR_RETURN(auto plans, LoadPlans());
  auto find = [&plans](std::optional<int64_t> want) -> const Plan* {
    if (!want) return nullptr;
    for (const Plan& p : plans)
      if (p.id == *want) return &p;
    return nullptr;
  };
  const Plan* first = find(id);
  if (first == nullptr) return NotFound(fmt::format("there is no plan {}; list the plans with `learnloop plans`", id));
  // Bounded walks: a loop in stored parent links must not hang the command.
  for (size_t steps = 0; find(first->parent_id) != nullptr && steps < plans.size(); ++steps)
    first = find(first->parent_id);
  std::vector<Plan> chain;
  for (const Plan* p = first; p != nullptr && chain.size() < plans.size(); p = find(p->next_id)) chain.push_back(*p);
  return chain;
}

Result<std::vector<CheckIn>> LearningLoop::CheckIns(std::optional<int64_t> plan_id) {
  LL_ASSIGN_OR_RETURN(auto notes, store_->LoadCheckIns());
  if (plan_id)
    notes.erase(std::remove_if(notes.begin(), notes.end(), [&](const CheckIn& c) { return c.plan_id != *plan_id; }),
                notes.end());
  return notes;
}

Result<std::vector<Reflection>> LearningLoop::Reflections() { return store_->LoadReflections(); }

Result<std::vector<LearningHit>> LearningLoop::SearchLearnings(std::string_view text, int limit) {
  return store_->SearchLearnings(std::string(text), limit);
}

Result<std::vector<HistoryEntry>> LearningLoop::History(std::string_view object_type, int64_t object_id) {
  return store_->LoadHistory(std::string(object_type), object_id);
}

Result<std::vector<Tactic>> LearningLoop::Tactics() {
  const fs::path file = config_.dir / kTacticsFileName;
  LL_ASSIGN_OR_RETURN(auto text, loop::ReadTextFile(file));
  return loop::ParseTactics(text ? *text : loop::DefaultTacticsToml(), file.string());
}

}  // namespace learnloop
