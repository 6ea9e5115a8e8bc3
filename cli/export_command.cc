#include <fmt/format.h>

#include <fstream>

#include "cli_context.h"

namespace learnloop::cli {
namespace {

struct ExportFlags {
  std::string what;
  std::string format = "csv";
  std::string out_file;
};

int RunExport(CliContext& ctx, const ExportFlags& flags) {
  const bool people = flags.what == "people";
  if (people && flags.format != "csv")
    return Fail(ctx, InvalidArgument("person attributes are exported as CSV only; drop --format"));
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  ExportFormat format = flags.format == "jsonl" ? ExportFormat::kJsonl : ExportFormat::kCsv;
  auto write = [&](std::ostream& out) { return people ? ws->ExportPersonAttributes(out) : ws->Export(out, format); };
  if (flags.out_file.empty() || flags.out_file == "-") {
    Status s = write(*ctx.out);
    return s.ok() ? 0 : Fail(ctx, s);
  }
  std::ofstream file(flags.out_file, std::ios::binary | std::ios::trunc);
  if (!file) return Fail(ctx, IoError(fmt::format("{}: cannot be written", flags.out_file)));
  if (Status s = write(file); !s.ok()) return Fail(ctx, s.WithContext(flags.out_file));
  return 0;
}

}  // namespace

namespace {

void RegisterExport(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand("export", "Write the workspace's data in the canonical format");
  cmd->add_option("what", flags->what, "events, or people (person attributes as person,attribute,value CSV)")
      ->required()
      ->check(CLI::IsMember({"events", "people"}));
  cmd->add_option("--format", flags->format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("-o,--out", flags->out_file, "Output file (default: standard output)");
  cmd->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunExport(ctx, *flags); }; });
}

const CommandRegistrar kRegistrar(30, RegisterExport);

}  // namespace

}  // namespace learnloop::cli
