#include "learnloop/app/learnings.h"

namespace learnloop::app {

Result<LoopHealth> ReadLoopHealth(Workspace& ws, const Caller& caller) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(std::vector<Plan> plans, loop.Plans());
  LL_ASSIGN_OR_RETURN(std::vector<Reflection> reflections, loop.Reflections());
  return ComputeLoopHealth(plans, reflections);
}

Result<LearningSearch> SearchLearnings(Workspace& ws, const Caller& caller, const LearningQuery& query) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  if (query.limit < 1) return InvalidArgument("--limit must be at least 1");
  LearningSearch search;
  search.query = query.text;
  LL_ASSIGN_OR_RETURN(search.hits, loop.SearchLearnings(query.text, query.limit));
  return search;
}

}  // namespace learnloop::app
