#include "learnloop/app/input.h"
#include "learnloop/app/metrics.h"

namespace learnloop::json {

Json ToJson(const app::MetricList& list) {
  Json metrics = Json::array();
  for (const MetricInfo& m : list.metrics)
    metrics.push_back({{"name", m.name}, {"type", m.type}, {"unit", m.unit}, {"description", m.description}});
  return {{"metrics", metrics}};
}

Json ToJson(const app::MetricSeriesReport& report) {
  const MetricSeries& series = report.series;
  Json points = Json::array();
  for (size_t i = 0; i < series.values.size(); ++i)
    points.push_back(
        {{"day", FormatDate(series.from + static_cast<Day>(i))}, {"value", NumberOrNull(series.values[i])}});
  Json doc = {{"name", report.info.name},
              {"type", report.info.type},
              {"unit", report.info.unit},
              {"from", FormatDate(series.from)},
              {"to", FormatDate(series.from + static_cast<Day>(series.values.size()) - 1)},
              {"points", points}};
  if (!report.group.empty()) doc["group"] = GroupJson(report.group);
  return doc;
}

Json ToJson(const app::ObservationImport& done) {
  const ObservationCounts& c = done.counts;
  return {
      {"file", done.file}, {"rows", c.rows}, {"added", c.added}, {"updated", c.updated}, {"unchanged", c.unchanged}};
}

}  // namespace learnloop::json
