// How the application reads the metrics that goals and plans name.
#pragma once

#include <memory>

#include "learnloop/loop.h"
#include "learnloop/metrics.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// Reads rung metrics from `ladder` and named ones from `metrics` (the
// workspace's metrics.toml, loaded once per operation); when it did not
// load, named metrics read as not available, with the reason, rather than
// failing the whole operation.
MetricReader MakeMetricReader(Ladder ladder, std::shared_ptr<const Result<Metrics>> metrics);

// The reader of `ws`'s ladder and metrics; fails only when the ladder
// does not load.
Result<MetricReader> LoadMetricReader(Workspace& ws);

}  // namespace learnloop::app
