// `learnloop info`: what a workspace holds, at a glance.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli_context.h"
#include "learnloop/app/workspace.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct InfoFlags {};

std::string InfoText(const app::WorkspaceReport& report) {
  const WorkspaceInfo& info = report.info;
  std::vector<std::vector<std::string>> rows = {{"workspace", info.dir.string()}};
  if (!info.org_name.empty()) rows.push_back({"organization", info.org_name});
  rows.push_back({"time zone", info.time_zone});
  if (info.emails_hashed)
    rows.push_back({"emails", fmt::format("kept as keyed hashes (key in {})", kEmailKeyFileName)});
  rows.push_back({"events", Thousands(info.events)});
  rows.push_back({"people", Thousands(info.people)});
  rows.push_back({"event imports", Thousands(info.imports)});
  std::vector<std::string> names;
  for (const AttributeSummary& a : report.attributes)
    names.push_back(fmt::format("{} ({} people)", a.attribute, Thousands(a.people)));
  rows.push_back(
      {"attributes", names.empty() ? "none (learnloop people import)" : fmt::format("{}", fmt::join(names, ", "))});
  std::string text = FormatTable(rows);
  if (info.recent_imports.empty()) return text;
  std::vector<std::vector<std::string>> imports = {
      {"import", "file", "rows", "added", "duplicates", "repeated", "finished"}};
  for (const ImportSummary& i : info.recent_imports)
    imports.push_back({std::to_string(i.import_id), i.file, Thousands(i.rows), Thousands(i.added),
                       Thousands(i.duplicates), Thousands(i.repeated), i.finished_at});
  return text + "\nLatest imports\n" + FormatTable(imports);
}

Status RunInfo(CliContext& ctx, InfoFlags&) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::WorkspaceReport report, app::ShowWorkspace(ws));
  return PrintResult(ctx, report, InfoText);
}

void RegisterInfo(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = AddCommand(app, ctx, std::make_shared<InfoFlags>(), "info",
                             "What the workspace holds: events, people, attributes, latest imports", RunInfo);
  AddJsonFlag(*cmd, ctx);
}

const CommandRegistrar kRegistrar(15, RegisterInfo);

}  // namespace
}  // namespace learnloop::cli
