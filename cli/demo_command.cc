#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "cli_context.h"
#include "learnloop/demo.h"

namespace learnloop::cli {
namespace {

struct DemoFlags {
  DemoOptions options;
  std::string end = "today";
  std::string out_file;
  std::string format = "csv";
  std::string time_zone = "UTC";
};

void AddDemoOptions(CLI::App& cmd, DemoFlags& flags) {
  cmd.add_option("--people", flags.options.people, "Supporters who find the organization")->capture_default_str();
  cmd.add_option("--days", flags.options.days, "Days of history")->capture_default_str();
  cmd.add_option("--seed", flags.options.seed, "Random seed; the same seed gives the same data")->capture_default_str();
  cmd.add_option("--end", flags.end, "Last day generated (YYYY-MM-DD, today, today-N)")->capture_default_str();
}

Status ResolveEnd(DemoFlags& flags, Day today) {
  LL_ASSIGN_OR_RETURN(flags.options.end_day, ParseDayFlag("--end", flags.end, today));
  return ValidateDemoOptions(flags.options);
}

Day TodayUtc() {
  auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  return TimeZone::Utc().LocalDay(Timestamp{now.time_since_epoch().count()});
}

int RunGenerate(CliContext& ctx, DemoFlags& flags) {
  if (Status s = ResolveEnd(flags, TodayUtc()); !s.ok()) return Fail(ctx, s);
  std::ofstream file;
  std::ostream* out = ctx.out;
  if (!flags.out_file.empty() && flags.out_file != "-") {
    file.open(flags.out_file, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(ctx, IoError(fmt::format("{}: cannot be written", flags.out_file)));
    out = &file;
  }
  DemoFormat format = flags.format == "jsonl" ? DemoFormat::kJsonl : DemoFormat::kCsv;
  auto stats = GenerateDemoEvents(flags.options, *out, format);
  if (!stats.ok()) return Fail(ctx, stats.status());
  if (out != ctx.out)
    *ctx.err << fmt::format("Wrote {} events of {} people to {}\n", Thousands(stats->events),
                            Thousands(stats->identities), flags.out_file);
  return 0;
}

// Creates a workspace and fills it with a generated organization; the
// generated file stays in the workspace as the import's provenance.
int RunDemoWorkspace(CliContext& ctx, DemoFlags& flags) {
  InitOptions init;
  init.time_zone = flags.time_zone;
  init.org_name = flags.options.org_name;
  auto ws = Workspace::Init(ctx.workspace_dir, init);
  if (!ws.ok()) return Fail(ctx, ws.status());
  if (Status s = ResolveEnd(flags, ws->Today()); !s.ok()) return Fail(ctx, s);
  std::filesystem::path file = std::filesystem::path(ctx.workspace_dir) / "demo-events.csv";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    auto stats = GenerateDemoEvents(flags.options, out);
    if (!stats.ok()) return Fail(ctx, stats.status());
  }
  auto summary = ws->Import(file, {});
  if (!summary.ok()) return Fail(ctx, summary.status());
  if (ctx.json) {
    PrintJson(ctx, {{"workspace", ctx.workspace_dir}, {"events", summary->added}, {"file", file.string()}});
  } else {
    *ctx.out << fmt::format("Demo workspace {} for \"{}\": {} events over {} days, ending {}.\n", ctx.workspace_dir,
                            flags.options.org_name, Thousands(summary->added), flags.options.days,
                            FormatDate(flags.options.end_day));
  }
  return 0;
}

}  // namespace

namespace {

void RegisterDemo(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Create a ready workspace with a realistic synthetic organization (or, with `generate`, just the file)");
  cmd->require_subcommand(0, 1);
  AddDemoOptions(*cmd, *flags);
  cmd->add_option("--time-zone", flags->time_zone, "Workspace time zone")->capture_default_str();
  AddJsonFlag(*cmd, ctx);
  CLI::App* gen = cmd->add_subcommand("generate", "Write a synthetic organization's events in the canonical format");
  AddDemoOptions(*gen, *flags);
  gen->add_option("-o,--out", flags->out_file, "Output file (default: standard output)");
  gen->add_option("--format", flags->format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  gen->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunGenerate(ctx, *flags); }; });
  cmd->callback([&ctx, flags, cmd] {
    if (cmd->get_subcommands().empty()) ctx.run = [&ctx, flags] { return RunDemoWorkspace(ctx, *flags); };
  });
}

const CommandRegistrar kRegistrar(90, RegisterDemo);

}  // namespace

}  // namespace learnloop::cli
