#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli_context.h"
#include "learnloop/app/ladder.h"
#include "person_group.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

// One set of flags for `ladder` and its subcommands, which share them.
struct LadderFlags {
  std::string as_of = "today";
  std::string from;
  std::string to = "today";
  bool weekly = false;
  std::string rung;
  std::vector<std::string> person;  // --person ATTRIBUTE=VALUE[,VALUE...]
};

app::LadderAsOfRequest AsOfRequest(const LadderFlags& flags) { return {flags.as_of, flags.person}; }

// A report for a group starts by naming it.
std::string GroupLine(const app::LadderGroup& group) {
  if (group.filters.empty()) return {};
  return fmt::format("People with {} ({} of them with events)\n", GroupText(group.filters), Thousands(group.people));
}

std::string Percent(int64_t part, int64_t whole) {
  return whole == 0 ? "-" : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string Bar(int64_t n, int64_t max) {
  if (max <= 0 || n <= 0) return "";
  int blocks = std::max(1, static_cast<int>(std::lround(24.0 * static_cast<double>(n) / static_cast<double>(max))));
  std::string bar;
  for (int i = 0; i < blocks; ++i) bar += "\u2588";
  return bar;
}

std::string SnapshotText(const LadderSnapshot& s) {
  int64_t total = 0;
  int64_t max = 0;
  for (const RungCount& r : s.rungs) {
    total += r.people;
    max = std::max(max, r.people);
  }
  std::vector<std::vector<std::string>> rows = {{"rung", "people", "share", ""}};
  for (const RungCount& r : s.rungs)
    rows.push_back({r.name, Thousands(r.people), Percent(r.people, total), Bar(r.people, max)});
  return fmt::format(
      "Ladder of engagement as of {}\n{}{} people on the ladder; {} more active but on no rung (audience)\n",
      FormatDate(s.as_of), FormatTable(rows), Thousands(total), Thousands(s.audience));
}

std::string TransitionsText(const TransitionMatrix& t) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"from \\ to"};
  header.insert(header.end(), t.states.begin(), t.states.end());
  rows.push_back(header);
  for (size_t a = 0; a < t.states.size(); ++a) {
    std::vector<std::string> row = {t.states[a]};
    for (int64_t n : t.counts[a]) row.push_back(Thousands(n));
    rows.push_back(row);
  }
  return fmt::format("\nMovement {} -> {}: {} moved up, {} moved down, {} stayed\n{}", FormatDate(t.from),
                     FormatDate(t.to), Thousands(t.moved_up), Thousands(t.moved_down), Thousands(t.stayed),
                     FormatTable(rows));
}

std::string ConversionsText(const app::LadderMovement& m) {
  std::vector<std::vector<std::string>> rows = {{"step", "climbed", "of", "rate"}};
  for (const Conversion& c : m.conversions)
    rows.push_back(
        {c.from_rung + " -> " + c.to_rung, Thousands(c.converted), Thousands(c.base), Percent(c.converted, c.base)});
  return fmt::format("\nConversion: of the people on a rung on {}, how many stood higher on {}\n{}", FormatDate(m.from),
                     FormatDate(m.to), FormatTable(rows));
}

std::string LadderText(const app::LadderReport& report) {
  std::string text = GroupLine(report.group) + SnapshotText(report.snapshot);
  if (report.movement) text += TransitionsText(report.movement->transitions) + ConversionsText(*report.movement);
  return text;
}

std::string SeriesText(const app::LadderSeriesReport& report) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {report.weekly ? "week ending" : "day"};
  header.insert(header.end(), report.rung_names.begin(), report.rung_names.end());
  header.emplace_back(kAudienceName);
  rows.push_back(std::move(header));
  for (const LadderSnapshot& s : report.series.points) {
    std::vector<std::string> row = {FormatDate(s.as_of)};
    for (const RungCount& r : s.rungs) row.push_back(Thousands(r.people));
    row.push_back(Thousands(s.audience));
    rows.push_back(row);
  }
  return GroupLine(report.group) + FormatTable(rows);
}

std::string PeopleText(const app::LadderPeopleReport& report) {
  std::vector<std::vector<std::string>> rows = {{"person", "rung"}};
  for (const PersonRung& p : report.people) rows.push_back({p.person, p.rung});
  return GroupLine(report.group) + FormatTable(rows);
}

std::string CohortsText(const app::LadderCohortsReport& report) {
  const CohortTable& table = report.cohorts;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"first seen", "people"};
  header.insert(header.end(), table.columns.begin(), table.columns.end());
  rows.push_back(header);
  for (const CohortRow& r : table.rows) {
    std::vector<std::string> row = {r.month, Thousands(r.people)};
    for (int64_t n : r.counts) row.push_back(Thousands(n));
    rows.push_back(row);
  }
  return GroupLine(report.group) +
         fmt::format("Cohorts: people by the month they first appeared, by the highest rung reached by {}\n{}",
                     FormatDate(table.as_of), FormatTable(rows));
}

