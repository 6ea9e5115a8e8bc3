#include <fmt/format.h>

#include <algorithm>

#include "loop_cli.h"

namespace learnloop::cli {
namespace {

std::string ShareText(std::optional<double> share) { return share ? fmt::format("{:.0f}%", 100 * *share) : "-"; }

void PrintHealth(const CliContext& ctx, const LoopHealth& h) {
  std::ostream& out = *ctx.out;
  auto line = [&out](std::string_view label, const std::string& value) {
    out << fmt::format("  {:<36}{}\n", label, value);
  };
  out << "Loop health\n";
  line("loops decided", std::to_string(h.decided));
  line("median cycle (start -> decision)",
       h.median_cycle_days ? fmt::format("{:.1f} days", *h.median_cycle_days) : "-");
  line("decided within 7 days of the end", ShareText(h.decided_within_7_days));
  line("decisions that led to a next plan", ShareText(h.decisions_with_next_plan));
  line("verdicts", fmt::format("{} win, {} loss, {} inconclusive", h.wins, h.losses, h.inconclusive));
  std::vector<std::vector<std::string>> rows = {{"month", "loops completed", "learnings"}};
  std::vector<std::string> months;
  for (const MonthCount& m : h.loops_completed) months.push_back(m.month);
  for (const MonthCount& m : h.learnings) months.push_back(m.month);
  std::sort(months.begin(), months.end());
  months.erase(std::unique(months.begin(), months.end()), months.end());
  auto count_in = [](const std::vector<MonthCount>& list, const std::string& month) {
    for (const MonthCount& m : list)
      if (m.month == month) return m.count;
    return int64_t{0};
  };
  for (const std::string& month : months)
    rows.push_back(
        {month, std::to_string(count_in(h.loops_completed, month)), std::to_string(count_in(h.learnings, month))});
  if (rows.size() > 1) out << "\n" << FormatTable(rows);
}

struct LoopsFlags {
  LoopFlags loop;
};

Status RunLoops(CliContext& ctx, LoopsFlags& flags) {
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  LL_ASSIGN_OR_RETURN(LoopHealth health, app::ReadLoopHealth(call.ws, call.caller));
  return PrintResult(ctx, health, PrintHealth);
}

void RegisterLoops(CLI::App& app, CliContext& ctx) {
  AddLoopCommand(app, ctx, std::make_shared<LoopsFlags>(), "loops",
                 "Loop health: loops completed, cycle time, prompt decisions, verdicts and learnings per month",
                 RunLoops);
}

const CommandRegistrar kRegistrar(67, RegisterLoops);

}  // namespace
}  // namespace learnloop::cli
