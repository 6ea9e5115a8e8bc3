#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli_context.h"
#include "person_group.h"

namespace learnloop::cli {
namespace {

struct LadderFlags {
  std::string as_of = "today";
  std::string from;
  std::string to = "today";
  bool weekly = false;
  std::string rung;
  std::vector<std::string> person;  // --person ATTRIBUTE=VALUE[,VALUE...]
};

using Json = nlohmann::ordered_json;

struct GroupLadder {
  Ladder ladder;
  std::vector<AttributeFilter> group;  // empty: everyone
};

// The ladder of the whole workspace or, with --person, of that group; the
// text output then starts by naming the group.
Result<GroupLadder> LoadGroupLadder(const CliContext& ctx, Workspace& ws, const LadderFlags& flags) {
  LL_ASSIGN_OR_RETURN(std::vector<AttributeFilter> group, ParseGroup(flags.person));
  LL_ASSIGN_OR_RETURN(Ladder ladder, ws.LoadLadder(group));
  if (!group.empty() && !ctx.json)
    *ctx.out << fmt::format("People with {} ({} of them with events)\n", GroupText(group), Thousands(ladder.people()));
  return GroupLadder{std::move(ladder), std::move(group)};
}

// Adds "group" to a JSON document when --person names one.
void AddGroup(Json& doc, const std::vector<AttributeFilter>& group) {
  if (!group.empty()) doc["group"] = GroupJson(group);
}

Json SnapshotJson(const LadderSnapshot& s) {
  Json rungs = Json::array();
  for (const RungCount& r : s.rungs) rungs.push_back({{"name", r.name}, {"people", r.people}});
  return {{"as_of", FormatDate(s.as_of)}, {"rungs", rungs}, {"audience", s.audience}};
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

Json TransitionsJson(const TransitionMatrix& t) {
  return {{"from", FormatDate(t.from)}, {"to", FormatDate(t.to)},     {"states", t.states}, {"counts", t.counts},
          {"moved_up", t.moved_up},     {"moved_down", t.moved_down}, {"stayed", t.stayed}};
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

Json ConversionsJson(const std::vector<Conversion>& conversions) {
  Json out = Json::array();
  for (const Conversion& c : conversions)
    out.push_back({{"from_rung", c.from_rung},
                   {"to_rung", c.to_rung},
                   {"base", c.base},
                   {"converted", c.converted},
                   {"rate", c.rate}});
  return out;
}

std::string ConversionsText(const std::vector<Conversion>& conversions, Day from, Day to) {
  std::vector<std::vector<std::string>> rows = {{"step", "climbed", "of", "rate"}};
  for (const Conversion& c : conversions)
    rows.push_back(
        {c.from_rung + " -> " + c.to_rung, Thousands(c.converted), Thousands(c.base), Percent(c.converted, c.base)});
  return fmt::format("\nConversion: of the people on a rung on {}, how many stood higher on {}\n{}", FormatDate(from),
                     FormatDate(to), FormatTable(rows));
}

int RunSnapshot(CliContext& ctx, const LadderFlags& flags) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  const bool movement = !flags.from.empty();
  auto as_of = ParseDayFlag(movement ? "--to" : "--as-of", movement ? flags.to : flags.as_of, ws->Today());
  if (!as_of.ok()) return Fail(ctx, as_of.status());
  std::optional<Day> from;
  if (movement) {
    auto d = ParseDayFlag("--from", flags.from, ws->Today());
    if (!d.ok()) return Fail(ctx, d.status());
    if (*d > *as_of)
      return Fail(ctx, InvalidArgument(fmt::format("--from {} is after --to {}", FormatDate(*d), FormatDate(*as_of))));
    from = *d;
  }
  auto loaded = LoadGroupLadder(ctx, *ws, flags);
  if (!loaded.ok()) return Fail(ctx, loaded.status());
  const Ladder* ladder = &loaded->ladder;
  LadderSnapshot snapshot = ladder->CountsAsOf(*as_of);
  if (ctx.json) {
    Json doc = SnapshotJson(snapshot);
    AddGroup(doc, loaded->group);
    if (from) {
      doc["from"] = FormatDate(*from);
      doc["to"] = FormatDate(*as_of);
      doc["transitions"] = TransitionsJson(ladder->Transitions(*from, *as_of));
      doc["conversions"] = ConversionsJson(ladder->Conversions(*from, *as_of));
    }
    PrintJson(ctx, doc);
    return 0;
  }
  *ctx.out << SnapshotText(snapshot);
  if (from) {
    *ctx.out << TransitionsText(ladder->Transitions(*from, *as_of));
    *ctx.out << ConversionsText(ladder->Conversions(*from, *as_of), *from, *as_of);
  }
  return 0;
}

int RunSeries(CliContext& ctx, const LadderFlags& flags) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto to = ParseDayFlag("--to", flags.to, ws->Today());
  if (!to.ok()) return Fail(ctx, to.status());
  auto from = ParseDayFlag("--from", flags.from.empty() ? "today-90" : flags.from, *to);
  if (!from.ok()) return Fail(ctx, from.status());
  if (*from > *to) return Fail(ctx, InvalidArgument("--from is after --to"));
  auto loaded = LoadGroupLadder(ctx, *ws, flags);
  if (!loaded.ok()) return Fail(ctx, loaded.status());
  const Ladder* ladder = &loaded->ladder;
  RungSeries series = flags.weekly ? ladder->WeeklySeries(*from, *to) : ladder->DailySeries(*from, *to);
  if (ctx.json) {
    Json points = Json::array();
    for (const LadderSnapshot& s : series.points) points.push_back(SnapshotJson(s));
    Json doc = {{"period", flags.weekly ? "week" : "day"}, {"points", points}};
    AddGroup(doc, loaded->group);
    PrintJson(ctx, doc);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {flags.weekly ? "week ending" : "day"};
  for (const std::string& name : ladder->rung_names()) header.push_back(name);
  header.push_back(std::string(kAudienceName));
  rows.push_back(header);
  for (const LadderSnapshot& s : series.points) {
    std::vector<std::string> row = {FormatDate(s.as_of)};
    for (const RungCount& r : s.rungs) row.push_back(Thousands(r.people));
    row.push_back(Thousands(s.audience));
    rows.push_back(row);
  }
  *ctx.out << FormatTable(rows);
  return 0;
}

struct LadderAt {
  Ladder ladder;
  Day as_of;
  std::vector<AttributeFilter> group;
};

// Opens the workspace, reads --as-of (so a bad date fails before the slow
// part), then loads the ladder.
Result<LadderAt> LoadLadderAt(const CliContext& ctx, const LadderFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(Day as_of, ParseDayFlag("--as-of", flags.as_of, ws.Today()));
  LL_ASSIGN_OR_RETURN(GroupLadder loaded, LoadGroupLadder(ctx, ws, flags));
  return LadderAt{std::move(loaded.ladder), as_of, std::move(loaded.group)};
}

int RunPeople(CliContext& ctx, const LadderFlags& flags) {
  auto loaded = LoadLadderAt(ctx, flags);
  if (!loaded.ok()) return Fail(ctx, loaded.status());
  const Ladder* ladder = &loaded->ladder;
  const Day* as_of = &loaded->as_of;
  const auto& names = ladder->rung_names();
  if (!flags.rung.empty() && flags.rung != kAudienceName &&
      std::find(names.begin(), names.end(), flags.rung) == names.end())
    return Fail(ctx, InvalidArgument(fmt::format("--rung '{}' is not a rung of this ladder; expected one of: {}, {}",
                                                 flags.rung, fmt::join(names, ", "), kAudienceName)));
  Json people = Json::array();
  std::vector<std::vector<std::string>> rows = {{"person", "rung"}};
  for (const PersonRung& p : ladder->PeopleAsOf(*as_of)) {
    if (!flags.rung.empty() && p.rung != flags.rung) continue;
    if (ctx.json) {
      people.push_back({{"person", p.person}, {"rung", p.rung}});
    } else {
      rows.push_back({p.person, p.rung});
    }
  }
  if (ctx.json) {
    Json doc = {{"as_of", FormatDate(*as_of)}, {"people", people}};
    AddGroup(doc, loaded->group);
    PrintJson(ctx, doc);
  } else {
    *ctx.out << FormatTable(rows);
  }
  return 0;
}

int RunCohorts(CliContext& ctx, const LadderFlags& flags) {
  auto loaded = LoadLadderAt(ctx, flags);
  if (!loaded.ok()) return Fail(ctx, loaded.status());
  const Ladder* ladder = &loaded->ladder;
  const Day* as_of = &loaded->as_of;
  CohortTable table = ladder->Cohorts(*as_of);
  if (ctx.json) {
    Json rows = Json::array();
    for (const CohortRow& r : table.rows)
      rows.push_back({{"month", r.month}, {"people", r.people}, {"counts", r.counts}});
    Json doc = {{"as_of", FormatDate(table.as_of)}, {"columns", table.columns}, {"rows", rows}};
    AddGroup(doc, loaded->group);
    PrintJson(ctx, doc);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"first seen", "people"};
  header.insert(header.end(), table.columns.begin(), table.columns.end());
  rows.push_back(header);
  for (const CohortRow& r : table.rows) {
    std::vector<std::string> row = {r.month, Thousands(r.people)};
    for (int64_t n : r.counts) row.push_back(Thousands(n));
    rows.push_back(row);
  }
  *ctx.out << fmt::format("Cohorts: people by the month they first appeared, by the highest rung reached by {}\n{}",
                          FormatDate(table.as_of), FormatTable(rows));
  return 0;
}

int RunClimb(CliContext& ctx, const LadderFlags& flags) {
  auto loaded = LoadLadderAt(ctx, flags);
  if (!loaded.ok()) return Fail(ctx, loaded.status());
  const Ladder* ladder = &loaded->ladder;
  const Day* as_of = &loaded->as_of;
  std::vector<ClimbTime> climbs = ladder->ClimbTimes(*as_of);
  if (ctx.json) {
    Json out = Json::array();
    for (const ClimbTime& c : climbs) {
      Json median = c.median_days ? Json(*c.median_days) : Json(nullptr);
      out.push_back(
          {{"from_rung", c.from_rung}, {"to_rung", c.to_rung}, {"people", c.people}, {"median_days", median}});
    }
    Json doc = {{"as_of", FormatDate(*as_of)}, {"climbs", out}};
    AddGroup(doc, loaded->group);
    PrintJson(ctx, doc);
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"step", "people", "median days"}};
  for (const ClimbTime& c : climbs)
    rows.push_back({c.from_rung + " -> " + c.to_rung, Thousands(c.people),
                    c.median_days ? fmt::format("{:.1f}", *c.median_days) : "-"});
  *ctx.out << fmt::format("Time to climb, for people who climbed by {}\n{}", FormatDate(*as_of), FormatTable(rows));
  return 0;
}

void AddAsOf(CLI::App& cmd, LadderFlags& flags) {
  cmd.add_option("--as-of", flags.as_of, "Day to read the ladder at (YYYY-MM-DD, today, today-N)")
      ->capture_default_str();
}

template <typename Runner>
void AddSubcommand(CLI::App& ladder, CliContext& ctx, std::shared_ptr<LadderFlags> flags, const char* name,
                   const char* help, Runner runner, const std::function<void(CLI::App&)>& add_flags) {
  CLI::App* cmd = ladder.add_subcommand(name, help);
  add_flags(*cmd);
  AddPersonOption(*cmd, flags->person);
  AddJsonFlag(*cmd, ctx);
  cmd->callback([&ctx, flags, runner] { ctx.run = [&ctx, flags, runner] { return runner(ctx, *flags); }; });
}

}  // namespace

namespace {

void RegisterLadder(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<LadderFlags>();
  CLI::App* cmd = app.add_subcommand("ladder",
                                     "Show the ladder of engagement: people per rung as of a day; with --from/--to,\n"
                                     "how people moved between two days and the conversion between rungs");
  cmd->require_subcommand(0, 1);
  AddAsOf(*cmd, *flags);
  cmd->add_option("--from", flags->from, "Start of a movement period (YYYY-MM-DD, today-N)");
  cmd->add_option("--to", flags->to, "End of a movement period")->capture_default_str();
  AddPersonOption(*cmd, flags->person);
  AddJsonFlag(*cmd, ctx);
  AddSubcommand(*cmd, ctx, flags, "series", "Rung counts as a daily or weekly series", RunSeries, [&](CLI::App& c) {
    c.add_option("--from", flags->from, "First day (default: 90 days before --to)");
    c.add_option("--to", flags->to, "Last day")->capture_default_str();
    c.add_flag("--weekly", flags->weekly, "One point per ISO week (as of its Sunday)");
  });
  AddSubcommand(*cmd, ctx, flags, "people", "Each person's rung as of a day", RunPeople, [&](CLI::App& c) {
    AddAsOf(c, *flags);
    c.add_option("--rung", flags->rung, "Only people on this rung");
  });
  AddSubcommand(*cmd, ctx, flags, "cohorts", "People by first-seen month and highest rung reached", RunCohorts,
                [&](CLI::App& c) { AddAsOf(c, *flags); });
  AddSubcommand(*cmd, ctx, flags, "climb", "Median days to climb each step of the ladder", RunClimb,
                [&](CLI::App& c) { AddAsOf(c, *flags); });
  cmd->callback([&ctx, flags, cmd] {
    if (cmd->get_subcommands().empty()) ctx.run = [&ctx, flags] { return RunSnapshot(ctx, *flags); };
  });
}

const CommandRegistrar kRegistrar(40, RegisterLadder);

}  // namespace

}  // namespace learnloop::cli
