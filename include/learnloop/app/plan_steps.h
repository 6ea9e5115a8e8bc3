// A plan's run, from start to decision: start, check in, review, reflect,
// decide. Days are given as people write them (see ParseDay in app/input.h); every
// step fails with NotFound for an unknown plan and FailedPrecondition for
// a plan in the wrong state, with a message saying what to do.
#pragma once

#include <cstdint>
#include <string>

#include "learnloop/app/caller.h"
#include "learnloop/app/loop.h"
#include "learnloop/json.h"
#include "learnloop/loop.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

struct PlanStart {
  int64_t id = 0;
  std::string start;  // default: its planned start, else today
};
// The running plan; FailedPrecondition past the work-in-progress limit.
Result<Plan> StartPlan(Workspace& ws, const Caller& caller, const PlanStart& request);

struct CheckInRequest {
  int64_t plan_id = 0;
  std::string day;  // default today
  std::string done;
  std::string next;
  std::string blocked;
};
// The stored notes on a running plan.
Result<CheckIn> CheckInOnPlan(Workspace& ws, const Caller& caller, const CheckInRequest& request);

struct PlanReview {
  int64_t id = 0;
  std::string verdict;  // win, loss or inconclusive
};
// Ends the plan's run; InvalidArgument for an unknown verdict.
Result<Plan> ReviewPlan(Workspace& ws, const Caller& caller, const PlanReview& request);

struct ReflectionRequest {
  int64_t plan_id = 0;
  std::string expected;
  std::string happened;
  std::string why;
  std::string learned;  // required
  std::string tags;     // comma-separated
};
// The stored after-action review; InvalidArgument without learnings.
Result<Reflection> ReflectOnPlan(Workspace& ws, const Caller& caller, const ReflectionRequest& request);

struct PlanDecision {
  int64_t id = 0;
  std::string decision;  // adopt, adapt, abandon or extend
  std::string reason;    // required
};
// The decided plan; adapt and extend create the next loop (its next_id).
// InvalidArgument for an unknown decision or no reason.
Result<Plan> DecidePlan(Workspace& ws, const Caller& caller, const PlanDecision& request);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const CheckIn& checkin);
Json ToJson(const Reflection& reflection);

}  // namespace learnloop::json
