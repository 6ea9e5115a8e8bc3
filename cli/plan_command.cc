#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "learnloop/metric_evaluation.h"
#include "loop_cli.h"

namespace learnloop::cli {
namespace {

struct PlanFlags {
  LoopFlags loop;
  std::string id;
  std::string title;
  std::string goal;
  std::string hypothesis;
  std::string metric;
  std::string step;
  std::vector<std::string> guardrails;
  std::vector<std::string> variants;
  std::optional<int> timebox;
  std::string long_reason;
  std::string start;
  std::string end;
  std::string baseline_from;
  std::string baseline_to;
  std::string effort;
  std::optional<double> lift;
  std::string owner;
  std::string tactic;
  // check-in, review, reflection, decision
  std::string day;
  std::string done;
  std::string next;
  std::string blocked;
  std::string verdict;
  std::string expected;
  std::string happened;
  std::string why;
  std::string learned;
  std::string tags;
  std::string decision;
  std::string reason;
  bool portfolio = false;
  bool history = false;
};

using RunFn = int (*)(CliContext&, PlanFlags&);

// Runs `body` on an opened loop, printing the failure it returns.
template <typename Body>
int WithLoop(CliContext& ctx, const PlanFlags& flags, Body body) {
  auto session = OpenLoop(ctx, flags.loop);
  if (!session.ok()) return Fail(ctx, session.status());
  Status status = body(*session);
  return status.ok() ? 0 : Fail(ctx, status);
}

Result<std::optional<Day>> OptionalDay(std::string_view flag, const std::string& text, Day today) {
  if (text.empty()) return std::optional<Day>();
  LL_ASSIGN_OR_RETURN(Day day, ParseDayFlag(flag, text, today));
  return std::optional<Day>(day);
}

// A new plan starts from the tactic's suggestions; flags then override them.
Status ApplyTactic(LearningLoop& loop, const std::string& name, Plan& plan) {
  LL_ASSIGN_OR_RETURN(auto tactics, loop.Tactics());
  auto it = std::find_if(tactics.begin(), tactics.end(), [&](const Tactic& t) { return t.name == name; });
  if (it == tactics.end()) {
    std::vector<std::string> names;
    for (const Tactic& t : tactics) names.push_back(t.name);
    return NotFound(fmt::format("there is no tactic '{}' in {}; the tactics are: {}", name, kTacticsFileName,
                                fmt::join(names, ", ")));
  }
  plan.title = it->title;
  plan.hypothesis = it->hypothesis;
  plan.metric = it->metric;
  plan.step_from = it->step;
  plan.timebox_days = it->timebox_days;
  plan.effort = it->effort;
  plan.tactic = it->name;
  return Status::Ok();
}

// Only the dates given change; --end sets the timebox from the start.
Status ApplyDates(const PlanFlags& flags, Day today, Plan& plan) {
  LL_ASSIGN_OR_RETURN(auto start, OptionalDay("--start", flags.start, today));
  if (start) plan.start = start;
  LL_ASSIGN_OR_RETURN(auto end, OptionalDay("--end", flags.end, today));
  if (end) {
    const Day from = plan.start.value_or(today);
    if (*end < from)
      return InvalidArgument(fmt::format("--end {} is before the start {}", FormatDate(*end), FormatDate(from)));
    plan.timebox_days = *end - from + 1;
  }
  LL_ASSIGN_OR_RETURN(auto baseline_from, OptionalDay("--baseline-from", flags.baseline_from, today));
  LL_ASSIGN_OR_RETURN(auto baseline_to, OptionalDay("--baseline-to", flags.baseline_to, today));
  if (baseline_from) plan.baseline_from = baseline_from;
  if (baseline_to) plan.baseline_to = baseline_to;
  return Status::Ok();
}

// The fields given on the command line replace the plan's.
Status ApplyFlags(const PlanFlags& flags, Day today, Plan& plan) {
  if (!flags.title.empty()) plan.title = flags.title;
  if (!flags.goal.empty()) {
    LL_ASSIGN_OR_RETURN(plan.goal_id, ParseId("--goal", flags.goal));
  }
  if (!flags.hypothesis.empty()) plan.hypothesis = flags.hypothesis;
  if (!flags.metric.empty()) plan.metric = flags.metric;
  if (!flags.step.empty()) {
    plan.step_from = flags.step;
    plan.step_to.clear();
  }
  if (!flags.guardrails.empty()) plan.guardrails = flags.guardrails;
  if (!flags.variants.empty()) plan.variants = flags.variants;
  if (flags.timebox) plan.timebox_days = *flags.timebox;
  if (!flags.long_reason.empty()) plan.long_reason = flags.long_reason;
  if (!flags.effort.empty()) {
    LL_ASSIGN_OR_RETURN(plan.effort, ParseEffort(flags.effort));
  }
  if (flags.lift) plan.expected_lift = *flags.lift;
  if (!flags.owner.empty()) plan.owner = flags.owner;
  return ApplyDates(flags, today, plan);
}

Result<Plan> PlanFromFlags(const PlanFlags& flags, LearningLoop& loop) {
  Plan plan;
  if (!flags.tactic.empty()) LL_RETURN_IF_ERROR(ApplyTactic(loop, flags.tactic, plan));
  LL_RETURN_IF_ERROR(ApplyFlags(flags, loop.options().today, plan));
  if (plan.owner.empty()) plan.owner = loop.options().actor;
  return plan;
}

void PrintPlanLine(const CliContext& ctx, std::string_view what, const Plan& p) {
  if (ctx.json) {
    PrintJson(ctx, PlanJson(p));
  } else {
    *ctx.out << fmt::format("Plan {} {}: {} ({}, {})\n", p.id, what, p.title, PlanStateName(p.state), StepText(p));
  }
}

// The planning aid: a timebox shorter than the metric needs to show the
// expected change cannot teach anything, so say so when the plan is made.
void WarnIfTooShort(CliContext& ctx, Workspace& ws, const Plan& plan, Day today) {
  auto metrics = ws.LoadMetrics();
  if (!metrics.ok()) return;
  auto days = DaysToDetectForPlan(plan, *metrics, today);
  const double lift = plan.expected_lift != 0 ? plan.expected_lift : 20;
  if (!days.ok()) {
    if (days.status().code() == StatusCode::kFailedPrecondition)
      *ctx.out << fmt::format("  warning: {} changes too little to show a {:+.0f}% change in any short plan ({})\n",
                              plan.metric, lift, days.status().message());
    return;
  }
  if (*days <= plan.timebox_days) return;
  *ctx.out << fmt::format(
      "  warning: {} is noisy: a {:+.0f}% change would take about {} days to show, but the timebox is {}.\n"
      "  Consider a longer timebox (--timebox {}), a bolder change, or a steadier metric.\n",
      plan.metric, lift, *days, plan.timebox_days, *days);
}

int RunAdd(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(Plan plan, PlanFromFlags(flags, s.loop));
    LL_ASSIGN_OR_RETURN(Plan added, s.loop.AddPlan(plan));
    PrintPlanLine(ctx, "added", added);
    if (!ctx.json) WarnIfTooShort(ctx, s.ws, added, s.loop.options().today);
    return Status::Ok();
  });
}

