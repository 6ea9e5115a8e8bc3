#include "learnloop/app/plan_steps.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "learnloop/app/input.h"

namespace learnloop::app {
namespace {

// "a, b,,c" -> {"a", "b", "c"}
std::vector<std::string> SplitTags(const std::string& text) {
  std::vector<std::string> tags;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = std::min(text.find(',', begin), text.size());
    std::string tag = text.substr(begin, end - begin);
    tag.erase(0, tag.find_first_not_of(' '));
    tag.erase(tag.find_last_not_of(' ') + 1);
    if (!tag.empty()) tags.push_back(tag);
    begin = end + 1;
  }
  return tags;
}

}  // namespace

Result<Plan> StartPlan(Workspace& ws, const Caller& caller, const PlanStart& request) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  std::optional<Day> start;
  if (!request.start.empty()) {
    LL_ASSIGN_OR_RETURN(start, ParseDay("--start", request.start, loop.options().today));
  }
  return loop.StartPlan(request.id, start);
}

Result<CheckIn> CheckInOnPlan(Workspace& ws, const Caller& caller, const CheckInRequest& request) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  CheckIn note;
  note.plan_id = request.plan_id;
  if (!request.day.empty()) {
    LL_ASSIGN_OR_RETURN(note.day, ParseDay("--day", request.day, loop.options().today));
  }
  note.done = request.done;
  note.next = request.next;
  note.blocked = request.blocked;
  return loop.AddCheckIn(std::move(note));
}

Result<Plan> ReviewPlan(Workspace& ws, const Caller& caller, const PlanReview& request) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(ReviewVerdict verdict, ParseReviewVerdict(request.verdict));
  return loop.ReviewPlan(request.id, verdict);
}

Result<Reflection> ReflectOnPlan(Workspace& ws, const Caller& caller, const ReflectionRequest& request) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  Reflection r;
  r.plan_id = request.plan_id;
  r.expected = request.expected;
  r.happened = request.happened;
  r.why = request.why;
  r.learned = request.learned;
  r.tags = SplitTags(request.tags);
  return loop.Reflect(std::move(r));
}

Result<Plan> DecidePlan(Workspace& ws, const Caller& caller, const PlanDecision& request) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Decision decision, ParseDecision(request.decision));
  return loop.DecidePlan(request.id, decision, request.reason);
}

}  // namespace learnloop::app
