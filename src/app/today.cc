#include <memory>
#include <utility>

#include "app/metric_reader.h"
#include "learnloop/app/loop.h"
#include "learnloop/metric_evaluation.h"

namespace learnloop::app {
namespace {

std::map<int64_t, PlanEvaluation> EvaluateRunning(const TodayBrief& brief, const Result<Metrics>& metrics) {
  std::map<int64_t, PlanEvaluation> evaluations;
  for (const RunningPlanBrief& running : brief.running) {
    PlanEvaluation& reading = evaluations[running.plan.id];
    if (!metrics.ok()) {
      reading.why_not = metrics.status().message();
      continue;
    }
    auto request = RequestForPlan(running.plan, *metrics, brief.today);
    auto evaluation = request.ok() ? EvaluateMetricPeriods(*metrics, *request) : Result<Evaluation>(request.status());
    if (evaluation.ok()) {
      reading.evaluation = std::move(evaluation).value();
    } else {
      reading.why_not = evaluation.status().message();
    }
  }
  return evaluations;
}

}  // namespace

Result<TodayReport> Today(Workspace& ws, const Caller& caller) {
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(caller.actor, caller.today));
  LL_ASSIGN_OR_RETURN(Ladder ladder, ws.LoadLadder());
  auto metrics = std::make_shared<const Result<Metrics>>(ws.LoadMetrics());
  TodayReport report;
  LL_ASSIGN_OR_RETURN(report.brief, BuildTodayBrief(loop, ladder, MakeMetricReader(ladder, metrics)));
  report.evaluations = EvaluateRunning(report.brief, *metrics);
  return report;
}

}  // namespace learnloop::app
