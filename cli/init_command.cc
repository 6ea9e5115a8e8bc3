#include <fmt/format.h>

#include "cli_context.h"
#include "learnloop/app/workspace.h"

namespace learnloop::cli {
namespace {

struct InitFlags {
  InitOptions options;
};

Status RunInit(CliContext& ctx, InitFlags& flags) {
  LL_ASSIGN_OR_RETURN(app::CreatedWorkspace created, app::CreateWorkspace(ctx.workspace_dir, flags.options));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(created));
    return Status::Ok();
  }
  const std::string dir = created.dir.string();
  *ctx.out << fmt::format(
      "Created workspace {} (time zone {}).\n"
      "Ladder rules are in {}/{}; edit them to fit your organization.\n"
      "Next: learnloop import FILE --workspace {}\n",
      dir, created.time_zone, dir, kLadderFileName, dir);
  return Status::Ok();
}

void RegisterInit(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<InitFlags>();
  CLI::App* cmd =
      AddCommand(app, ctx, flags, "init", "Create an empty workspace with the default ladder rules", RunInit);
  cmd->add_option("--time-zone", flags->options.time_zone, "IANA time zone for days and weeks (e.g. Europe/Berlin)")
      ->capture_default_str();
  cmd->add_option("--org", flags->options.org_name, "Organization name");
  AddJsonFlag(*cmd, ctx);
}

const CommandRegistrar kRegistrar(10, RegisterInit);

}  // namespace
}  // namespace learnloop::cli
