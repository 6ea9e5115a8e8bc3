// `learnloop report`: one self-contained HTML page on a period of the loop,
// for a board meeting or a funder.
#include <fmt/format.h>

#include <filesystem>

#include "learnloop/app/report.h"
#include "loop_cli.h"
#include "version.h"

namespace learnloop::cli {
namespace {

struct ReportFlags {
  LoopFlags loop;
  app::ReportRequest request;
  std::string out_file;
};

Status RunReport(CliContext& ctx, ReportFlags& flags) {
  flags.request.generator = fmt::format("learnloop {}", kVersion);
  const bool to_stdout = flags.out_file == "-";
  if (to_stdout && ctx.json)
    return InvalidArgument("--json says what was written to a file; with --out - the page itself is the output");
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  if (to_stdout) {
    LL_ASSIGN_OR_RETURN(app::Report report, app::RenderReport(call.ws, call.caller, flags.request));
    *ctx.out << report.html << std::flush;
    return *ctx.out ? Status::Ok() : IoError("could not write the report to standard output");
  }
  LL_ASSIGN_OR_RETURN(app::WrittenReport written,
                      app::WriteReport(call.ws, call.caller, flags.request, std::filesystem::path(flags.out_file)));
  return PrintResult(ctx, written, [](const app::WrittenReport& w) {
    return fmt::format("Wrote {} ({} bytes), the loop from {} to {}\n", w.file.string(), Thousands(w.bytes),
                       FormatDate(w.from), FormatDate(w.to));
  });
}

void RegisterReport(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = AddCommand(app, ctx, flags, "report",
                             "Write one self-contained HTML page on a period, for a board or a funder: the ladder,\n"
                             "its movement, goals, plans with their evaluations and what the team learned",
                             RunReport);
  cmd->add_option("-o,--out", flags->out_file, "The HTML file to write, or - for standard output")->required();
  cmd->add_option("--from", flags->request.from,
                  "First day: YYYY-MM-DD, today or today-N (default: 30 days before --to)");
  cmd->add_option("--to", flags->request.to, "Last day, not after today")->capture_default_str();
  AddLoopFlags(*cmd, flags->loop, ctx);
}

const CommandRegistrar kRegistrar(69, RegisterReport);

}  // namespace
}  // namespace learnloop::cli
