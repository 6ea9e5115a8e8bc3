#include <filesystem>

#include "cli_context.h"
#include "learnloop/app/workspace.h"

namespace learnloop::cli {
namespace {

struct ExportFlags {
  std::string what;
  std::string format = "csv";
  std::string out_file;
};

Status RunExport(CliContext& ctx, ExportFlags& flags) {
  LL_ASSIGN_OR_RETURN(app::ExportRequest request, app::ParseExportRequest(flags.what, flags.format));
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  if (flags.out_file.empty() || flags.out_file == "-") return app::ExportWorkspace(ws, request, *ctx.out);
  return app::ExportWorkspace(ws, request, std::filesystem::path(flags.out_file));
}

void RegisterExport(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* cmd =
      AddCommand(app, ctx, flags, "export", "Write the workspace's data in the canonical format", RunExport);
  cmd->add_option("what", flags->what, "events, or people (person attributes as person,attribute,value CSV)")
      ->required()
      ->check(CLI::IsMember({"events", "people"}));
  cmd->add_option("--format", flags->format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("-o,--out", flags->out_file, "Output file (default: standard output)");
}

const CommandRegistrar kRegistrar(30, RegisterExport);

}  // namespace
}  // namespace learnloop::cli
