#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "cli_context.h"
#include "learnloop/clock.h"
#include "learnloop/demo.h"

namespace learnloop::cli {
namespace {

struct DemoFlags {
  DemoOptions options;
  std::string end = "today";
  std::string out_file;
  std::string people_file;
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

Day TodayUtc() { return TimeZone::Utc().LocalDay(SystemClock().Now()); }

int RunGenerate(CliContext& ctx, DemoFlags& flags) {
  if (Status s = ResolveEnd(flags, TodayUtc()); !s.ok()) return Fail(ctx, s);
  std::ofstream file;
  std::ostream* out = ctx.out;
  if (!flags.out_file.empty() && flags.out_file != "-") {
    file.open(flags.out_file, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(ctx, IoError(fmt::format("{}: cannot be written", flags.out_file)));
    out = &file;
  }
  std::ofstream people;
  if (!flags.people_file.empty()) {
    people.open(flags.people_file, std::ios::binary | std::ios::trunc);
    if (!people) return Fail(ctx, IoError(fmt::format("{}: cannot be written", flags.people_file)));
  }
  DemoFormat format = flags.format == "jsonl" ? DemoFormat::kJsonl : DemoFormat::kCsv;
  auto stats = GenerateDemoEvents(flags.options, *out, format, flags.people_file.empty() ? nullptr : &people);
  if (!stats.ok()) return Fail(ctx, stats.status());
  if (out != ctx.out)
    *ctx.err << fmt::format("Wrote {} events of {} people to {}\n", Thousands(stats->events),
                            Thousands(stats->identities), flags.out_file);
  return 0;
}

// Metrics for one group of the demo's people, to show person filters.
constexpr std::string_view kDemoMetrics = R"toml(
# The demo's CRM attributes (learnloop people attributes) at work: the
# same measures, for members only. See docs/people.md.
[[metric]]
name = "member_donations"
description = "Donations by members (CRM membership = member)"
type = "count"
kinds = ["donation"]
person = { membership = ["member"] }

[[metric]]
name = "riverbend_newsletter_readers"
description = "People in Riverbend (CRM city) who opened or clicked the newsletter that day"
type = "people"
kinds = ["open", "click"]
person = { city = ["Riverbend"] }
)toml";

Status AppendDemoMetrics(const std::filesystem::path& dir) {
  std::ofstream out(dir / kMetricsFileName, std::ios::binary | std::ios::app);
  out << kDemoMetrics;
  out.close();
  if (!out) return IoError(fmt::format("{}: cannot be written", (dir / kMetricsFileName).string()));
  return Status::Ok();
}

// Creates a workspace and fills it with a generated organization; the
// generated files stay in the workspace as the imports' provenance.
int RunDemoWorkspace(CliContext& ctx, DemoFlags& flags) {
  InitOptions init;
  init.time_zone = flags.time_zone;
  init.org_name = flags.options.org_name;
  auto ws = Workspace::Init(ctx.workspace_dir, init);
  if (!ws.ok()) return Fail(ctx, ws.status());
  if (Status s = ResolveEnd(flags, ws->Today()); !s.ok()) return Fail(ctx, s);
  const std::filesystem::path dir(ctx.workspace_dir);
  const std::filesystem::path file = dir / "demo-events.csv";
  const std::filesystem::path people_file = dir / "demo-people.csv";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::ofstream people(people_file, std::ios::binary | std::ios::trunc);
    auto stats = GenerateDemoEvents(flags.options, out, DemoFormat::kCsv, &people);
    if (!stats.ok()) return Fail(ctx, stats.status());
  }
  auto summary = ws->Import(file, {});
  if (!summary.ok()) return Fail(ctx, summary.status());
  PersonAttributeImportOptions crm;
  crm.person_column = "email";
  auto attributes = ws->ImportPersonAttributes(people_file, crm);
  if (!attributes.ok()) return Fail(ctx, attributes.status());
  if (Status s = AppendDemoMetrics(dir); !s.ok()) return Fail(ctx, s);
  if (ctx.json) {
    PrintJson(ctx, {{"workspace", ctx.workspace_dir},
                    {"events", summary->added},
                    {"file", file.string()},
                    {"people_file", people_file.string()},
                    {"people_with_attributes", attributes->counts.people}});
  } else {
    *ctx.out << fmt::format(
        "Demo workspace {} for \"{}\": {} events over {} days, ending {}; CRM attributes (city, membership) for {} "
        "people.\n",
        ctx.workspace_dir, flags.options.org_name, Thousands(summary->added), flags.options.days,
        FormatDate(flags.options.end_day), Thousands(attributes->counts.people));
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
  gen->add_option("--people-out", flags->people_file, "Also write the CRM export (email,city,membership) here");
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
