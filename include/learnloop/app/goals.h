// The learning loop's goals: add, list with progress, show, edit, delete.
// Days are given as people write them (see ParseDay in app/input.h), relative to the
// caller's today.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/app/caller.h"
#include "learnloop/app/loop.h"
#include "learnloop/json.h"
#include "learnloop/loop.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// A goal and its progress, read from the data (left unread, all empty,
// where an operation says so).
struct GoalView {
  Goal goal;
  GoalProgress progress;
};

struct GoalRequest {
  std::string title;
  std::string metric;  // "rung:NAME" or a metric of metrics.toml
  // Exactly one: N more than at the start, or reach N.
  std::optional<double> more;
  std::optional<double> reach;
  std::string start = "today";
  std::string deadline;
  std::optional<int64_t> parent_id;
  std::string owner;
};
// The added goal, its progress unread. InvalidArgument for a target given
// both or neither way, a bad day, and what LearningLoop::AddGoal refuses.
Result<GoalView> AddGoal(Workspace& ws, const Caller& caller, const GoalRequest& request);

struct GoalList {
  std::vector<GoalView> goals;
};
// Every goal with its progress as of today. Reads only.
Result<GoalList> ListGoals(Workspace& ws, const Caller& caller);

struct GoalDetail {
  GoalView goal;
  std::vector<Plan> plans;  // the plans serving it
};
// One goal, its progress and its plans; NotFound for an unknown goal.
Result<GoalDetail> ShowGoal(Workspace& ws, const Caller& caller, int64_t id);

// Only the fields given change.
struct GoalEdit {
  int64_t id = 0;
  std::optional<std::string> title;
  std::optional<std::string> metric;
  std::optional<double> more;
  std::optional<double> reach;
  std::optional<std::string> start;
  std::optional<std::string> deadline;
  std::optional<int64_t> parent_id;
  bool clear_parent = false;
  std::optional<std::string> owner;
};
// The changed goal, its progress unread. NotFound for an unknown goal;
// InvalidArgument for both targets, a bad day, and what EditGoal refuses.
Result<GoalView> EditGoal(Workspace& ws, const Caller& caller, const GoalEdit& edit);

// Deletes a goal no plan serves and no goal sits under; NotFound for an
// unknown goal, FailedPrecondition naming what still uses it.
Result<Deleted> DeleteGoal(Workspace& ws, const Caller& caller, int64_t id);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::GoalView& view);
Json ToJson(const app::GoalList& list);
Json ToJson(const app::GoalDetail& detail);

}  // namespace learnloop::json
