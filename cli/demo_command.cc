#include <fmt/format.h>

#include <fstream>

#include "cli_context.h"
#include "learnloop/app/demo.h"
#include "print_report.h"
#include "terminal_progress.h"

namespace learnloop::cli {
namespace {

struct DemoFlags {
  app::DemoRequest request;
  std::string out_file;
  std::string people_file;
  std::string format = "csv";
};

void AddDemoOptions(CLI::App& cmd, DemoFlags& flags) {
  DemoOptions& options = flags.request.options;
  cmd.add_option("--people", options.people, "Supporters who find the organization")->capture_default_str();
  cmd.add_option("--days", options.days, "Days of history")->capture_default_str();
  cmd.add_option("--seed", options.seed, "Random seed; the same seed gives the same data")->capture_default_str();
  cmd.add_option("--end", flags.request.end, "Last day generated (YYYY-MM-DD, today, today-N)")->capture_default_str();
}

Status OpenOutput(const std::string& name, std::ofstream& file) {
  file.open(name, std::ios::binary | std::ios::trunc);
  if (!file) return IoError(fmt::format("{}: cannot be written", name));
  return Status::Ok();
}

Status RunGenerate(CliContext& ctx, DemoFlags& flags) {
  LL_ASSIGN_OR_RETURN(DemoOptions options, app::ResolveDemoOptions(flags.request));
  app::DemoOutput output{ctx.out, flags.format == "jsonl" ? DemoFormat::kJsonl : DemoFormat::kCsv, nullptr};
  std::ofstream file;
  if (!flags.out_file.empty() && flags.out_file != "-") {
    LL_RETURN_IF_ERROR(OpenOutput(flags.out_file, file));
    output.events = &file;
  }
  std::ofstream people;
  if (!flags.people_file.empty()) {
    LL_RETURN_IF_ERROR(OpenOutput(flags.people_file, people));
    output.people = &people;
  }
  LL_ASSIGN_OR_RETURN(DemoStats stats, app::GenerateDemo(options, output, StderrProgress()));
  if (output.events != ctx.out)
    PrintText(*ctx.err, fmt::format("Wrote {} events of {} people to {}\n", Thousands(stats.events),
                                    Thousands(stats.identities), EscapeForTerminal(flags.out_file)));
  return Status::Ok();
}

// Creates a workspace and fills it with a generated organization.
Status RunDemoWorkspace(CliContext& ctx, DemoFlags& flags) {
  LL_ASSIGN_OR_RETURN(app::DemoWorkspace demo,
                      app::CreateDemoWorkspace(ctx.workspace_dir, flags.request, StderrProgress()));
  return PrintResult(ctx, demo, [&flags](const app::DemoWorkspace& d) {
    std::string text = fmt::format(
        "Demo workspace {} for \"{}\": {} events over {} days, ending {}; CRM attributes (city, membership) for {} "
        "people, {} of them linked to their social accounts.\n",
        EscapeForTerminal(d.dir.string()), EscapeForTerminal(d.org_name), Thousands(d.events), d.days,
        FormatDate(d.end_day), Thousands(d.people_with_attributes), Thousands(d.linked_people));
    const app::DemoLoop& loop = d.loop;
    if (loop.goals > 0)
      text += fmt::format(
          "The loop in progress: {} goals; {} plans decided with what they taught, {} running ({} due for review), "
          "{} ideas. See `learnloop today`.\n",
          loop.goals, loop.decided, loop.running, loop.due_for_review, loop.ideas);
    else if (flags.request.loop)
      text += fmt::format("No goals or plans: the demo's loop needs at least {} days of history (--days).\n",
                          app::kDemoLoopDays);
    return text;
  });
}

void RegisterDemo(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Create a ready workspace with a realistic synthetic organization (or, with `generate`, just the file)");
  cmd->require_subcommand(0, 1);
  AddDemoOptions(*cmd, *flags);
  cmd->add_option("--time-zone", flags->request.time_zone, "Workspace time zone")->capture_default_str();
  cmd->add_flag("!--without-loop", flags->request.loop,
                "Only the data: no goals or plans, for trying the loop from the start");
  AddJsonFlag(*cmd, ctx);
  CLI::App* gen = AddCommand(*cmd, ctx, flags, "generate",
                             "Write a synthetic organization's events in the canonical format", RunGenerate);
  AddDemoOptions(*gen, *flags);
  gen->add_option("-o,--out", flags->out_file, "Output file (default: standard output)");
  gen->add_option("--people-out", flags->people_file, "Also write the CRM export (email,city,membership) here");
  gen->add_option("--format", flags->format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  // CLI11 runs this after a subcommand's callback too: only `demo` alone
  // creates the workspace.
  cmd->callback([&ctx, flags, cmd] {
    if (cmd->get_subcommands().empty())
      ctx.run = [&ctx, flags] { return ExitCode(ctx, RunDemoWorkspace(ctx, *flags)); };
  });
}

const CommandRegistrar kRegistrar(90, RegisterDemo);

}  // namespace
}  // namespace learnloop::cli
