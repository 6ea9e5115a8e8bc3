#include "learnloop/app/metrics.h"

#include <fmt/format.h>

#include "learnloop/app/input.h"

namespace learnloop::app {
namespace {

struct Range {
  Day from;
  Day to;
};

// `to` defaults to today and `from` to 29 days before `to`: 30 days.
Result<Range> ParseRange(const MetricSeriesRequest& request, Day today) {
  LL_ASSIGN_OR_RETURN(Day to, ParseDay("--to", request.to, today));
  if (request.from.empty()) return Range{to - 29, to};
  LL_ASSIGN_OR_RETURN(Day from, ParseDay("--from", request.from, today));
  if (from > to) return InvalidArgument(fmt::format("--from {} is after --to {}", FormatDate(from), FormatDate(to)));
  return Range{from, to};
}

}  // namespace

Result<MetricList> ListMetrics(Workspace& ws) {
  LL_ASSIGN_OR_RETURN(Metrics metrics, ws.LoadMetrics());
  return MetricList{metrics.List()};
}

Result<MetricSeriesReport> ShowMetric(Workspace& ws, const MetricSeriesRequest& request) {
  LL_ASSIGN_OR_RETURN(Range range, ParseRange(request, ws.Today()));
  LL_ASSIGN_OR_RETURN(std::vector<AttributeFilter> group, ParseGroup(request.person));
  LL_ASSIGN_OR_RETURN(Metrics metrics, ws.LoadMetrics(group));
  LL_ASSIGN_OR_RETURN(MetricSeries series, metrics.Series(request.name, range.from, range.to));
  MetricSeriesReport report{MetricInfo{request.name, "", "", ""}, std::move(series), std::move(group)};
  for (const MetricInfo& info : metrics.List())
    if (info.name == request.name) report.info = info;
  return report;
}

Result<ObservationImport> ImportObservations(Workspace& ws, const std::filesystem::path& file) {
  auto counts = ws.ImportObservations(file);
  if (!counts.ok())
    return counts.status().WithContext(fmt::format("{} was not imported (nothing from it was kept)", file.string()));
  return ObservationImport{file.string(), *counts};
}

}  // namespace learnloop::app
