#include <fmt/format.h>

#include "cli_context.h"
#include "learnloop/app/workspace.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct InitFlags {
  InitOptions options;
};

Status RunInit(CliContext& ctx, InitFlags& flags) {
  LL_ASSIGN_OR_RETURN(app::CreatedWorkspace created, app::CreateWorkspace(ctx.workspace_dir, flags.options));
  return PrintResult(ctx, created, [](const app::CreatedWorkspace& c) {
    const std::string dir = EscapeForTerminal(c.dir.string());
    std::string text = fmt::format(
        "Created workspace {} (time zone {}).\n"
        "Ladder rules are in {}/{}; edit them to fit your organization.\n",
        dir, c.time_zone, dir, kLadderFileName);
    if (c.emails_hashed)
      text += fmt::format(
          "Emails will be kept as keyed hashes. The key is {}/{}: back it up apart from the workspace;\n"
          "without it no new import can link to the stored emails.\n",
          dir, kEmailKeyFileName);
    return text + fmt::format("Next: learnloop import FILE --workspace {}\n", dir);
  });
}

void RegisterInit(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<InitFlags>();
  CLI::App* cmd =
      AddCommand(app, ctx, flags, "init", "Create an empty workspace with the default ladder rules", RunInit);
  cmd->add_option("--time-zone", flags->options.time_zone, "IANA time zone for days and weeks (e.g. Europe/Berlin)")
      ->capture_default_str();
  cmd->add_option("--org", flags->options.org_name, "Organization name");
  cmd->add_flag("--hash-emails", flags->options.hash_emails,
                "Keep every email as a keyed hash, never as written (linking by email still works)");
  AddJsonFlag(*cmd, ctx);
}

const CommandRegistrar kRegistrar(10, RegisterInit);

}  // namespace
}  // namespace learnloop::cli
