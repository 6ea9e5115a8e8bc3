#include <fmt/format.h>

#include "cli_context.h"

namespace learnloop::cli {
namespace {

struct InitFlags {
  InitOptions options;
};

int RunInit(CliContext& ctx, const InitFlags& flags) {
  auto ws = Workspace::Init(ctx.workspace_dir, flags.options);
  if (!ws.ok()) return Fail(ctx, ws.status());
  if (ctx.json) {
    PrintJson(ctx, {{"workspace", ctx.workspace_dir}, {"time_zone", ws->time_zone().name()}});
  } else {
    *ctx.out << fmt::format(
        "Created workspace {} (time zone {}).\n"
        "Ladder rules are in {}/{}; edit them to fit your organization.\n"
        "Next: learnloop import FILE --workspace {}\n",
        ctx.workspace_dir, ws->time_zone().name(), ctx.workspace_dir, kLadderFileName, ctx.workspace_dir);
  }
  return 0;
}

}  // namespace

namespace {

void RegisterInit(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<InitFlags>();
  CLI::App* cmd = app.add_subcommand("init", "Create an empty workspace with the default ladder rules");
  cmd->add_option("--time-zone", flags->options.time_zone, "IANA time zone for days and weeks (e.g. Europe/Berlin)")
      ->capture_default_str();
  cmd->add_option("--org", flags->options.org_name, "Organization name");
  AddJsonFlag(*cmd, ctx);
  cmd->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunInit(ctx, *flags); }; });
}

const CommandRegistrar kRegistrar(10, RegisterInit);

}  // namespace

}  // namespace learnloop::cli