int RunStart(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
    LL_ASSIGN_OR_RETURN(auto start, OptionalDay("--start", flags.start, s.loop.options().today));
    LL_ASSIGN_OR_RETURN(Plan plan, s.loop.StartPlan(id, start));
    PrintPlanLine(ctx, "started", plan);
    if (!ctx.json)
      *ctx.out << fmt::format("  runs {} to {}; baseline {} to {}\n", FormatDate(*plan.start), FormatDate(plan.end()),
                              DayText(plan.baseline_from), DayText(plan.baseline_to));
    return Status::Ok();
  });
}

std::vector<std::string> SplitTags(const std::string& text) {
  std::vector<std::string> tags;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = std::min(text.find(',', begin), text.size());
    std::string tag = text.substr(begin, end - begin);
    tag.erase(0, tag.find_first_not_of(' '));
    tag.erase(tag.find_last_not_of(' ') + 1);
    if (!tag.empty()) tags.push_back(tag);
    begin = end + 1;
  }
  return tags;
}

LoopJson CheckInJson(const CheckIn& c) {
  return {{"id", c.id},     {"plan_id", c.plan_id}, {"day", FormatDate(c.day)}, {"done", c.done},
          {"next", c.next}, {"blocked", c.blocked}, {"actor", c.actor}};
}

