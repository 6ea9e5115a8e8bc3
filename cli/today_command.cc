#include <fmt/format.h>

#include "learnloop/app.h"
#include "learnloop/json.h"
#include "loop_cli.h"

namespace learnloop::cli {
namespace {

void PrintBrief(const CliContext& ctx, const app::TodayReport& report) {
  const TodayBrief& b = report.brief;
  std::ostream& out = *ctx.out;
  out << fmt::format("Check-in for {} (9 minutes)\n\n1. Ladder movement since {}: {} up, {} down\n",
                     FormatDate(b.today), FormatDate(b.since), Thousands(b.moved_up), Thousands(b.moved_down));
  std::vector<std::vector<std::string>> moves = {{"from", "to", "people"}};
  for (const RungMove& m : b.moves) moves.push_back({m.from, m.to + (m.up ? " (up)" : " (down)"), Thousands(m.people)});
  if (moves.size() > 1) out << FormatTable(moves);
  out << "\n2. Running plans\n";
  std::vector<std::vector<std::string>> running = {{"plan", "title", "day", "metric", "reading"}};
  for (const RunningPlanBrief& r : b.running)
    running.push_back({std::to_string(r.plan.id), r.plan.title,
                       fmt::format("{} of {}", r.day_number, r.plan.timebox_days), r.plan.metric,
                       ReadingText(r.reading)});
  out << (running.size() > 1 ? FormatTable(running) : "  none: start one with `learnloop plan start ID`\n");
  for (const RunningPlanBrief& r : b.running) {
    const app::PlanEvaluation& reading = report.evaluations.at(r.plan.id);
    out << fmt::format("  plan {}: {}\n", r.plan.id,
                       reading.evaluation ? reading.evaluation->headline : "no evaluation yet: " + reading.why_not);
  }
  out << "\n3. Due for review or decision\n";
  for (const Plan& p : b.due_for_review)
    out << fmt::format("  plan {}: {} (ends {}) -> {}\n", p.id, p.title, FormatDate(p.end()),
                       p.verdict == ReviewVerdict::kNone
                           ? fmt::format("learnloop plan review {} --verdict win|loss|inconclusive", p.id)
                           : fmt::format("learnloop plan decide {} adopt|adapt|abandon|extend --reason ...", p.id));
  if (b.due_for_review.empty()) out << "  nothing\n";
  out << fmt::format("\n4. Blockers from {}\n", FormatDate(b.since));
  for (const CheckIn& c : b.blockers) out << fmt::format("  plan {}: {} ({})\n", c.plan_id, c.blocked, c.actor);
  if (b.blockers.empty()) out << "  none\n";
}

struct TodayFlags {
  LoopFlags loop;
};

Status RunToday(CliContext& ctx, TodayFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::Caller caller, ResolveCaller(flags.loop));
  LL_ASSIGN_OR_RETURN(app::TodayReport report, app::Today(ws, caller));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(report));
  } else {
    PrintBrief(ctx, report);
  }
  return Status::Ok();
}

void RegisterToday(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<TodayFlags>();
  CLI::App* cmd = AddCommand(
      app, ctx, flags, "today",
      "The brief for the daily 9-minute check-in: ladder movement, running plans, reviews, blockers", RunToday);
  AddLoopFlags(*cmd, flags->loop, ctx);
}

const CommandRegistrar kRegistrar(61, RegisterToday);

}  // namespace
}  // namespace learnloop::cli
