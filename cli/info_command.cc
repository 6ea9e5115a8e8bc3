// `learnloop info`: what a workspace holds, at a glance.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli_context.h"
#include "learnloop/people.h"

namespace learnloop::cli {
namespace {

using Json = nlohmann::ordered_json;

int RunInfo(CliContext& ctx) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto info = ws->Info();
  if (!info.ok()) return Fail(ctx, info.status());
  auto attributes = ws->SummarizePersonAttributes();
  if (!attributes.ok()) return Fail(ctx, attributes.status());
  if (ctx.json) {
    Json imports = Json::array();
    for (const ImportSummary& i : info->recent_imports)
      imports.push_back({{"id", i.import_id},
                         {"file", i.file},
                         {"rows", i.rows},
                         {"added", i.added},
                         {"duplicates", i.duplicates},
                         {"finished_at", i.finished_at}});
    Json names = Json::array();
    for (const AttributeSummary& a : *attributes) names.push_back({{"attribute", a.attribute}, {"people", a.people}});
    PrintJson(ctx, {{"workspace", info->dir.string()},
                    {"org_name", info->org_name},
                    {"time_zone", info->time_zone},
                    {"events", info->events},
                    {"people", info->people},
                    {"imports", info->imports},
                    {"recent_imports", imports},
                    {"attributes", names}});
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"workspace", info->dir.string()}};
  if (!info->org_name.empty()) rows.push_back({"organization", info->org_name});
  rows.push_back({"time zone", info->time_zone});
  rows.push_back({"events", Thousands(info->events)});
  rows.push_back({"people", Thousands(info->people)});
  rows.push_back({"event imports", Thousands(info->imports)});
  std::vector<std::string> names;
  for (const AttributeSummary& a : *attributes)
    names.push_back(fmt::format("{} ({} people)", a.attribute, Thousands(a.people)));
  rows.push_back(
      {"attributes", names.empty() ? "none (learnloop people import)" : fmt::format("{}", fmt::join(names, ", "))});
  *ctx.out << FormatTable(rows);
  if (info->recent_imports.empty()) return 0;
  std::vector<std::vector<std::string>> imports = {{"import", "file", "rows", "added", "duplicates", "finished"}};
  for (const ImportSummary& i : info->recent_imports)
    imports.push_back({std::to_string(i.import_id), i.file, Thousands(i.rows), Thousands(i.added),
                       Thousands(i.duplicates), i.finished_at});
  *ctx.out << "\nLatest imports\n" << FormatTable(imports);
  return 0;
}

void RegisterInfo(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("info", "What the workspace holds: events, people, attributes, latest imports");
  AddJsonFlag(*cmd, ctx);
  cmd->callback([&ctx] { ctx.run = [&ctx] { return RunInfo(ctx); }; });
}

const CommandRegistrar kRegistrar(15, RegisterInfo);

}  // namespace
}  // namespace learnloop::cli