LoopJson ReflectionJson(const Reflection& r) {
  return {{"plan_id", r.plan_id}, {"day", FormatDate(r.day)}, {"expected", r.expected}, {"happened", r.happened},
          {"why", r.why},         {"learned", r.learned},     {"tags", r.tags},         {"actor", r.actor}};
}

std::string ChainText(const std::vector<Plan>& chain, int64_t current) {
  std::vector<std::string> links;
  for (const Plan& p : chain)
    links.push_back(fmt::format("{}loop {} (plan {}, {}){}", p.id == current ? "[" : "", p.loop_number, p.id,
                                PlanStateName(p.state), p.id == current ? "]" : ""));
  return fmt::format("{}", fmt::join(links, " -> "));
}

void PrintPlanText(const CliContext& ctx, const Plan& p, const std::vector<Plan>& chain,
                   const std::vector<CheckIn>& notes, const std::optional<Reflection>& reflection) {
  std::ostream& out = *ctx.out;
  out << fmt::format("Plan {}: {}\n  state       {}\n  goal        {}\n  hypothesis  {}\n  step        {}\n", p.id,
                     p.title, PlanStateName(p.state), p.goal_id, p.hypothesis, StepText(p));
  out << fmt::format("  metric      {}{}\n", p.metric,
                     p.guardrails.empty() ? "" : fmt::format(" (guardrails: {})", fmt::join(p.guardrails, ", ")));
  if (!p.variants.empty()) out << fmt::format("  variants    {}\n", fmt::join(p.variants, ", "));
  out << fmt::format("  timebox     {} days{}; effort {}; expected lift {}%; owner {}\n", p.timebox_days,
                     p.long_reason.empty() ? "" : " (long: " + p.long_reason + ")", EffortName(p.effort),
                     p.expected_lift, p.owner.empty() ? "-" : p.owner);
  if (p.start)
    out << fmt::format("  runs        {} to {}; baseline {} to {}\n", FormatDate(*p.start), FormatDate(p.end()),
                       DayText(p.baseline_from), DayText(p.baseline_to));
  if (p.verdict != ReviewVerdict::kNone)
    out << fmt::format("  verdict     {} (reviewed {})\n", ReviewVerdictName(p.verdict), DayText(p.reviewed_on));
  if (p.decision != Decision::kNone)
    out << fmt::format("  decision    {} on {}: {}\n", DecisionName(p.decision), DayText(p.decided_on),
                       p.decision_reason);
  out << "  lineage     " << ChainText(chain, p.id) << "\n";
  for (const CheckIn& c : notes)
    out << fmt::format("  check-in {}  done: {} | next: {} | blocked: {}\n", FormatDate(c.day), c.done, c.next,
                       c.blocked);
  if (reflection)
    out << fmt::format(
        "  reflection  expected: {}\n              happened: {}\n              why: {}\n"
        "              learned: {}\n              tags: {}\n",
        reflection->expected, reflection->happened, reflection->why, reflection->learned,
        fmt::join(reflection->tags, ", "));
}

LoopJson HistoryJson(const std::vector<HistoryEntry>& entries) {
  LoopJson list = LoopJson::array();
  for (const HistoryEntry& e : entries)
    list.push_back({{"field", e.field},
                    {"old", e.old_value},
                    {"new", e.new_value},
                    {"actor", e.actor},
                    {"at", FormatRfc3339(e.at)}});
  return list;
}

int RunShow(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
    LL_ASSIGN_OR_RETURN(Plan plan, s.loop.GetPlan(id));
    LL_ASSIGN_OR_RETURN(auto chain, s.loop.Lineage(id));
    LL_ASSIGN_OR_RETURN(auto notes, s.loop.CheckIns(id));
    LL_ASSIGN_OR_RETURN(auto reflections, s.loop.Reflections());
    LL_ASSIGN_OR_RETURN(auto history, s.loop.History("plan", id));
    std::optional<Reflection> reflection;
    for (const Reflection& r : reflections)
      if (r.plan_id == id) reflection = r;
    if (!ctx.json) {
      PrintPlanText(ctx, plan, chain, notes, reflection);
      if (flags.history)
        for (const HistoryEntry& e : history)
          *ctx.out << fmt::format("  {} {} {}: '{}' -> '{}'\n", FormatRfc3339(e.at), e.actor, e.field, e.old_value,
                                  e.new_value);
      return Status::Ok();
    }
    LoopJson doc = PlanJson(plan);
    LoopJson lineage = LoopJson::array();
    for (const Plan& p : chain) lineage.push_back({{"id", p.id}, {"loop_number", p.loop_number}, {"title", p.title}});
    LoopJson checkins = LoopJson::array();
    for (const CheckIn& c : notes) checkins.push_back(CheckInJson(c));
    doc["lineage"] = lineage;
    doc["checkins"] = checkins;
    doc["reflection"] = reflection ? ReflectionJson(*reflection) : LoopJson(nullptr);
    doc["history"] = HistoryJson(history);
    PrintJson(ctx, doc);
    return Status::Ok();
  });
}

