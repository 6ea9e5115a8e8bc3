// The metrics' operations: the declared metrics, one metric as a daily
// series (for everyone or a group), and the import of observations.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "learnloop/json.h"
#include "learnloop/metrics.h"
#include "learnloop/people.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

struct MetricList {
  std::vector<MetricInfo> metrics;  // as metrics.toml declares them
};
// Errors name metrics.toml's file, metric and key at fault.
Result<MetricList> ListMetrics(Workspace& ws);

struct MetricSeriesRequest {
  std::string name;
  std::string from;  // a day word (see ParseDay); empty: 29 days before `to`
  std::string to = "today";
  std::vector<std::string> person;  // a group (see ParseGroup); empty: everyone
};
struct MetricSeriesReport {
  MetricInfo info;
  MetricSeries series;
  std::vector<AttributeFilter> group;
};
// The metric's daily values over [from, to]. NotFound (listing the names)
// for an unknown metric or group attribute; InvalidArgument for a bad day,
// group or range.
Result<MetricSeriesReport> ShowMetric(Workspace& ws, const MetricSeriesRequest& request);

struct ObservationImport {
  std::string file;
  ObservationCounts counts;
};
// Imports an observations file atomically (a stored observation takes the
// file's value); errors name the file, line and field, and keep nothing.
Result<ObservationImport> ImportObservations(Workspace& ws, const std::filesystem::path& file);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::MetricList& list);
Json ToJson(const app::MetricSeriesReport& report);
Json ToJson(const app::ObservationImport& done);

}  // namespace learnloop::json
