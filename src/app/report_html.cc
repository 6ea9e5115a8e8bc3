#include "app/report_html.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "app/html.h"
#include "app/report_svg.h"

namespace learnloop::app {
namespace {

constexpr char kStyle[] = R"(
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b;
  background: #fff; max-width: 62rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; margin: 0.5rem 0 0; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #c9ccd1; }
h3 { font-size: 1.1rem; margin: 0 0 0.4rem; }
.period { font-size: 1.15rem; margin: 0.1rem 0; }
.meta, .note { color: #4a4f57; font-size: 0.92rem; }
nav a { margin-right: 1rem; color: #1f4f7a; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.7rem 0.3rem 0; border-bottom: 1px solid #dfe1e5; }
thead th { border-bottom: 2px solid #9aa0a6; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { font-weight: 600; width: 11rem; }
.day { white-space: nowrap; }
svg { max-width: 100%; height: auto; display: block; margin: 0.4rem 0; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1b1b1b; }
svg text.name { font-size: 14px; font-weight: 600; }
svg text.count { font-size: 14px; }
svg text.strong { font-weight: 700; }
.rung { fill: #9cc3e4; stroke: #1f4f7a; stroke-width: 1.5; }
.arrow, .axis { fill: none; stroke: #4a4f57; stroke-width: 1.5; }
.grid { stroke: #e3e5e8; }
.line { fill: none; stroke-width: 2.5; }
.mark { fill: #1b1b1b; }
.s0 { stroke: #1f4f7a; }
.s1 { stroke: #b5541c; stroke-dasharray: 8 4; }
.s2 { stroke: #2e7d32; stroke-dasharray: 2 4; }
.s3 { stroke: #6a3d9a; stroke-dasharray: 12 4 3 4; }
.interval { fill: #c7dbef; stroke: #1f4f7a; }
.nochange { stroke: #1b1b1b; stroke-dasharray: 4 3; }
.ratio { fill: #1b1b1b; }
.track { fill: #e3e5e8; }
.fill { fill: #1f4f7a; }
.progress svg { display: inline-block; vertical-align: middle; margin: 0 0.5rem 0 0; }
article { border: 1px solid #dfe1e5; border-radius: 6px; padding: 0.8rem 1rem; margin: 1rem 0; }
.evaluation { border-left: 4px solid #9cc3e4; padding-left: 0.8rem; margin-top: 0.6rem; }
.headline { font-weight: 600; margin: 0.2rem 0; }
footer { margin-top: 3rem; border-top: 1px solid #dfe1e5; padding-top: 0.6rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  article, figure, table, svg { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)";

std::string H(std::string_view text) { return HtmlEscape(text); }

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return n < 0 ? "-" + digits : digits;
}

// A row of a facts table: `value` is HTML already.
std::string FactRow(std::string_view name, const std::string& value) {
  return fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", H(name), value);
}

std::string HeaderRow(const std::vector<std::string>& names, size_t numeric_from) {
  std::string row = "<thead><tr>";
  for (size_t i = 0; i < names.size(); ++i)
    row += fmt::format("<th scope=\"col\"{}>{}</th>", i >= numeric_from ? " class=\"n\"" : "", H(names[i]));
  return row + "</tr></thead>\n";
}

// The organization's name, else what the page is.
std::string Title(const ReportData& d) {
  const std::string& org = d.workspace.info.org_name;
  return org.empty() ? std::string("Learning loops") : org;
}

std::string PageTitle(const ReportData& d) {
  const std::string period = fmt::format("{} to {}", FormatDate(d.from), FormatDate(d.to));
  const std::string& org = d.workspace.info.org_name;
  return org.empty() ? "Learning loops, " + period : org + ": learning loops, " + period;
}

std::string Head(const ReportData& d) {
  std::string generator =
      d.generator.empty() ? std::string() : fmt::format("<meta name=\"generator\" content=\"{}\">\n", H(d.generator));
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // Nothing outside the page may load, even if some text got through unescaped.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "{}<title>{}</title>\n<style>{}</style>\n</head>\n",
      generator, H(PageTitle(d)), kStyle);
}

std::string Masthead(const ReportData& d) {
  const WorkspaceInfo& info = d.workspace.info;
  return fmt::format(
      "<header>\n<h1>{}</h1>\n<p class=\"period\">Learning loops from {} to {}</p>\n"
      "<p class=\"meta\">Made on {}. The workspace holds {} events from {} people; days are those of the time "
      "zone {}.</p>\n"
      "<nav aria-label=\"Sections\"><a href=\"#ladder\">Ladder</a><a href=\"#over-time\">Over time</a>"
      "<a href=\"#goals\">Goals</a><a href=\"#plans\">Plans</a><a href=\"#learnings\">Learnings</a></nav>\n"
      "</header>\n",
      H(Title(d)), FormatDate(d.from), FormatDate(d.to), FormatDate(d.generated), Thousands(info.events),
      Thousands(info.people), H(info.time_zone));
}

std::string ConversionTable(const LadderMovement& m) {
  std::string rows;
  for (const Conversion& c : m.conversions)
    rows += fmt::format(
        "<tr><th scope=\"row\">{} to {}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td "
        "class=\"n\">{}</td></tr>\n",
        H(c.from_rung), H(c.to_rung), Thousands(c.base), Thousands(c.converted),
        c.base == 0 ? std::string("-") : fmt::format("{:.1f}%", 100 * c.rate));
  return fmt::format(
      "<table>\n<caption class=\"note\">Of the people on a rung on {}, how many stood higher on {}</caption>\n{}"
      "<tbody>\n{}</tbody></table>\n",
      FormatDate(m.from), FormatDate(m.to),
      HeaderRow({"step", fmt::format("on the lower rung on {}", FormatDate(m.from)), "climbed", "rate"}, 1), rows);
}

std::string LadderSection(const ReportData& d) {
  const LadderSnapshot& s = d.ladder.snapshot;
  std::string rows;
  for (const RungCount& r : s.rungs)
    rows += fmt::format("<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td></tr>\n", H(r.name), Thousands(r.people));
  std::string html = fmt::format(
      "<section id=\"ladder\" aria-labelledby=\"ladder-h\">\n<h2 id=\"ladder-h\">The ladder of engagement</h2>\n"
      "<p>People on each rung on {}, the lowest rung on the left. A circle's area is its number of people; "
      "the percent over an arrow is the share of the rung's people on {} who had climbed higher by {}.</p>\n"
      "<figure>\n{}</figure>\n<table>\n{}<tbody>\n{}</tbody></table>\n"
      "<p class=\"note\">{} more people were active but on no rung (audience).</p>\n",
      FormatDate(s.as_of), FormatDate(d.from), FormatDate(d.to),
      LadderCirclesSvg(s, d.ladder.movement ? d.ladder.movement->conversions : std::vector<Conversion>()),
      HeaderRow({"rung", fmt::format("people on {}", FormatDate(s.as_of))}, 1), rows, Thousands(s.audience));
  if (d.ladder.movement) {
    const TransitionMatrix& t = d.ladder.movement->transitions;
    html += fmt::format(
        "<h3>Movement from {} to {}</h3>\n<p>{} people moved up the ladder, {} moved down and {} stayed on the same "
        "rung.</p>\n{}",
        FormatDate(t.from), FormatDate(t.to), Thousands(t.moved_up), Thousands(t.moved_down), Thousands(t.stayed),
        ConversionTable(*d.ladder.movement));
  }
  return html + "</section>\n";
}

std::string SeriesTable(const LadderSeriesReport& r) {
  std::vector<std::string> header = {"week ending"};
  header.insert(header.end(), r.rung_names.begin(), r.rung_names.end());
  header.emplace_back(kAudienceName);
  std::string rows;
  for (const LadderSnapshot& point : r.series.points) {
    rows += fmt::format("<tr><th scope=\"row\" class=\"day\">{}</th>", FormatDate(point.as_of));
    for (const RungCount& rung : point.rungs) rows += fmt::format("<td class=\"n\">{}</td>", Thousands(rung.people));
    rows += fmt::format("<td class=\"n\">{}</td></tr>\n", Thousands(point.audience));
  }
  return fmt::format("<table>\n{}<tbody>\n{}</tbody></table>\n", HeaderRow(header, 1), rows);
}

std::string SeriesSection(const ReportData& d) {
  return fmt::format(
      "<section id=\"over-time\" aria-labelledby=\"over-time-h\">\n<h2 id=\"over-time-h\">The rungs over time</h2>\n"
      "<p>People on each rung at the end of each week (the last week as of {}).</p>\n<figure>\n{}</figure>\n{}"
      "</section>\n",
      FormatDate(d.to), RungSeriesSvg(d.series), SeriesTable(d.series));
}

std::string TargetText(const Goal& g) {
  return fmt::format("{}{:g}", g.target_kind == TargetKind::kMore ? "+" : "reach ", g.target);
}

std::string ProgressCell(const GoalProgress& p) {
  if (!p.now || !p.share || !p.at_start) return H(p.note);
  return fmt::format(
      "<span class=\"progress\">{}{:.0f}% of the way: {:.0f} at the start, {:.0f} now, aiming at "
      "{:.0f}</span>",
      ShareBarSvg(*p.share), 100 * *p.share, *p.at_start, *p.now, p.target_value);
}

std::string GoalsSection(const ReportData& d) {
  std::string body;
  if (d.goals.goals.empty()) {
    body = "<p>No goals yet.</p>\n";
  } else {
    std::string rows;
    for (const GoalView& g : d.goals.goals)
      rows +=
          fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"day\">{}</td><td>{}</td></tr>\n",
                      H(g.goal.title), H(g.goal.metric), H(TargetText(g.goal)), FormatDate(g.goal.deadline),
                      ProgressCell(g.progress));
    body = fmt::format("<table>\n{}<tbody>\n{}</tbody></table>\n",
                       HeaderRow({"goal", "measure", "target", "deadline", "progress"}, 5), rows);
  }
  return fmt::format(
      "<section id=\"goals\" aria-labelledby=\"goals-h\">\n<h2 id=\"goals-h\">Goals</h2>\n"
      "<p>Progress as of {}: the share of the way from where each goal started to its target.</p>\n{}</section>\n",
      FormatDate(d.to), body);
}

std::string GoalTitle(const ReportData& d, int64_t goal_id) {
  for (const GoalView& g : d.goals.goals)
    if (g.goal.id == goal_id) return g.goal.title;
  return fmt::format("goal {}", goal_id);
}

std::string StepText(const Plan& p) { return p.step_from == p.step_to ? p.step_to : p.step_from + " to " + p.step_to; }

std::string DatesText(const Plan& p) {
  std::string text = fmt::format("{} to {} ({} days)", FormatDate(*p.start), FormatDate(p.end()), p.timebox_days);
  if (p.reviewed_on) text += fmt::format("; reviewed on {}", FormatDate(*p.reviewed_on));
  if (p.decided_on) text += fmt::format("; decided on {}", FormatDate(*p.decided_on));
  return text;
}

std::string CheckInsText(const ReportData& d, const std::vector<CheckIn>& checkins) {
  const CheckIn* last = nullptr;
  int count = 0;
  for (const CheckIn& c : checkins) {
    if (c.day < d.from || c.day > d.to) continue;
    ++count;
    last = &c;
  }
  if (last == nullptr) return "none in this period";
  std::string text = fmt::format("{} in this period; the last on {}.", count, FormatDate(last->day));
  for (const auto& [label, note] : {std::pair{"Done", &last->done}, {"Next", &last->next}, {"Blocked", &last->blocked}})
    if (!note->empty()) text += fmt::format(" {}: {}{}", label, *note, note->ends_with('.') ? "" : ".");
  return H(text);
}

std::string GuardrailsText(const Evaluation& e) {
  std::string items;
  for (const GuardrailReading& g : e.guardrails)
    items += fmt::format("<li>{}: {:+.1f}% ({:+.1f}% to {:+.1f}%){}</li>\n", H(g.name), 100 * (g.ratio - 1),
                         100 * (g.always_valid_low - 1), 100 * (g.always_valid_high - 1),
                         g.breached ? ", breached: it got worse than the plan allowed" : ", held");
  return items.empty() ? std::string()
                       : "<p>Guardrails, metrics that must not get worse:</p>\n<ul>\n" + items + "</ul>\n";
}

std::string EvaluationBlock(const ReportPlan& p) {
  if (!p.evaluation) return fmt::format("<p class=\"note\">No evaluation: {}</p>\n", H(p.why_not));
  const EvaluationReport& r = *p.evaluation;
  const Evaluation& e = r.evaluation;
  const PeriodEvaluationRequest& q = r.request;
  return fmt::format(
      "<div class=\"evaluation\">\n<p class=\"headline\">{}</p>\n<p>{}</p>\n<figure>\n{}</figure>\n"
      "<p class=\"note\">{} of {}, days {} to {} against the baseline {} to {}. The dot is the change; the bar is "
      "the range that holds the true change with 95% confidence, valid however often the team looked; the dashed "
      "line is no change. The scale puts a halving as far from no change as a doubling.</p>\n{}</div>\n",
      H(e.headline), H(e.explanation), IntervalSvg(e), r.final() ? "Final reading" : "Interim reading", H(q.metric),
      FormatDate(q.window_from), FormatDate(q.window_to), FormatDate(q.baseline_from), FormatDate(q.baseline_to),
      GuardrailsText(e));
}

std::string PlanArticle(const ReportData& d, const ReportPlan& rp) {
  const Plan& p = rp.detail.plan;
  std::string facts;
  std::string state(PlanStateName(p.state));
  if (p.loop_number > 1) state += fmt::format(" (loop {})", p.loop_number);
  facts += FactRow("state", H(state));
  facts += FactRow("serves the goal", H(GoalTitle(d, p.goal_id)));
  facts += FactRow("ladder step", H(StepText(p)));
  if (!p.owner.empty()) facts += FactRow("owner", H(p.owner));
  facts += FactRow("dates", H(DatesText(p)));
  facts += FactRow("hypothesis", H(p.hypothesis));
  if (p.verdict != ReviewVerdict::kNone) facts += FactRow("verdict", H(ReviewVerdictName(p.verdict)));
  if (p.decision != Decision::kNone)
    facts += FactRow("decision", H(fmt::format("{}: {}", DecisionName(p.decision), p.decision_reason)));
  facts += FactRow("check-ins", CheckInsText(d, rp.detail.checkins));
  return fmt::format(
      "<article id=\"plan-{}\" aria-labelledby=\"plan-{}-h\">\n<h3 id=\"plan-{}-h\">{}</h3>\n"
      "<table class=\"facts\">\n<tbody>\n{}</tbody></table>\n{}</article>\n",
      p.id, p.id, p.id, H(p.title), facts, EvaluationBlock(rp));
}

std::string PlansSection(const ReportData& d) {
  std::string body;
  for (const ReportPlan& p : d.plans) body += PlanArticle(d, p);
  if (body.empty()) body = "<p>No plan was running, reviewed or decided in this period.</p>\n";
  return fmt::format(
      "<section id=\"plans\" aria-labelledby=\"plans-h\">\n<h2 id=\"plans-h\">Plans</h2>\n"
      "<p>The plans that ran, were reviewed or were decided between {} and {}, each read as of {}.</p>\n{}"
      "</section>\n",
      FormatDate(d.from), FormatDate(d.to), FormatDate(d.to), body);
}

std::string LearningsSection(const ReportData& d) {
  std::string body;
  if (d.learnings.empty()) {
    body = "<p>No learnings were recorded in this period.</p>\n";
  } else {
    std::string rows;
    for (const ReportLearning& l : d.learnings) {
      const Reflection& r = l.reflection;
      std::string plan =
          l.plan_shown ? fmt::format("<a href=\"#plan-{}\">{}</a>", r.plan_id, H(l.plan_title)) : H(l.plan_title);
      rows += fmt::format("<tr><th scope=\"row\" class=\"day\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                          FormatDate(r.day), H(r.learned), H(fmt::format("{}", fmt::join(r.tags, ", "))), plan);
    }
    body = fmt::format("<table>\n{}<tbody>\n{}</tbody></table>\n",
                       HeaderRow({"recorded", "what we learned", "tags", "plan"}, 4), rows);
  }
  return fmt::format(
      "<section id=\"learnings\" aria-labelledby=\"learnings-h\">\n<h2 id=\"learnings-h\">What we learned</h2>\n"
      "<p>The learnings of the after-action reviews recorded between {} and {}.</p>\n{}</section>\n",
      FormatDate(d.from), FormatDate(d.to), body);
}

std::string Footer(const ReportData& d) {
  std::string by = d.generator.empty() ? std::string() : " by " + H(d.generator);
  return fmt::format(
      "<footer class=\"note\">\n<p>Made{} on {} from this workspace's data. Every number is what the ladder, goal, "
      "plan and evaluate commands say for these days; this page computes nothing of its own and loads nothing "
      "from elsewhere.</p>\n</footer>\n",
      by, FormatDate(d.generated));
}

}  // namespace

std::string ReportHtml(const ReportData& data) {
  return Head(data) + "<body>\n" + Masthead(data) + "<main>\n" + LadderSection(data) + SeriesSection(data) +
         GoalsSection(data) + PlansSection(data) + LearningsSection(data) + "</main>\n" + Footer(data) +
         "</body>\n</html>\n";
}

}  // namespace learnloop::app