std::vector<std::string> PlanRow(const Plan& p) {
  return {std::to_string(p.id),
          p.title,
          std::string(PlanStateName(p.state)),
          StepText(p),
          p.metric,
          p.start ? fmt::format("{} - {}", FormatDate(*p.start), FormatDate(p.end())) : "-",
          std::to_string(p.loop_number)};
}

const std::vector<std::string> kPlanHeader = {"plan", "title", "state", "step", "metric", "dates", "loop"};

int RunList(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(auto plans, s.loop.Plans());
    LoopJson list = LoopJson::array();
    std::vector<std::vector<std::string>> rows = {kPlanHeader};
    for (const Plan& p : plans) {
      list.push_back(PlanJson(p));
      rows.push_back(PlanRow(p));
    }
    if (ctx.json) {
      PrintJson(ctx, {{"plans", list}});
    } else {
      *ctx.out << (plans.empty() ? "No plans yet: learnloop plan add --help\n" : FormatTable(rows));
    }
    return Status::Ok();
  });
}

int RunCheckIn(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    CheckIn note;
    LL_ASSIGN_OR_RETURN(note.plan_id, ParseId("plan", flags.id));
    LL_ASSIGN_OR_RETURN(auto day, OptionalDay("--day", flags.day, s.loop.options().today));
    note.day = day.value_or(0);
    note.done = flags.done;
    note.next = flags.next;
    note.blocked = flags.blocked;
    LL_ASSIGN_OR_RETURN(CheckIn added, s.loop.AddCheckIn(note));
    if (ctx.json) {
      PrintJson(ctx, CheckInJson(added));
    } else {
      *ctx.out << fmt::format("Check-in on plan {} for {} recorded\n", added.plan_id, FormatDate(added.day));
    }
    return Status::Ok();
  });
}

int RunReview(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
    LL_ASSIGN_OR_RETURN(ReviewVerdict verdict, ParseReviewVerdict(flags.verdict));
    LL_ASSIGN_OR_RETURN(Plan plan, s.loop.ReviewPlan(id, verdict));
    PrintPlanLine(ctx, fmt::format("reviewed ({})", ReviewVerdictName(verdict)), plan);
    if (!ctx.json)
      *ctx.out << fmt::format("  next: learnloop plan reflect {} --learned ...; then learnloop plan decide {} ...\n",
                              id, id);
    return Status::Ok();
  });
}

int RunReflect(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    Reflection r;
    LL_ASSIGN_OR_RETURN(r.plan_id, ParseId("plan", flags.id));
    r.expected = flags.expected;
    r.happened = flags.happened;
    r.why = flags.why;
    r.learned = flags.learned;
    r.tags = SplitTags(flags.tags);
    LL_ASSIGN_OR_RETURN(Reflection saved, s.loop.Reflect(r));
    if (ctx.json) {
      PrintJson(ctx, ReflectionJson(saved));
    } else {
      *ctx.out << fmt::format("Reflection on plan {} saved; find it later with `learnloop learnings search`\n",
                              saved.plan_id);
    }
    return Status::Ok();
  });
}

int RunDecide(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
    LL_ASSIGN_OR_RETURN(Decision decision, ParseDecision(flags.decision));
    LL_ASSIGN_OR_RETURN(Plan plan, s.loop.DecidePlan(id, decision, flags.reason));
    if (ctx.json) {
      PrintJson(ctx, PlanJson(plan));
    } else {
      *ctx.out << fmt::format("Plan {} decided: {}\n", id, DecisionName(decision));
      if (plan.next_id)
        *ctx.out << fmt::format("  next loop: plan {} (an idea, pre-filled); start it with `learnloop plan start {}`\n",
                                *plan.next_id, *plan.next_id);
    }
    return Status::Ok();
  });
}

