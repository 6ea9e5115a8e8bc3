// The learning loop's operations: today's brief, and what the loop's
// areas share. Goals are in app/goals.h, plans in app/plans.h (changes),
// app/plan_steps.h (the run: start to decision) and app/board.h (board,
// portfolio, tactics), loop health and learnings in app/learnings.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/app/caller.h"
#include "learnloop/evaluate.h"
#include "learnloop/json.h"
#include "learnloop/loop.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// What a delete removed.
struct Deleted {
  int64_t id = 0;
  std::string title;
};

// ---- the learning loop: today's brief --------------------------------

// A running plan's interim evaluation (valid however often the team
// looks), or why there is none.
struct PlanEvaluation {
  std::optional<Evaluation> evaluation;
  std::string why_not;
};

// The daily 9-minute check-in: the brief and, for each running plan (by
// id), its interim evaluation.
struct TodayReport {
  TodayBrief brief;
  std::map<int64_t, PlanEvaluation> evaluations;
};
// Reads only: running plans past their end show as due for review.
Result<TodayReport> Today(Workspace& ws, const Caller& caller);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::Deleted& deleted);  // {"deleted": id}
Json ToJson(const Plan& plan);
Json ToJson(const std::vector<Plan>& plans);  // an array
Json ToJson(const InterimReading& r);
Json ToJson(const app::PlanEvaluation& r);
Json ToJson(const app::TodayReport& report);

}  // namespace learnloop::json
