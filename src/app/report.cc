#include "learnloop/app/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "app/report_html.h"
#include "core/output_file.h"
#include "learnloop/app/input.h"

namespace learnloop::app {
namespace {

constexpr Day kDefaultReportDays = 30;

struct Period {
  Day from = 0;
  Day to = 0;
};

Result<Period> ReadPeriod(const ReportRequest& request, Day today) {
  Period p;
  LL_ASSIGN_OR_RETURN(p.to, ParseDay("--to", request.to, today));
  if (request.from.empty()) {
    p.from = p.to - kDefaultReportDays;
  } else {
    LL_ASSIGN_OR_RETURN(p.from, ParseDay("--from", request.from, today));
  }
  if (p.to > today)
    return InvalidArgument(fmt::format("--to {} is after today ({}); a report covers days that have passed",
                                       FormatDate(p.to), FormatDate(today)));
  if (p.from > p.to)
    return InvalidArgument(fmt::format("--from {} is after --to {}", FormatDate(p.from), FormatDate(p.to)));
  return p;
}

// Ran, was reviewed or was decided in the period: started by its end and
// not done with before its start.
bool InPlay(const Plan& plan, const Period& period) {
  if (!plan.start || *plan.start > period.to) return false;
  if (plan.decided_on) return *plan.decided_on >= period.from;
  if (plan.reviewed_on) return *plan.reviewed_on >= period.from;
  return true;
}

ReportPlan WithEvaluation(Workspace& ws, const Caller& caller, PlanDetail detail) {
  ReportPlan plan{std::move(detail), std::nullopt, {}};
  EvaluationRequest request;
  request.plan_id = plan.detail.plan.id;
  Result<EvaluationReport> evaluation = Evaluate(ws, caller, request);
  if (evaluation.ok()) {
    plan.evaluation = std::move(evaluation).value();
  } else {
    plan.why_not = evaluation.status().message();
  }
  return plan;
}

// The plans in play and the learnings recorded in the period, as the loop
// reads on the period's last day.
Status ReadLoop(Workspace& ws, const Caller& at_end, const Period& period, ReportData& data) {
  LL_ASSIGN_OR_RETURN(data.goals, ListGoals(ws, at_end));
  LL_ASSIGN_OR_RETURN(PlanList list, ListPlans(ws, at_end));
  for (const Plan& plan : list.plans) {
    if (!plan.start || *plan.start > period.to) continue;
    LL_ASSIGN_OR_RETURN(PlanDetail detail, ShowPlan(ws, at_end, plan.id));
    const bool shown = InPlay(plan, period);
    const std::optional<Reflection>& r = detail.reflection;
    if (r && r->day >= period.from && r->day <= period.to) data.learnings.push_back({*r, plan.title, shown});
    if (shown) data.plans.push_back(WithEvaluation(ws, at_end, std::move(detail)));
  }
  std::stable_sort(data.learnings.begin(), data.learnings.end(), [](const ReportLearning& a, const ReportLearning& b) {
    return a.reflection.day < b.reflection.day;
  });
  return Status::Ok();
}

}  // namespace

Result<Report> RenderReport(Workspace& ws, const Caller& caller, const ReportRequest& request) {
  const Day today = caller.today.value_or(ws.Today());
  LL_ASSIGN_OR_RETURN(Period period, ReadPeriod(request, today));
  ReportData data;
  data.from = period.from;
  data.to = period.to;
  data.generated = today;
  data.generator = request.generator;
  LL_ASSIGN_OR_RETURN(data.workspace, ShowWorkspace(ws));
  LadderRequest ladder;
  ladder.from = FormatDate(period.from);
  ladder.to = FormatDate(period.to);
  LL_ASSIGN_OR_RETURN(data.ladder, ShowLadder(ws, ladder));
  LadderSeriesRequest series;
  series.from = ladder.from;
  series.to = ladder.to;
  series.weekly = true;
  LL_ASSIGN_OR_RETURN(data.series, LadderSeries(ws, series));
  LL_RETURN_IF_ERROR(ReadLoop(ws, Caller{caller.actor, period.to, caller.source}, period, data));
  return Report{period.from, period.to, today, ReportHtml(data)};
}

Result<WrittenReport> WriteReport(Workspace& ws, const Caller& caller, const ReportRequest& request,
                                  const std::filesystem::path& file) {
  LL_RETURN_IF_ERROR(ws.CheckNotOwnFile(file));
  LL_ASSIGN_OR_RETURN(Report report, RenderReport(ws, caller, request));
  LL_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(file, {.durable = true}));
  out.stream() << report.html;
  LL_RETURN_IF_ERROR(out.Commit());
  return WrittenReport{file, static_cast<int64_t>(report.html.size()), report.from, report.to};
}

}  // namespace learnloop::app
