#include <fmt/format.h>

#include "cli_context.h"
#include "learnloop/app/workspace.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct ImportFlags {
  std::vector<std::string> files;
  std::string map_file;
};

std::string SummaryText(const ImportSummary& s) {
  std::string text =
      fmt::format("{}: {} rows, {} new events", EscapeForTerminal(s.file), Thousands(s.rows), Thousands(s.added));
  if (s.duplicates > 0) text += fmt::format(", {} already in the workspace (not added again)", Thousands(s.duplicates));
  if (s.repeated > 0) text += fmt::format(", {} repeated within the file (kept once)", Thousands(s.repeated));
  if (s.added == 0 && s.rows > 0) text += " - nothing new";
  text += "\n";
  if (s.custom_kinds > 0)
    text += fmt::format("  warning: {} rows use a kind learnloop does not know; kept as custom kinds\n",
                        Thousands(s.custom_kinds));
  return text;
}

// The files imported before a bad one are reported (and kept) too.
Status RunImport(CliContext& ctx, ImportFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::EventImports done,
                      app::ImportEvents(ws, {{flags.files.begin(), flags.files.end()}, flags.map_file}));
  LL_RETURN_IF_ERROR(PrintResult(ctx, done, [](const app::EventImports& d) {
    std::string text;
    for (const ImportSummary& s : d.imports) text += SummaryText(s);
    return text;
  }));
  return done.failure;
}

void RegisterImport(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = AddCommand(app, ctx, flags, "import",
                             "Import event files (canonical CSV or JSON Lines). Each file is all-or-nothing;\n"
                             "rows already in the workspace are not added twice.",
                             RunImport);
  cmd->add_option("files", flags->files, "Event files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--map", flags->map_file, "TOML file mapping another CSV's columns onto the canonical ones")
      ->check(CLI::ExistingFile);
  AddJsonFlag(*cmd, ctx);
}

const CommandRegistrar kRegistrar(20, RegisterImport);

}  // namespace
}  // namespace learnloop::cli
