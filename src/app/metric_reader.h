// How the application reads the metrics that goals and plans name.
#pragma once

#include <memory>

#include "learnloop/loop.h"
#include "learnloop/metrics.h"

namespace learnloop::app {

// Reads rung metrics from `ladder` and named ones from `metrics` (the
// workspace's metrics.toml, loaded once per operation); when it did not load, named metrics read as not available, with
// the reason, rather than failing the whole operation.
MetricReader MakeMetricReader(Ladder ladder, std::shared_ptr<const Result<Metrics>> metrics);

}  // namespace learnloop::app
