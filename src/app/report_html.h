// The report's page, from what the operations returned (see report.h):
// the sections in order, every piece of data escaped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "learnloop/app/evaluate.h"
#include "learnloop/app/goals.h"
#include "learnloop/app/ladder.h"
#include "learnloop/app/plans.h"
#include "learnloop/app/workspace.h"

namespace learnloop::app {

// A plan in play in the period, with its evaluation or why there is none.
struct ReportPlan {
  PlanDetail detail;
  std::optional<EvaluationReport> evaluation;
  std::string why_not;
};

struct ReportLearning {
  Reflection reflection;
  std::string plan_title;
  bool plan_shown = false;  // the plan is among the report's plans (a link to it works)
};

struct ReportData {
  WorkspaceReport workspace;
  Day from = 0;
  Day to = 0;
  Day generated = 0;
  std::string generator;
  LadderReport ladder;  // as of `to`, with the movement from `from`
  LadderSeriesReport series;
  GoalList goals;
  std::vector<ReportPlan> plans;
  std::vector<ReportLearning> learnings;  // recorded in the period
};

std::string ReportHtml(const ReportData& data);

}  // namespace learnloop::app
