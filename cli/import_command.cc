#include <fmt/format.h>

#include "cli_context.h"

namespace learnloop::cli {
namespace {

struct ImportFlags {
  std::vector<std::string> files;
  std::string map_file;
};

nlohmann::ordered_json SummaryJson(const ImportSummary& s) {
  return {{"file", s.file},   {"sha256", s.sha256},         {"import_id", s.import_id},      {"rows", s.rows},
          {"added", s.added}, {"duplicates", s.duplicates}, {"custom_kinds", s.custom_kinds}};
}

std::string SummaryText(const ImportSummary& s) {
  std::string text = fmt::format("{}: {} rows, {} new events", s.file, Thousands(s.rows), Thousands(s.added));
  if (s.duplicates > 0) text += fmt::format(", {} already in the workspace (not added again)", Thousands(s.duplicates));
  if (s.added == 0 && s.rows > 0) text += " - nothing new";
  text += "\n";
  if (s.custom_kinds > 0)
    text += fmt::format("  warning: {} rows use a kind learnloop does not know; kept as custom kinds\n",
                        Thousands(s.custom_kinds));
  return text;
}

// Each file is its own transaction: a bad file is rejected whole and the
// files before it stay imported.
int RunImport(CliContext& ctx, const ImportFlags& flags) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  ImportOptions options;
  options.mapping_file = flags.map_file;
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  int exit_code = 0;
  for (const std::string& file : flags.files) {
    auto summary = ws->Import(file, options);
    if (!summary.ok()) {
      exit_code =
          Fail(ctx, summary.status().WithContext(fmt::format("{} was not imported (nothing from it was kept)", file)));
      break;
    }
    if (ctx.json) {
      results.push_back(SummaryJson(*summary));
    } else {
      *ctx.out << SummaryText(*summary);
    }
  }
  if (ctx.json) PrintJson(ctx, {{"imports", results}});
  return exit_code;
}

}  // namespace

namespace {

void RegisterImport(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand("import",
                                     "Import event files (canonical CSV or JSON Lines). Each file is all-or-nothing;\n"
                                     "rows already in the workspace are not added twice.");
  cmd->add_option("files", flags->files, "Event files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--map", flags->map_file, "TOML file mapping another CSV's columns onto the canonical ones")
      ->check(CLI::ExistingFile);
  AddJsonFlag(*cmd, ctx);
  cmd->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunImport(ctx, *flags); }; });
}

const CommandRegistrar kRegistrar(20, RegisterImport);

}  // namespace

}  // namespace learnloop::cli
