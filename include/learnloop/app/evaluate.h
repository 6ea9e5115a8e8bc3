// `evaluate`: did a change work? A plan's metric over its timebox against
// its baseline, or any metric over any window, with guardrails, a
// comparison metric and A/B variants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/app/caller.h"
#include "learnloop/json.h"
#include "learnloop/metric_evaluation.h"
#include "learnloop/people.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// Either a plan (which names everything) or an ad hoc reading: a metric,
// a window FROM..TO and a baseline FROM..TO (default: as many days just
// before), in the day words of ParseDay.
struct EvaluationRequest {
  std::optional<int64_t> plan_id;
  std::string metric;
  std::string window;
  std::string baseline;
  std::string compare;  // a metric the change did not touch
  std::vector<std::string> guardrails;
  std::vector<std::string> variants;  // two content tags, A then B (a plan names its own)
  double expected_lift_percent = 20;
  bool lower_is_better = false;
  std::vector<std::string> person;  // ad hoc only: the group (see ParseGroup)
};

// A/B variants are read beside the main evaluation; a comparison that
// cannot be made says why rather than failing the evaluation.
struct VariantOutcome {
  std::optional<VariantComparison> comparison;
  std::string why_not;  // empty when no variants were asked for or they compared
};

struct EvaluationReport {
  PeriodEvaluationRequest request;  // what was read: periods, today, guardrails
  Evaluation evaluation;
  VariantOutcome variants;
  std::vector<AttributeFilter> group;  // empty: everyone
  bool final() const { return request.today >= request.window_to; }
};

// Reads only. InvalidArgument for a plan together with a metric, window
// or baseline, for neither, for a group with a plan, and for bad or
// overlapping periods; NotFound for an unknown plan, metric or group
// value; FailedPrecondition for a plan that has not started.
Result<EvaluationReport> Evaluate(Workspace& ws, const Caller& caller, const EvaluationRequest& request);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::EvaluationReport& report);

}  // namespace learnloop::json
