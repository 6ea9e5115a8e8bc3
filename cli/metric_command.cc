#include <fmt/format.h>

#include <cmath>

#include "cli_context.h"
#include "learnloop/app/metrics.h"
#include "learnloop/event.h"
#include "person_group.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct MetricFlags {
  app::MetricSeriesRequest series;
  bool csv = false;
  std::string file;
};

// Whole numbers with thousands separators, fractions to 4 significant digits.
std::string ValueText(const std::optional<double>& value) {
  if (!value) return "-";
  if (std::abs(*value) < 1e15 && *value == std::trunc(*value)) return Thousands(static_cast<int64_t>(*value));
  return fmt::format("{:.4g}", *value);
}

Status RunList(CliContext& ctx, MetricFlags&) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::MetricList list, app::ListMetrics(ws));
  return PrintResult(ctx, list, [](const app::MetricList& l) {
    std::vector<std::vector<std::string>> rows = {{"metric", "type", "unit", "description"}};
    for (const MetricInfo& m : l.metrics) rows.push_back({m.name, m.type, m.unit, m.description});
    return FormatTable(rows);
  });
}

Day DayAt(const MetricSeries& series, size_t i) { return series.from + static_cast<Day>(i); }

// Missing values are empty cells, numbers read back exactly.
void PrintSeriesCsv(const CliContext& ctx, const app::MetricSeriesReport& report) {
  const MetricSeries& series = report.series;
  *ctx.out << "day," << report.info.name << "\n";
  for (size_t i = 0; i < series.values.size(); ++i)
    *ctx.out << FormatDate(DayAt(series, i)) << "," << (series.values[i] ? FormatValue(*series.values[i]) : "") << "\n";
}

void PrintSeriesTable(const CliContext& ctx, const app::MetricSeriesReport& report) {
  const MetricInfo& info = report.info;
  std::string header = info.unit.empty() ? info.name : fmt::format("{} ({})", info.name, info.unit);
  std::vector<std::vector<std::string>> rows = {{"day", header}};
  for (size_t i = 0; i < report.series.values.size(); ++i)
    rows.push_back({FormatDate(DayAt(report.series, i)), ValueText(report.series.values[i])});
  std::string text = info.description.empty() ? "" : info.description + "\n";
  if (!report.group.empty()) text += fmt::format("People with {}\n", GroupText(report.group));
  PrintText(*ctx.out, text + FormatTable(rows));
}

Status RunShow(CliContext& ctx, MetricFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::MetricSeriesReport report, app::ShowMetric(ws, flags.series));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(report));
  } else if (flags.csv) {
    PrintSeriesCsv(ctx, report);
  } else {
    PrintSeriesTable(ctx, report);
  }
  return Status::Ok();
}

Status RunImportObservations(CliContext& ctx, MetricFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::ObservationImport done, app::ImportObservations(ws, flags.file));
  return PrintResult(ctx, done, [](const app::ObservationImport& d) {
    const ObservationCounts& c = d.counts;
    return fmt::format("{}: {} rows, {} new observations, {} updated (newest import wins), {} unchanged\n",
                       EscapeForTerminal(d.file), Thousands(c.rows), Thousands(c.added), Thousands(c.updated),
                       Thousands(c.unchanged));
  });
}

void RegisterMetric(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<MetricFlags>();
  CLI::App* cmd =
      app.add_subcommand("metric", "Declared metrics (metrics.toml) as daily series, and observations import");
  cmd->require_subcommand(1);
  CLI::App* list =
      AddCommand(*cmd, ctx, flags, "list", "The workspace's metrics, as metrics.toml declares them", RunList);
  AddJsonFlag(*list, ctx);

  CLI::App* show =
      AddCommand(*cmd, ctx, flags, "show", "One metric as a daily series (default: the last 30 days)", RunShow);
  show->add_option("name", flags->series.name, "Metric name (see `learnloop metric list`)")->required();
  show->add_option("--from", flags->series.from,
                   "First day (YYYY-MM-DD, today, today-N; default: 29 days before --to)");
  show->add_option("--to", flags->series.to, "Last day")->capture_default_str();
  AddJsonFlag(*show, ctx);
  show->add_flag("--csv", flags->csv, "Print CSV (day,value; missing values empty)")->excludes("--json");
  AddPersonOption(*show, flags->series.person);

  CLI::App* observe = AddCommand(*cmd, ctx, flags, "import-observations",
                                 "Import an observations CSV (day,channel,content,metric,value); all-or-nothing",
                                 RunImportObservations);
  observe->add_option("file", flags->file, "Observations file")->required()->check(CLI::ExistingFile);
  AddJsonFlag(*observe, ctx);
}

const CommandRegistrar kRegistrar(50, RegisterMetric);

}  // namespace
}  // namespace learnloop::cli
