// The learning loop's plans: add (from a tactic, with the planning aid),
// edit, delete, the next loop, show and list. Days are given as people
// write them (see ParseDay in app/input.h), relative to the caller's today.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/app/caller.h"
#include "learnloop/app/loop.h"
#include "learnloop/app/plan_steps.h"
#include "learnloop/json.h"
#include "learnloop/loop.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// The fields of a plan to set; empty ones (unset optionals, empty strings
// and lists) leave the plan's as they are. `end` sets the timebox from
// the start (else today); `step` is one rung or "FROM -> TO".
struct PlanFields {
  std::string title;
  std::optional<int64_t> goal_id;
  std::string hypothesis;
  std::string metric;
  std::string step;
  std::vector<std::string> guardrails;
  std::vector<std::string> variants;
  std::optional<int32_t> timebox_days;
  std::string long_reason;
  std::string start;
  std::string end;
  std::string baseline_from;
  std::string baseline_to;
  std::string effort;  // S, M or L
  std::optional<double> expected_lift;
  std::string owner;
};

struct PlanRequest {
  std::string tactic;  // a tactic of tactics.toml to start from; the fields override it
  PlanFields fields;
};

// The planning aid: the plan's timebox is shorter than its metric needs
// to show the expected lift, so the plan could not teach anything.
struct PowerWarning {
  std::string metric;
  double lift_percent = 0;         // the plan's expected lift, else 20
  std::optional<int> days_needed;  // unset: too quiet for any short plan
  std::string why;                 // why, when days_needed is unset
};

struct PlanAdded {
  Plan plan;
  std::optional<PowerWarning> warning;
};
// Adds an idea (or a planned plan, with a start); the owner defaults to
// the caller. NotFound for an unknown tactic (listing them) or goal;
// InvalidArgument for bad fields (see LearningLoop::AddPlan).
Result<PlanAdded> AddPlan(Workspace& ws, const Caller& caller, const PlanRequest& request);

// Changes a plan that has not started; NotFound for an unknown plan,
// FailedPrecondition once it has started, InvalidArgument for bad fields.
Result<Plan> EditPlan(Workspace& ws, const Caller& caller, int64_t id, const PlanFields& fields);

// Deletes a plan that never started; NotFound for an unknown plan,
// FailedPrecondition once it has started.
Result<Deleted> DeletePlan(Workspace& ws, const Caller& caller, int64_t id);

// The next loop after decided plan `id`, created pre-filled if missing,
// with `changes` applied (what adapt adapts). NotFound for an unknown
// plan, FailedPrecondition for one not decided.
Result<Plan> NextPlan(Workspace& ws, const Caller& caller, int64_t id, const PlanFields& changes);

struct PlanDetail {
  Plan plan;
  std::vector<Plan> lineage;  // its chain of loops, first loop first
  std::vector<CheckIn> checkins;
  std::optional<Reflection> reflection;
  std::vector<HistoryEntry> history;  // every change, with who made it
};
// One plan as it reads today; NotFound for an unknown plan. Reads only.
Result<PlanDetail> ShowPlan(Workspace& ws, const Caller& caller, int64_t id);

struct PlanList {
  std::vector<Plan> plans;
};
// Every plan. Reads only.
Result<PlanList> ListPlans(Workspace& ws, const Caller& caller);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::PlanAdded& added);  // the plan's, and "power_warning" (or null)
Json ToJson(const app::PlanDetail& detail);
Json ToJson(const app::PlanList& list);

}  // namespace learnloop::json
