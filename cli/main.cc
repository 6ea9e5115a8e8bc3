// learnloop: the command line front end. Each subcommand lives in its own
// file and registers itself; this file parses and runs the chosen one.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "cli_context.h"
#include "version.h"

namespace {

// Parses the command line and runs the chosen command.
int Run(int argc, char** argv) {
  learnloop::cli::CliContext ctx;
  CLI::App app{
      "learnloop: learning loops for networked nonprofits.\n"
      "Import your events, see who climbs the ladder of engagement, and learn what works.",
      "learnloop"};
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.set_version_flag("--version", std::string("learnloop ") + learnloop::cli::kVersion);
  app.require_subcommand(1);
  app.fallthrough();  // global flags such as --workspace may follow the subcommand
  // Usage errors quote the command line, which may hold anything.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    return learnloop::EscapeLinesForTerminal(CLI::FailureMessage::simple(failed, e));
  });
  app.add_option("-w,--workspace", ctx.workspace_dir, "Workspace directory")
      ->envname("LEARNLOOP_WORKSPACE")
      ->capture_default_str();
  learnloop::cli::RegisterCommands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help exits 0; every usage error exits 2, whatever CLI11's own code.
    return app.exit(e) == 0 ? 0 : 2;
  }
  return ctx.run ? ctx.run() : 0;
}

}  // namespace

// Expected failures come back as a Status; an exception is a bug.
int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "internal error (please report it): " << learnloop::EscapeForTerminal(e.what()) << "\n";
  } catch (...) {
    std::cerr << "internal error (please report it): an unknown exception\n";
  }
  return 70;
}