int RunEdit(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
    LL_ASSIGN_OR_RETURN(Plan plan, s.loop.GetPlan(id));
    LL_RETURN_IF_ERROR(ApplyFlags(flags, s.loop.options().today, plan));
    LL_ASSIGN_OR_RETURN(Plan edited, s.loop.EditPlan(plan));
    PrintPlanLine(ctx, "changed", edited);
    return Status::Ok();
  });
}

int RunDelete(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
    LL_ASSIGN_OR_RETURN(Plan plan, s.loop.GetPlan(id));
    LL_RETURN_IF_ERROR(s.loop.DeletePlan(id));
    if (ctx.json) {
      PrintJson(ctx, {{"deleted", id}});
    } else {
      *ctx.out << fmt::format("Plan {} deleted: {}\n", id, plan.title);
    }
    return Status::Ok();
  });
}

// The next loop, with the changes given as flags (what adapt adapts).
int RunNext(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(int64_t id, ParseId("plan", flags.id));
    LL_ASSIGN_OR_RETURN(Plan next, s.loop.NextPlan(id));
    Plan changed = next;
    LL_RETURN_IF_ERROR(ApplyFlags(flags, s.loop.options().today, changed));
    if (PlanJson(changed) != PlanJson(next)) {
      LL_ASSIGN_OR_RETURN(next, s.loop.EditPlan(changed));
    }
    PrintPlanLine(ctx, fmt::format("is the next loop after plan {}", id), next);
    return Status::Ok();
  });
}

int RunTactics(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(auto tactics, s.loop.Tactics());
    LoopJson list = LoopJson::array();
    std::vector<std::vector<std::string>> rows = {{"tactic", "title", "metric", "step", "days", "effort"}};
    for (const Tactic& t : tactics) {
      list.push_back({{"name", t.name},
                      {"title", t.title},
                      {"description", t.description},
                      {"hypothesis", t.hypothesis},
                      {"metric", t.metric},
                      {"step", t.step},
                      {"timebox_days", t.timebox_days},
                      {"effort", EffortName(t.effort)}});
      rows.push_back(
          {t.name, t.title, t.metric, t.step, std::to_string(t.timebox_days), std::string(EffortName(t.effort))});
    }
    if (ctx.json) {
      PrintJson(ctx, {{"tactics", list}});
    } else {
      *ctx.out << FormatTable(rows) << fmt::format("Edit them in {}\n", (s.ws.dir() / kTacticsFileName).string());
    }
    return Status::Ok();
  });
}

LoopJson GroupsJson(const std::vector<PortfolioGroup>& groups) {
  LoopJson list = LoopJson::array();
  for (const PortfolioGroup& g : groups)
    list.push_back({{"key", g.key}, {"plans", g.plans}, {"expected_value", g.expected_value}});
  return list;
}

std::string GroupsText(std::string_view title, const std::vector<PortfolioGroup>& groups) {
  std::vector<std::vector<std::string>> rows = {{std::string(title), "plans", "expected value"}};
  for (const PortfolioGroup& g : groups)
    rows.push_back({g.key, std::to_string(g.plans), fmt::format("{:.1f}", g.expected_value)});
  return FormatTable(rows);
}

void PrintPortfolio(const CliContext& ctx, const Portfolio& p, const std::vector<std::string>& rungs) {
  if (ctx.json) {
    LoopJson plans = LoopJson::array();
    for (const Plan& plan : p.plans) {
      LoopJson doc = PlanJson(plan);
      doc["expected_value"] = ExpectedValue(plan, rungs);
      plans.push_back(doc);
    }
    PrintJson(ctx, {{"plans", plans},
                    {"by_step", GroupsJson(p.by_step)},
                    {"by_effort", GroupsJson(p.by_effort)},
                    {"warnings", p.warnings}});
    return;
  }
  std::vector<std::vector<std::string>> rows = {{"plan", "title", "state", "step", "effort", "lift %", "value"}};
  for (const Plan& plan : p.plans)
    rows.push_back({std::to_string(plan.id), plan.title, std::string(PlanStateName(plan.state)), StepText(plan),
                    std::string(EffortName(plan.effort)), fmt::format("{}", plan.expected_lift),
                    fmt::format("{:.1f}", ExpectedValue(plan, rungs))});
  *ctx.out << "Portfolio: planned, running and recent plans (value = lift % x rung weight / effort points)\n"
           << FormatTable(rows) << "\n"
           << GroupsText("by step", p.by_step) << "\n"
           << GroupsText("by effort", p.by_effort);
  for (const std::string& w : p.warnings) *ctx.out << "warning: " << w << "\n";
}