std::string ClimbText(const app::LadderClimbReport& report) {
  std::vector<std::vector<std::string>> rows = {{"step", "people", "median days"}};
  for (const ClimbTime& c : report.climbs)
    rows.push_back({c.from_rung + " -> " + c.to_rung, Thousands(c.people),
                    c.median_days ? fmt::format("{:.1f}", *c.median_days) : "-"});
  return GroupLine(report.group) +
         fmt::format("Time to climb, for people who climbed by {}\n{}", FormatDate(report.as_of), FormatTable(rows));
}

Status RunLadder(CliContext& ctx, LadderFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::LadderReport report, app::ShowLadder(ws, {flags.as_of, flags.from, flags.to, flags.person}));
  return PrintResult(ctx, report, LadderText);
}

Status RunSeries(CliContext& ctx, LadderFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::LadderSeriesReport report,
                      app::LadderSeries(ws, {flags.from, flags.to, flags.weekly, flags.person}));
  return PrintResult(ctx, report, SeriesText);
}

Status RunPeople(CliContext& ctx, LadderFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::LadderPeopleReport report, app::LadderPeople(ws, {AsOfRequest(flags), flags.rung}));
  return PrintResult(ctx, report, PeopleText);
}

Status RunCohorts(CliContext& ctx, LadderFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::LadderCohortsReport report, app::LadderCohorts(ws, AsOfRequest(flags)));
  return PrintResult(ctx, report, CohortsText);
}

Status RunClimb(CliContext& ctx, LadderFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::LadderClimbReport report, app::LadderClimb(ws, AsOfRequest(flags)));
  return PrintResult(ctx, report, ClimbText);
}

void AddAsOf(CLI::App& cmd, LadderFlags& flags) {
  cmd.add_option("--as-of", flags.as_of, "Day to read the ladder at (YYYY-MM-DD, today, today-N)")
      ->capture_default_str();
}

// Adds --person and --json, after a command's own flags.
void AddGroupAndJson(CLI::App& cmd, CliContext& ctx, LadderFlags& flags) {
  AddPersonOption(cmd, flags.person);
  AddJsonFlag(cmd, ctx);
}

void RegisterLadder(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<LadderFlags>();
  CLI::App* cmd = app.add_subcommand("ladder",
                                     "Show the ladder of engagement: people per rung as of a day; with --from/--to,\n"
                                     "how people moved between two days and the conversion between rungs");
  cmd->require_subcommand(0, 1);
  AddAsOf(*cmd, *flags);
  cmd->add_option("--from", flags->from, "Start of a movement period (YYYY-MM-DD, today-N)");
  cmd->add_option("--to", flags->to, "End of a movement period")->capture_default_str();
  AddGroupAndJson(*cmd, ctx, *flags);
  CLI::App* series = AddCommand(*cmd, ctx, flags, "series", "Rung counts as a daily or weekly series", RunSeries);
  series->add_option("--from", flags->from, "First day (default: 90 days before --to)");
  series->add_option("--to", flags->to, "Last day")->capture_default_str();
  series->add_flag("--weekly", flags->weekly, "One point per ISO week (as of its Sunday)");
  AddGroupAndJson(*series, ctx, *flags);
  CLI::App* people = AddCommand(*cmd, ctx, flags, "people", "Each person's rung as of a day", RunPeople);
  AddAsOf(*people, *flags);
  people->add_option("--rung", flags->rung, "Only people on this rung");
  AddGroupAndJson(*people, ctx, *flags);
  CLI::App* cohorts =
      AddCommand(*cmd, ctx, flags, "cohorts", "People by first-seen month and highest rung reached", RunCohorts);
  AddAsOf(*cohorts, *flags);
  AddGroupAndJson(*cohorts, ctx, *flags);
  CLI::App* climb = AddCommand(*cmd, ctx, flags, "climb", "Median days to climb each step of the ladder", RunClimb);
  AddAsOf(*climb, *flags);
  AddGroupAndJson(*climb, ctx, *flags);
  // CLI11 runs this after a subcommand's callback too: only `ladder` alone
  // shows the snapshot.
  cmd->callback([&ctx, flags, cmd] {
    if (cmd->get_subcommands().empty()) ctx.run = [&ctx, flags] { return ExitCode(ctx, RunLadder(ctx, *flags)); };
  });
}

const CommandRegistrar kRegistrar(40, RegisterLadder);

}  // namespace
}  // namespace learnloop::cli
