#include <fmt/format.h>

#include <cmath>

#include "cli_context.h"
#include "learnloop/event.h"
#include "learnloop/metrics.h"
#include "person_group.h"

namespace learnloop::cli {
namespace {

struct MetricFlags {
  std::string name;
  std::string from;
  std::string to = "today";
  bool csv = false;
  std::string file;
  std::vector<std::string> person;  // --person: read the metric for one group
};

using Json = nlohmann::ordered_json;

// Whole numbers with thousands separators, fractions to 4 significant digits.
std::string ValueText(const std::optional<double>& value) {
  if (!value) return "-";
  if (std::abs(*value) < 1e15 && *value == std::trunc(*value)) return Thousands(static_cast<int64_t>(*value));
  return fmt::format("{:.4g}", *value);
}

Json ValueJson(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

int RunList(CliContext& ctx) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto metrics = ws->LoadMetrics();
  if (!metrics.ok()) return Fail(ctx, metrics.status());
  Json list = Json::array();
  std::vector<std::vector<std::string>> rows = {{"metric", "type", "unit", "description"}};
  for (const MetricInfo& m : metrics->List()) {
    list.push_back({{"name", m.name}, {"type", m.type}, {"unit", m.unit}, {"description", m.description}});
    rows.push_back({m.name, m.type, m.unit, m.description});
  }
  if (ctx.json) {
    PrintJson(ctx, {{"metrics", list}});
  } else {
    *ctx.out << FormatTable(rows);
  }
  return 0;
}

struct Range {
  Day from;
  Day to;
};

// --to defaults to today and --from to 29 days before --to: 30 days.
Result<Range> ParseRange(const MetricFlags& flags, Day today) {
  LL_ASSIGN_OR_RETURN(Day to, ParseDayFlag("--to", flags.to, today));
  if (flags.from.empty()) return Range{to - 29, to};
  LL_ASSIGN_OR_RETURN(Day from, ParseDayFlag("--from", flags.from, today));
  if (from > to) return InvalidArgument(fmt::format("--from {} is after --to {}", FormatDate(from), FormatDate(to)));
  return Range{from, to};
}

Day DayAt(const MetricSeries& series, size_t i) { return series.from + static_cast<Day>(i); }

void PrintSeriesJson(const CliContext& ctx, const MetricInfo& info, const MetricSeries& series,
                     const std::vector<AttributeFilter>& group) {
  Json points = Json::array();
  for (size_t i = 0; i < series.values.size(); ++i)
    points.push_back({{"day", FormatDate(DayAt(series, i))}, {"value", ValueJson(series.values[i])}});
  Json doc = {{"name", info.name},
              {"type", info.type},
              {"unit", info.unit},
              {"from", FormatDate(series.from)},
              {"to", FormatDate(DayAt(series, series.values.size() - 1))},
              {"points", points}};
  if (!group.empty()) doc["group"] = GroupJson(group);
  PrintJson(ctx, doc);
}

// Missing values are empty cells, numbers read back exactly.
void PrintSeriesCsv(const CliContext& ctx, const MetricInfo& info, const MetricSeries& series) {
  *ctx.out << "day," << info.name << "\n";
  for (size_t i = 0; i < series.values.size(); ++i)
    *ctx.out << FormatDate(DayAt(series, i)) << "," << (series.values[i] ? FormatValue(*series.values[i]) : "") << "\n";
}

void PrintSeriesTable(const CliContext& ctx, const MetricInfo& info, const MetricSeries& series,
                      const std::vector<AttributeFilter>& group) {
  std::string header = info.unit.empty() ? info.name : fmt::format("{} ({})", info.name, info.unit);
  std::vector<std::vector<std::string>> rows = {{"day", header}};
  for (size_t i = 0; i < series.values.size(); ++i)
    rows.push_back({FormatDate(DayAt(series, i)), ValueText(series.values[i])});
  if (!info.description.empty()) *ctx.out << info.description << "\n";
  if (!group.empty()) *ctx.out << fmt::format("People with {}\n", GroupText(group));
  *ctx.out << FormatTable(rows);
}

int RunShow(CliContext& ctx, const MetricFlags& flags) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto range = ParseRange(flags, ws->Today());
  if (!range.ok()) return Fail(ctx, range.status());
  auto group = ParseGroup(flags.person);
  if (!group.ok()) return Fail(ctx, group.status());
  auto metrics = ws->LoadMetrics(*group);
  if (!metrics.ok()) return Fail(ctx, metrics.status());
  auto series = metrics->Series(flags.name, range->from, range->to);
  if (!series.ok()) return Fail(ctx, series.status());
  for (const MetricInfo& info : metrics->List()) {
    if (info.name != flags.name) continue;
    if (ctx.json) {
      PrintSeriesJson(ctx, info, *series, *group);
    } else if (flags.csv) {
      PrintSeriesCsv(ctx, info, *series);
    } else {
      PrintSeriesTable(ctx, info, *series, *group);
    }
  }
  return 0;
}

int RunImportObservations(CliContext& ctx, const MetricFlags& flags) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto counts = ws->ImportObservations(flags.file);
  if (!counts.ok())
    return Fail(ctx,
                counts.status().WithContext(fmt::format("{} was not imported (nothing from it was kept)", flags.file)));
  if (ctx.json) {
    PrintJson(ctx, {{"file", flags.file},
                    {"rows", counts->rows},
                    {"added", counts->added},
                    {"updated", counts->updated},
                    {"unchanged", counts->unchanged}});
  } else {
    *ctx.out << fmt::format("{}: {} rows, {} new observations, {} updated (newest import wins), {} unchanged\n",
                            flags.file, Thousands(counts->rows), Thousands(counts->added), Thousands(counts->updated),
                            Thousands(counts->unchanged));
  }
  return 0;
}

void RegisterMetric(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<MetricFlags>();
  CLI::App* cmd =
      app.add_subcommand("metric", "Declared metrics (metrics.toml) as daily series, and observations import");
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand("list", "The workspace's metrics, as metrics.toml declares them");
  AddJsonFlag(*list, ctx);
  list->callback([&ctx] { ctx.run = [&ctx] { return RunList(ctx); }; });

  CLI::App* show = cmd->add_subcommand("show", "One metric as a daily series (default: the last 30 days)");
  show->add_option("name", flags->name, "Metric name (see `learnloop metric list`)")->required();
  show->add_option("--from", flags->from, "First day (YYYY-MM-DD, today, today-N; default: 29 days before --to)");
  show->add_option("--to", flags->to, "Last day")->capture_default_str();
  AddJsonFlag(*show, ctx);
  show->add_flag("--csv", flags->csv, "Print CSV (day,value; missing values empty)")->excludes("--json");
  AddPersonOption(*show, flags->person);
  show->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunShow(ctx, *flags); }; });

  CLI::App* observe = cmd->add_subcommand(
      "import-observations", "Import an observations CSV (day,channel,content,metric,value); all-or-nothing");
  observe->add_option("file", flags->file, "Observations file")->required()->check(CLI::ExistingFile);
  AddJsonFlag(*observe, ctx);
  observe->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunImportObservations(ctx, *flags); }; });
}

const CommandRegistrar kRegistrar(50, RegisterMetric);

}  // namespace
}  // namespace learnloop::cli