int RunBoard(CliContext& ctx, PlanFlags& flags) {
  return WithLoop(ctx, flags, [&](LoopSession& s) -> Status {
    LL_ASSIGN_OR_RETURN(auto plans, s.loop.Plans());
    if (flags.portfolio) {
      PrintPortfolio(ctx, BuildPortfolio(plans, s.loop.rung_names(), s.loop.options().today), s.loop.rung_names());
      return Status::Ok();
    }
    LL_ASSIGN_OR_RETURN(auto goals, s.loop.Goals());
    LoopJson list = LoopJson::array();
    for (const Goal& g : goals) {
      LoopJson group = {
          {"goal_id", g.id}, {"title", g.title}, {"metric", g.metric}, {"deadline", FormatDate(g.deadline)}};
      LoopJson members = LoopJson::array();
      std::vector<std::vector<std::string>> rows = {kPlanHeader};
      for (const Plan& p : plans) {
        if (p.goal_id != g.id) continue;
        members.push_back(PlanJson(p));
        rows.push_back(PlanRow(p));
      }
      group["plans"] = members;
      list.push_back(group);
      if (!ctx.json)
        *ctx.out << fmt::format("Goal {}: {} ({} by {})\n{}\n", g.id, g.title, g.metric, FormatDate(g.deadline),
                                rows.size() > 1 ? FormatTable(rows) : "  no plans yet\n");
    }
    if (ctx.json) PrintJson(ctx, {{"goals", list}});
    if (!ctx.json && goals.empty()) *ctx.out << "No goals yet: every plan serves a goal; see `learnloop goal add`\n";
    return Status::Ok();
  });
}

CLI::App* AddSub(CLI::App& parent, CliContext& ctx, std::shared_ptr<PlanFlags> flags, const char* name,
                 const char* help, RunFn run) {
  return AddLoopCommand(parent, ctx, std::move(flags), name, help, run);
}

void AddPlanId(CLI::App& cmd, PlanFlags& flags) { cmd.add_option("plan", flags.id, "Plan id")->required(); }

void AddCheckInFlags(CLI::App& cmd, PlanFlags& flags) {
  AddPlanId(cmd, flags);
  cmd.add_option("--done", flags.done, "What got done");
  cmd.add_option("--next", flags.next, "What comes next");
  cmd.add_option("--blocked", flags.blocked, "What blocks the plan");
  cmd.add_option("--day", flags.day, "Day of the check-in (default today)");
}

void AddPlanFields(CLI::App& c, PlanFlags& f, bool adding) {
  if (adding) {
    c.add_option("title", f.title, "What the plan does (default: the tactic's title)");
    c.add_option("--tactic", f.tactic, "Pre-fill from a tactic of tactics.toml (see `learnloop plan tactics`)");
  } else {
    c.add_option("--title", f.title, "What the plan does");
  }
  c.add_option("--goal", f.goal, "The goal the plan serves (required)");
  c.add_option("--hypothesis", f.hypothesis, "\"if we ... then ... because ...\"");
  c.add_option("--metric", f.metric, "Primary metric: rung:NAME or a metric of metrics.toml");
  c.add_option("--step", f.step, "Ladder step, e.g. 'engagement -> relationship' (default: from the metric)");
  c.add_option("--guardrail", f.guardrails, "A metric that must not get worse (repeatable)")->allow_extra_args(false);
  c.add_option("--variant", f.variants, "A content tag of one variant, for A/B (repeatable)")->allow_extra_args(false);
  c.add_option("--timebox", f.timebox, "Days the plan runs (default 14; above 21 needs --long)");
  c.add_option("--long", f.long_reason, "Why the plan needs more than 21 days");
  c.add_option("--start", f.start, "Planned start (YYYY-MM-DD); without it the plan is an idea");
  c.add_option("--end", f.end, "Last day, instead of --timebox");
  c.add_option("--baseline-from", f.baseline_from, "Baseline period start (default: the timebox before the start)");
  c.add_option("--baseline-to", f.baseline_to, "Baseline period end");
  c.add_option("--effort", f.effort, "S, M or L (default M, or the tactic's)");
  c.add_option("--lift", f.lift, "Expected lift of the metric, in percent");
  c.add_option("--owner", f.owner, "Who owns the plan (default: --as)");
}

