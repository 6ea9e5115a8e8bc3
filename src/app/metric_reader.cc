#include "app/metric_reader.h"

#include <utility>

namespace learnloop::app {

MetricReader MakeMetricReader(Ladder ladder, std::shared_ptr<const Result<Metrics>> metrics) {
  return MetricReader(
      std::move(ladder),
      [m = std::move(metrics)](std::string_view name, Day from, Day to) -> Result<std::vector<std::optional<double>>> {
        if (!m->ok()) return m->status();
        LL_ASSIGN_OR_RETURN(MetricSeries series, (*m)->Series(name, from, to));
        return series.values;
      });
}

Result<MetricReader> LoadMetricReader(Workspace& ws) {
  LL_ASSIGN_OR_RETURN(Ladder ladder, ws.LoadLadder());
  return MakeMetricReader(std::move(ladder), std::make_shared<const Result<Metrics>>(ws.LoadMetrics()));
}

}  // namespace learnloop::app
