#include "golden_metrics.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "golden_file.h"
#include "ingest/observation_reader.h"
#include "ingest/person_attribute_reader.h"
#include "ladder/ladder_rules.h"
#include "learnloop/ladder.h"
#include "metrics/metric_defs.h"

namespace learnloop::golden {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMicrosPerDay = 86'400'000'000;
constexpr std::string_view kObservationSuffix = ":observation";
constexpr double kMaxCount = 1e6;  // events a series.csv cell may stand for

struct SeriesColumn {
  std::string name;
  bool observation = false;
};

// What series.csv adds: events and observations, and the metrics.toml that
// declares its columns.
struct SeriesData {
  std::vector<Event> events;
  std::vector<Observation> observations;
  std::string metrics_toml;
};

std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

std::optional<double> Number(const std::string& cell) {
  double value = 0;
  auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size() || value < 0) return std::nullopt;
  return value;
}

std::string DeclareColumn(const SeriesColumn& column) {
  if (column.observation)
    return fmt::format("[[metric]]\nname = \"{0}\"\ntype = \"observation\"\nobservation = \"{0}\"\n", column.name);
  return fmt::format("[[metric]]\nname = \"{0}\"\ntype = \"count\"\nkinds = [\"{0}\"]\n", column.name);
}

Status AddCell(const SeriesColumn& column, Day day, const std::string& cell, SeriesData& data) {
  if (cell.empty() && column.observation) return Status::Ok();
  std::optional<double> value = Number(cell);
  const bool count = value && *value <= kMaxCount && *value == std::floor(*value);
  if (!value || (!column.observation && !count))
    return InvalidArgument(fmt::format("{}: '{}' is not {}", column.name, cell,
                                       column.observation ? "a number >= 0 or empty" : "a count (0, 1, 2, ...)"));
  if (column.observation) {
    data.observations.push_back({day, "golden", "", column.name, *value});
    return Status::Ok();
  }
  for (int64_t i = 0; i < static_cast<int64_t>(*value); ++i) {
    // Noon UTC stays on the same local day in any zone a case would use.
    Timestamp ts{int64_t{day} * kMicrosPerDay + kMicrosPerDay / 2 + i};
    data.events.push_back({ts, "golden", fmt::format("{}-{}", column.name, i), column.name, "", std::nullopt, ""});
  }
  return Status::Ok();
}

Result<SeriesData> ReadSeries(const fs::path& file) {
  LL_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
  std::istringstream lines(text);
  std::string line;
  std::vector<SeriesColumn> columns;
  SeriesData data;
  for (int number = 1; std::getline(lines, line); ++number) {
    auto fail = [&](std::string_view problem) {
      return InvalidArgument(fmt::format("{}:{}: {}", file.string(), number, problem));
    };
    std::vector<std::string> cells = Cells(line);
    if (number == 1) {
      if (cells.size() < 2 || cells[0] != "day") return fail("expected a header 'day,NAME,...'");
      for (size_t i = 1; i < cells.size(); ++i) {
        const bool observation = cells[i].ends_with(kObservationSuffix);
        columns.push_back(
            {cells[i].substr(0, cells[i].size() - (observation ? kObservationSuffix.size() : 0)), observation});
        data.metrics_toml += DeclareColumn(columns.back());
      }
      continue;
    }
    if (cells.size() != columns.size() + 1) return fail(fmt::format("expected {} cells", columns.size() + 1));
    auto day = ParseDate(cells[0]);
    if (!day.ok()) return fail(day.status().message());
    for (size_t i = 0; i < columns.size(); ++i) {
      Status added = AddCell(columns[i], *day, cells[i + 1], data);
      if (!added.ok()) return fail(added.message());
    }
  }
  if (columns.empty()) return InvalidArgument(fmt::format("{}: file is empty", file.string()));
  return data;
}

Result<ladder::LadderRules> LoadRules(const fs::path& dir) {
  fs::path file = dir / "ladder.toml";
  if (!fs::exists(file)) return ladder::ParseLadderRules(ladder::DefaultLadderToml(), "default ladder.toml");
  LL_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
  return ladder::ParseLadderRules(text, "ladder.toml");
}

}  // namespace

Result<Metrics> LoadMetrics(const fs::path& dir, const TimeZone& zone) {
  engine::EventTableBuilder builder;
  if (fs::exists(dir / "events.csv")) {
    LL_RETURN_IF_ERROR(AddEvents(dir / "events.csv", builder));
  }
  SeriesData series;
  if (fs::exists(dir / "series.csv")) {
    LL_ASSIGN_OR_RETURN(series, ReadSeries(dir / "series.csv"));
  }
  for (const Event& event : series.events) LL_RETURN_IF_ERROR(builder.Add(event.view()));
  auto table = std::make_shared<const engine::EventTable>(std::move(builder).Build(zone));

  std::vector<Observation> observations = std::move(series.observations);
  if (fs::exists(dir / "observations.csv")) {
    LL_RETURN_IF_ERROR(ingest::ReadObservationsFile(dir / "observations.csv", zone, [&](const Observation& o) {
      observations.push_back(o);
      return Status::Ok();
    }));
  }
  std::vector<PersonAttribute> attributes;
  if (fs::exists(dir / "people.csv")) {
    LL_RETURN_IF_ERROR(ingest::ReadPersonAttributesFile(dir / "people.csv", {}, [&](const PersonAttribute& a) {
      attributes.push_back(a);
      return Status::Ok();
    }));
  }

  LL_ASSIGN_OR_RETURN(ladder::LadderRules rules, LoadRules(dir));
  metrics::ParseOptions options;
  for (const ladder::Rung& rung : rules.rungs) options.rung_names.push_back(rung.name);
  auto& stored = options.attribute_values.emplace();
  for (const PersonAttribute& a : attributes) stored[a.attribute].insert(a.value);
  std::string toml = std::move(series.metrics_toml);
  if (fs::exists(dir / "metrics.toml")) {
    LL_ASSIGN_OR_RETURN(toml, ReadFile(dir / "metrics.toml"));
  }
  LL_ASSIGN_OR_RETURN(std::vector<metrics::MetricDef> defs, metrics::ParseMetricsToml(toml, options));
  return Metrics(std::move(table), rules, std::move(defs), std::move(observations), attributes);
}

}  // namespace learnloop::golden