void RegisterPlan(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<PlanFlags>();
  PlanFlags& f = *flags;
  CLI::App* cmd = app.add_subcommand("plan", "Micro-plans: add, start, check in, review, reflect, decide, next");
  cmd->require_subcommand(1);
  AddPlanFields(*AddSub(*cmd, ctx, flags, "add", "Add a plan (title, goal, hypothesis and metric are enough)", RunAdd),
                f, true);
  CLI::App* start = AddSub(*cmd, ctx, flags, "start", "Start running a plan", RunStart);
  AddPlanId(*start, f);
  start->add_option("--start", f.start, "First day (default: its planned start, else today)");
  AddPlanId(*AddSub(*cmd, ctx, flags, "show", "A plan, its lineage, check-ins and reflection", RunShow), f);
  cmd->get_subcommand("show")->add_flag("--history", f.history, "Also print every change with who made it");
  AddSub(*cmd, ctx, flags, "list", "Every plan", RunList);
  AddCheckInFlags(*AddSub(*cmd, ctx, flags, "checkin", "Notes on a running plan: done, next, blocked", RunCheckIn), f);
  CLI::App* review = AddSub(*cmd, ctx, flags, "review", "End a plan's run and give the verdict", RunReview);
  AddPlanId(*review, f);
  review->add_option("--verdict", f.verdict, "win, loss or inconclusive")->required();
  CLI::App* reflect = AddSub(*cmd, ctx, flags, "reflect", "The after-action review of a plan", RunReflect);
  AddPlanId(*reflect, f);
  reflect->add_option("--expected", f.expected, "What we expected");
  reflect->add_option("--happened", f.happened, "What happened");
  reflect->add_option("--why", f.why, "Why it happened");
  reflect->add_option("--learned", f.learned, "What we learn (required)");
  reflect->add_option("--tags", f.tags, "Tags for the learnings, comma-separated");
  CLI::App* decide = AddSub(*cmd, ctx, flags, "decide", "Adopt, adapt, abandon or extend a reviewed plan", RunDecide);
  AddPlanId(*decide, f);
  decide->add_option("decision", f.decision, "adopt, adapt, abandon or extend")->required();
  decide->add_option("--reason", f.reason, "Why (required)");
  CLI::App* edit = AddSub(*cmd, ctx, flags, "edit", "Change a plan that has not started", RunEdit);
  AddPlanId(*edit, f);
  AddPlanFields(*edit, f, false);
  AddPlanId(*AddSub(*cmd, ctx, flags, "delete", "Delete a plan that never started (an idea or planned)", RunDelete), f);
  CLI::App* next = AddSub(*cmd, ctx, flags, "next",
                          "The next loop after a decided plan (created if missing), with changes", RunNext);
  AddPlanId(*next, f);
  AddPlanFields(*next, f, false);
  AddSub(*cmd, ctx, flags, "tactics", "The tactics library (plan templates)", RunTactics);
}

void RegisterPlans(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<PlanFlags>();
  CLI::App* cmd =
      AddSub(app, ctx, flags, "plans", "The plan board, grouped by goal; --portfolio for the balance", RunBoard);
  cmd->add_flag("--portfolio", flags->portfolio, "By ladder step, effort and expected value, with warnings");
}

// `learnloop checkin` is `learnloop plan checkin`, for the daily meeting.
void RegisterCheckIn(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<PlanFlags>();
  AddCheckInFlags(*AddSub(app, ctx, flags, "checkin", "Same as `plan checkin`", RunCheckIn), *flags);
}

const CommandRegistrar kPlanRegistrar(64, RegisterPlan);
const CommandRegistrar kPlansRegistrar(65, RegisterPlans);
const CommandRegistrar kCheckInRegistrar(66, RegisterCheckIn);

}  // namespace
}  // namespace learnloop::cli
