// What the loops teach: loop health and the search of learnings. Both
// read only.
#pragma once

#include <string>
#include <vector>

#include "learnloop/app/caller.h"
#include "learnloop/json.h"
#include "learnloop/loop.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// Loops completed, cycle time, prompt decisions, verdicts and learnings
// per month, over every plan and reflection.
Result<LoopHealth> ReadLoopHealth(Workspace& ws, const Caller& caller);

struct LearningQuery {
  std::string text;  // every word must match
  int limit = 10;
};
struct LearningSearch {
  std::string query;
  std::vector<LearningHit> hits;  // best match first
};
// InvalidArgument for a limit below 1 or text without words.
Result<LearningSearch> SearchLearnings(Workspace& ws, const Caller& caller, const LearningQuery& query);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const LoopHealth& health);
Json ToJson(const app::LearningSearch& search);

}  // namespace learnloop::json
