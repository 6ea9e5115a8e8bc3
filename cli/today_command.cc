#include <fmt/format.h>

#include <map>

#include "learnloop/metric_evaluation.h"
#include "loop_cli.h"

namespace learnloop::cli {
namespace {

// Each running plan's interim evaluation (valid however often the team
// looks), keyed by plan id; a plan without one gets the reason instead.
struct PlanReading {
  std::optional<Evaluation> evaluation;
  std::string why_not;
};
using Readings = std::map<int64_t, PlanReading>;

Readings EvaluateRunning(const TodayBrief& b, const Result<Metrics>& metrics) {
  Readings readings;
  for (const RunningPlanBrief& r : b.running) {
    PlanReading& reading = readings[r.plan.id];
    if (!metrics.ok()) {
      reading.why_not = metrics.status().message();
      continue;
    }
    auto request = RequestForPlan(r.plan, *metrics, b.today);
    auto evaluation = request.ok() ? EvaluateMetricPeriods(*metrics, *request) : Result<Evaluation>(request.status());
    if (evaluation.ok()) {
      reading.evaluation = std::move(evaluation).value();
    } else {
      reading.why_not = evaluation.status().message();
    }
  }
  return readings;
}

LoopJson EvaluationJson(const PlanReading& r) {
  if (!r.evaluation) return {{"verdict", nullptr}, {"headline", nullptr}, {"why_not", r.why_not}};
  return {{"verdict", EvaluationVerdictName(r.evaluation->verdict)},
          {"headline", r.evaluation->headline},
          {"percent_change", r.evaluation->percent_change}};
}

LoopJson BriefJson(const TodayBrief& b, const Readings& readings) {
  LoopJson moves = LoopJson::array();
  for (const RungMove& m : b.moves)
    moves.push_back({{"from", m.from}, {"to", m.to}, {"people", m.people}, {"direction", m.up ? "up" : "down"}});
  LoopJson running = LoopJson::array();
  for (const RunningPlanBrief& r : b.running) {
    LoopJson plan = PlanJson(r.plan);
    plan["day"] = r.day_number;
    plan["days"] = r.plan.timebox_days;
    plan["reading"] = ReadingJson(r.reading);
    plan["evaluation"] = EvaluationJson(readings.at(r.plan.id));
    running.push_back(plan);
  }
  LoopJson due = LoopJson::array();
  for (const Plan& p : b.due_for_review) due.push_back(PlanJson(p));
  LoopJson blockers = LoopJson::array();
  for (const CheckIn& c : b.blockers)
    blockers.push_back({{"plan_id", c.plan_id}, {"day", FormatDate(c.day)}, {"blocked", c.blocked}, {"by", c.actor}});
  return {{"today", FormatDate(b.today)},
          {"since", FormatDate(b.since)},
          {"movement", {{"moved_up", b.moved_up}, {"moved_down", b.moved_down}, {"moves", moves}}},
          {"running", running},
          {"due_for_review", due},
          {"blockers", blockers}};
}

void PrintBrief(const CliContext& ctx, const TodayBrief& b, const Readings& readings) {
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
    const PlanReading& reading = readings.at(r.plan.id);
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

struct CommandFlags {
  LoopFlags loop;
};

int RunToday(CliContext& ctx, CommandFlags& flags) {
  auto session = OpenLoop(ctx, flags.loop);
  if (!session.ok()) return Fail(ctx, session.status());
  auto ladder = session->ws.LoadLadder();
  if (!ladder.ok()) return Fail(ctx, ladder.status());
  auto brief = BuildTodayBrief(session->loop, *ladder, MakeMetricReader(session->ws, *ladder));
  if (!brief.ok()) return Fail(ctx, brief.status());
  Readings readings = EvaluateRunning(*brief, session->ws.LoadMetrics());
  if (ctx.json) {
    PrintJson(ctx, BriefJson(*brief, readings));
  } else {
    PrintBrief(ctx, *brief, readings);
  }
  return 0;
}

void RegisterToday(CLI::App& app, CliContext& ctx) {
  AddLoopCommand(app, ctx, std::make_shared<CommandFlags>(), "today",
                 "The brief for the daily 9-minute check-in: ladder movement, running plans, reviews, blockers",
                 RunToday);
}

const CommandRegistrar kRegistrar(61, RegisterToday);

}  // namespace
}  // namespace learnloop::cli
