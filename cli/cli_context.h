// What every subcommand shares: the global flags, output helpers and the
// way a command reports failure. Subcommands use only include/learnloop/.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/status.h"
#include "learnloop/terminal_text.h"
#include "learnloop/time.h"
#include "learnloop/workspace.h"

namespace learnloop::cli {

struct CliContext {
  std::string workspace_dir = std::string(kDefaultWorkspaceDir);
  bool json = false;
  // The chosen subcommand's body; returns the process exit code (see
  // ExitCode).
  std::function<int()> run;
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
};

// Exit codes: 0 success, 1 the command failed, 2 bad usage (CLI11's own).
inline constexpr int kExitFailure = 1;

// Prints "error: <message>" to stderr, the message escaped for the
// terminal (EscapeForTerminal), and returns kExitFailure.
int Fail(const CliContext& ctx, const Status& status);

// The one place a command's Status becomes its exit code: 0 when OK, else
// the error printed and kExitFailure.
int ExitCode(const CliContext& ctx, const Status& status);

// Adds subcommand `name` of `parent` that, when chosen, runs `run` on its
// flags (filled by the options the caller adds to the returned command).
template <typename Flags>
CLI::App* AddCommand(CLI::App& parent, CliContext& ctx, std::shared_ptr<Flags> flags, const char* name,
                     const char* help, Status (*run)(CliContext&, Flags&)) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->callback([&ctx, flags, run] { ctx.run = [&ctx, flags, run] { return ExitCode(ctx, run(ctx, *flags)); }; });
  return cmd;
}

// Opens the workspace named by --workspace.
Result<Workspace> OpenWorkspace(const CliContext& ctx);

// Who makes a change: `as_flag`, else $USER, else empty (the workspace
// records "unknown").
std::string ResolveActor(std::string_view as_flag);

// The day taken as today: `today_flag` (YYYY-MM-DD), else $LEARNLOOP_TODAY,
// else nullopt (the workspace's own today). InvalidArgument naming the
// source for a date that does not parse.
Result<std::optional<Day>> ResolveToday(std::string_view today_flag);

// Adds --json to a subcommand.
void AddJsonFlag(CLI::App& command, CliContext& ctx);

// Writes text output for people: its own tabs and newlines are kept, every
// other control character (from a name, a file name, content) is shown
// escaped (EscapeLinesForTerminal). Every text that can hold data goes
// through here, FormatTable or Fail; JSON, CSV and exports are written as
// they are.
void PrintText(std::ostream& out, std::string_view text);

// Writes a JSON document followed by a newline.
void PrintJson(const CliContext& ctx, const nlohmann::ordered_json& doc);

// A plain text table: first row is the header; columns after the first are
// right-aligned when every cell in them looks like a number. Cells are
// escaped whole (EscapeForTerminal), so none can move the cursor, add a
// line or shift the columns.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

// "12,345"
std::string Thousands(int64_t n);

// Each subcommand file adds itself to the command line with a static
// CommandRegistrar; `order` sets its place in --help (lower first).
using RegisterFn = void (*)(CLI::App& app, CliContext& ctx);
struct CommandRegistrar {
  CommandRegistrar(int order, RegisterFn fn);
};
// Registers every subcommand, in order.
void RegisterCommands(CLI::App& app, CliContext& ctx);

}  // namespace learnloop::cli
