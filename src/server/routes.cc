// The workspace routes: each calls the application-layer operation its CLI
// command calls and encodes the result with the same json::ToJson.
#include <cstdlib>

#include "learnloop/app/board.h"
#include "learnloop/app/evaluate.h"
#include "learnloop/app/goals.h"
#include "learnloop/app/ladder.h"
#include "learnloop/app/learnings.h"
#include "learnloop/app/members.h"
#include "learnloop/app/metrics.h"
#include "learnloop/app/people.h"
#include "learnloop/app/plan_steps.h"
#include "learnloop/app/plans.h"
#include "learnloop/app/workspace.h"
#include "server/router.h"

namespace learnloop::server {
namespace {

// The JSON of an operation's result, or its error.
template <typename T>
Result<json::Json> Encode(Result<T> result) {
  if (!result.ok()) return result.status();
  return json::ToJson(*result);
}

Route Get(std::string pattern, WorkspaceHandler handler) {
  return Route{"GET", std::move(pattern), Role::kViewer, false, std::move(handler)};
}

// A route for owners only: members, tokens, the audit log.
Route OwnerGet(std::string pattern, WorkspaceHandler handler) {
  return Route{"GET", std::move(pattern), Role::kOwner, false, std::move(handler)};
}

// A route that changes the workspace: editors and owners only.
Route Change(std::string method, std::string pattern, WorkspaceHandler handler) {
  return Route{std::move(method), std::move(pattern), Role::kEditor, true, std::move(handler)};
}

// `text` with the upload directory left out of file names, so messages
// name the file as it was uploaded.
std::string WithoutUploadDir(std::string text, const std::filesystem::path& dir) {
  const std::string prefix = dir.string() + "/";
  for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
    text.erase(at, prefix.size());
  return text;
}

// An upload imported as the CLI imports files: each file whole or not at
// all, in the order uploaded; options in the query (format, channel,
// dry_run, strict). A rejected file is 422 with its reason; the files
// before it stay imported (the message says so).
Result<json::Json> ImportUpload(Workspace& ws, const RouteInput& in) {
  if (in.uploads.empty()) return in.BadField("file", "a file part in a multipart/form-data body");
  app::EventImportRequest r;
  r.files = in.uploads;
  r.format = in.Query("format");
  r.channel = in.Query("channel");
  r.dry_run = in.Query("dry_run") == "true";
  r.strict = in.Query("strict") == "true";
  Result<app::EventImports> done = app::ImportEvents(ws, r);
  if (!done.ok()) return Status(done.status().code(), WithoutUploadDir(done.status().message(), in.upload_dir));
  if (!done->failure.ok()) {
    std::string message = WithoutUploadDir(done->failure.message(), in.upload_dir);
    if (!done->imports.empty())
      message += " (the " + std::to_string(done->imports.size()) + " file(s) before it were imported)";
    return Status(done->failure.code(), message);
  }
  json::Json out = json::ToJson(*done);
  for (json::Json& item : out["imports"])
    item["file"] = std::filesystem::path(item["file"].get<std::string>()).filename().string();
  for (json::Json& item : out["passed_over"])
    item["file"] = WithoutUploadDir(item["file"].get<std::string>(), in.upload_dir);
  out["dry_run"] = r.dry_run;
  return out;
}

Result<json::Json> AddGoal(Workspace& ws, const RouteInput& in) {
  app::GoalRequest r;
  LL_RETURN_IF_ERROR(in.Text("title", &r.title));
  LL_RETURN_IF_ERROR(in.Text("metric", &r.metric));
  LL_RETURN_IF_ERROR(in.Number("more", &r.more));
  LL_RETURN_IF_ERROR(in.Number("reach", &r.reach));
  LL_RETURN_IF_ERROR(in.Text("start", &r.start));
  LL_RETURN_IF_ERROR(in.Text("deadline", &r.deadline));
  LL_RETURN_IF_ERROR(in.Integer("parent_id", &r.parent_id));
  LL_RETURN_IF_ERROR(in.Text("owner", &r.owner));
  return Encode(app::AddGoal(ws, in.caller, r));
}

// A plan's fields from the body; absent ones stay empty (an edit keeps them).
Status PlanFieldsOf(const RouteInput& in, app::PlanFields* f) {
  LL_RETURN_IF_ERROR(in.Text("title", &f->title));
  LL_RETURN_IF_ERROR(in.Integer("goal_id", &f->goal_id));
  LL_RETURN_IF_ERROR(in.Text("hypothesis", &f->hypothesis));
  LL_RETURN_IF_ERROR(in.Text("metric", &f->metric));
  LL_RETURN_IF_ERROR(in.Text("step", &f->step));
  LL_RETURN_IF_ERROR(in.Strings("guardrails", &f->guardrails));
  LL_RETURN_IF_ERROR(in.Strings("variants", &f->variants));
  LL_RETURN_IF_ERROR(in.Integer("timebox_days", &f->timebox_days));
  LL_RETURN_IF_ERROR(in.Text("long_reason", &f->long_reason));
  LL_RETURN_IF_ERROR(in.Text("start", &f->start));
  LL_RETURN_IF_ERROR(in.Text("end", &f->end));
  LL_RETURN_IF_ERROR(in.Text("baseline_from", &f->baseline_from));
  LL_RETURN_IF_ERROR(in.Text("baseline_to", &f->baseline_to));
  LL_RETURN_IF_ERROR(in.Text("effort", &f->effort));
  LL_RETURN_IF_ERROR(in.Number("expected_lift", &f->expected_lift));
  return in.Text("owner", &f->owner);
}

Result<json::Json> AddPlan(Workspace& ws, const RouteInput& in) {
  app::PlanRequest r;
  LL_RETURN_IF_ERROR(in.Text("tactic", &r.tactic));
  LL_RETURN_IF_ERROR(PlanFieldsOf(in, &r.fields));
  return Encode(app::AddPlan(ws, in.caller, r));
}

Result<json::Json> EditPlan(Workspace& ws, const RouteInput& in) {
  LL_ASSIGN_OR_RETURN(const int64_t id, in.Id("plan"));
  app::PlanFields f;
  LL_RETURN_IF_ERROR(PlanFieldsOf(in, &f));
  return Encode(app::EditPlan(ws, in.caller, id, f));
}

Result<json::Json> NextPlan(Workspace& ws, const RouteInput& in) {
  LL_ASSIGN_OR_RETURN(const int64_t id, in.Id("plan"));
  app::PlanFields f;
  LL_RETURN_IF_ERROR(PlanFieldsOf(in, &f));
  return Encode(app::NextPlan(ws, in.caller, id, f));
}

Result<json::Json> StartPlan(Workspace& ws, const RouteInput& in) {
  app::PlanStart r;
  LL_ASSIGN_OR_RETURN(r.id, in.Id("plan"));
  LL_RETURN_IF_ERROR(in.Text("start", &r.start));
  return Encode(app::StartPlan(ws, in.caller, r));
}

Result<json::Json> ReviewPlan(Workspace& ws, const RouteInput& in) {
  app::PlanReview r;
  LL_ASSIGN_OR_RETURN(r.id, in.Id("plan"));
  LL_RETURN_IF_ERROR(in.Text("verdict", &r.verdict));
  return Encode(app::ReviewPlan(ws, in.caller, r));
}

Result<json::Json> Reflect(Workspace& ws, const RouteInput& in) {
  app::ReflectionRequest r;
  LL_ASSIGN_OR_RETURN(r.plan_id, in.Id("plan"));
  LL_RETURN_IF_ERROR(in.Text("expected", &r.expected));
  LL_RETURN_IF_ERROR(in.Text("happened", &r.happened));
  LL_RETURN_IF_ERROR(in.Text("why", &r.why));
  LL_RETURN_IF_ERROR(in.Text("learned", &r.learned));
  LL_RETURN_IF_ERROR(in.Text("tags", &r.tags));
  return Encode(app::ReflectOnPlan(ws, in.caller, r));
}

Result<json::Json> Decide(Workspace& ws, const RouteInput& in) {
  app::PlanDecision r;
  LL_ASSIGN_OR_RETURN(r.id, in.Id("plan"));
  LL_RETURN_IF_ERROR(in.Text("decision", &r.decision));
  LL_RETURN_IF_ERROR(in.Text("reason", &r.reason));
  return Encode(app::DecidePlan(ws, in.caller, r));
}

// A plan's evaluation, or any metric's over any window (the query names
// them as `learnloop evaluate` does).
Result<json::Json> EvaluateRoute(Workspace& ws, const RouteInput& in) {
  app::EvaluationRequest r;
  if (in.path_params.count("plan") > 0) {
    LL_ASSIGN_OR_RETURN(const int64_t id, in.Id("plan"));
    r.plan_id = id;
  }
  r.metric = in.Query("metric");
  r.window = in.Query("window");
  r.baseline = in.Query("baseline");
  r.compare = in.Query("compare");
  r.guardrails = in.QueryAll("guardrail");
  r.variants = in.QueryAll("variant");
  r.person = in.QueryAll("person");
  r.lower_is_better = in.Query("lower-is-better") == "true";
  if (const std::string lift = in.Query("expected-lift"); !lift.empty()) {
    char* end = nullptr;
    const double value = std::strtod(lift.c_str(), &end);
    if (end == lift.c_str() || *end != '\0') return InvalidArgument("expected-lift: expected a number of percent");
    r.expected_lift_percent = value;
  }
  return Encode(app::Evaluate(ws, in.caller, r));
}

Result<json::Json> CheckIn(Workspace& ws, const RouteInput& in) {
  app::CheckInRequest r;
  LL_ASSIGN_OR_RETURN(r.plan_id, in.Id("plan"));
  LL_RETURN_IF_ERROR(in.Text("day", &r.day));
  LL_RETURN_IF_ERROR(in.Text("done", &r.done));
  LL_RETURN_IF_ERROR(in.Text("next", &r.next));
  LL_RETURN_IF_ERROR(in.Text("blocked", &r.blocked));
  return Encode(app::CheckInOnPlan(ws, in.caller, r));
}

Result<json::Json> Learnings(Workspace& ws, const RouteInput& in) {
  app::LearningQuery q;
  q.text = in.Query("q");
  LL_ASSIGN_OR_RETURN(q.limit, in.QueryLimit("limit", 10));
  return Encode(app::SearchLearnings(ws, in.caller, q));
}

Result<json::Json> EditGoal(Workspace& ws, const RouteInput& in) {
  app::GoalEdit e;
  LL_ASSIGN_OR_RETURN(e.id, in.Id("goal"));
  LL_RETURN_IF_ERROR(in.Text("title", &e.title));
  LL_RETURN_IF_ERROR(in.Text("metric", &e.metric));
  LL_RETURN_IF_ERROR(in.Number("more", &e.more));
  LL_RETURN_IF_ERROR(in.Number("reach", &e.reach));
  LL_RETURN_IF_ERROR(in.Text("start", &e.start));
  LL_RETURN_IF_ERROR(in.Text("deadline", &e.deadline));
  // "parent_id": null lifts the goal to the top; absent leaves it.
  if (auto it = in.body.find("parent_id"); it != in.body.end() && it->is_null()) e.clear_parent = true;
  LL_RETURN_IF_ERROR(in.Integer("parent_id", &e.parent_id));
  LL_RETURN_IF_ERROR(in.Text("owner", &e.owner));
  return Encode(app::EditGoal(ws, in.caller, e));
}

Route Own(std::string pattern, std::string method = "GET") {
  const bool changes = method != "GET";
  return Route{std::move(method), std::move(pattern), Role::kViewer, changes, {}};
}

}  // namespace

const std::vector<Route>& RouteTable() {
  static const std::vector<Route> kTable = {
      Own("/api/v1/health"),
      Own("/api/v1/openapi.json"),
      Own("/api/v1/workspaces"),
      Own("/api/v1/session", "POST"),
      Own("/api/v1/session"),
      Own("/api/v1/session", "DELETE"),
      Get("/api/v1/workspaces/{ws}/info",
          [](Workspace& ws, const RouteInput&) { return Encode(app::ShowWorkspace(ws)); }),
      Get("/api/v1/workspaces/{ws}/goals",
          [](Workspace& ws, const RouteInput& in) { return Encode(app::ListGoals(ws, in.caller)); }),
      Change("POST", "/api/v1/workspaces/{ws}/goals", AddGoal),
      Change("POST", "/api/v1/workspaces/{ws}/imports", ImportUpload),
      Get("/api/v1/workspaces/{ws}/goals/{goal}",
          [](Workspace& ws, const RouteInput& in) -> Result<json::Json> {
            LL_ASSIGN_OR_RETURN(const int64_t id, in.Id("goal"));
            return Encode(app::ShowGoal(ws, in.caller, id));
          }),
      Change("PATCH", "/api/v1/workspaces/{ws}/goals/{goal}", EditGoal),
      Change("DELETE", "/api/v1/workspaces/{ws}/goals/{goal}",
             [](Workspace& ws, const RouteInput& in) -> Result<json::Json> {
               LL_ASSIGN_OR_RETURN(const int64_t id, in.Id("goal"));
               return Encode(app::DeleteGoal(ws, in.caller, id));
             }),
      Get("/api/v1/workspaces/{ws}/ladder",
          [](Workspace& ws, const RouteInput& in) {
            return Encode(app::ShowLadder(
                ws, {in.Query("as-of", "today"), in.Query("from"), in.Query("to", "today"), in.QueryAll("person")}));
          }),
      Get("/api/v1/workspaces/{ws}/ladder/series",
          [](Workspace& ws, const RouteInput& in) {
            return Encode(app::LadderSeries(
                ws, {in.Query("from"), in.Query("to", "today"), in.Query("weekly") == "true", in.QueryAll("person")}));
          }),
      Get("/api/v1/workspaces/{ws}/ladder/cohorts",
          [](Workspace& ws, const RouteInput& in) {
            return Encode(app::LadderCohorts(ws, {in.Query("as-of", "today"), in.QueryAll("person")}));
          }),
      Get("/api/v1/workspaces/{ws}/ladder/climb",
          [](Workspace& ws, const RouteInput& in) {
            return Encode(app::LadderClimb(ws, {in.Query("as-of", "today"), in.QueryAll("person")}));
          }),
      Get("/api/v1/workspaces/{ws}/ladder/people",
          [](Workspace& ws, const RouteInput& in) {
            app::LadderPeopleRequest r;
            r.as_of = in.Query("as-of", "today");
            r.person = in.QueryAll("person");
            r.rung = in.Query("rung");
            return Encode(app::LadderPeople(ws, r));
          }),
      Get("/api/v1/workspaces/{ws}/people/{person}",
          [](Workspace& ws, const RouteInput& in) {
            return Encode(app::ShowPerson(ws, {in.path_params.at("person"), in.Query("as-of", "today")}));
          }),
      Get("/api/v1/workspaces/{ws}/links", [](Workspace& ws, const RouteInput&) { return Encode(app::ListLinks(ws)); }),
      Get("/api/v1/workspaces/{ws}/metrics",
          [](Workspace& ws, const RouteInput&) { return Encode(app::ListMetrics(ws)); }),
      Get("/api/v1/workspaces/{ws}/metrics/{metric}",
          [](Workspace& ws, const RouteInput& in) {
            return Encode(app::ShowMetric(
                ws, {in.path_params.at("metric"), in.Query("from"), in.Query("to", "today"), in.QueryAll("person")}));
          }),
      Get("/api/v1/workspaces/{ws}/plans",
          [](Workspace& ws, const RouteInput& in) { return Encode(app::ListPlans(ws, in.caller)); }),
      Get("/api/v1/workspaces/{ws}/plans/{plan}",
          [](Workspace& ws, const RouteInput& in) -> Result<json::Json> {
            LL_ASSIGN_OR_RETURN(const int64_t id, in.Id("plan"));
            return Encode(app::ShowPlan(ws, in.caller, id));
          }),
      Change("POST", "/api/v1/workspaces/{ws}/plans", AddPlan),
      Change("PATCH", "/api/v1/workspaces/{ws}/plans/{plan}", EditPlan),
      Change("DELETE", "/api/v1/workspaces/{ws}/plans/{plan}",
             [](Workspace& ws, const RouteInput& in) -> Result<json::Json> {
               LL_ASSIGN_OR_RETURN(const int64_t id, in.Id("plan"));
               return Encode(app::DeletePlan(ws, in.caller, id));
             }),
      Change("POST", "/api/v1/workspaces/{ws}/plans/{plan}/start", StartPlan),
      Change("POST", "/api/v1/workspaces/{ws}/plans/{plan}/checkins", CheckIn),
      Change("POST", "/api/v1/workspaces/{ws}/plans/{plan}/review", ReviewPlan),
      Change("POST", "/api/v1/workspaces/{ws}/plans/{plan}/reflection", Reflect),
      Change("POST", "/api/v1/workspaces/{ws}/plans/{plan}/decision", Decide),
      Change("POST", "/api/v1/workspaces/{ws}/plans/{plan}/next", NextPlan),
      Get("/api/v1/workspaces/{ws}/plans/{plan}/evaluation", EvaluateRoute),
      Get("/api/v1/workspaces/{ws}/evaluation", EvaluateRoute),
      Get("/api/v1/workspaces/{ws}/board",
          [](Workspace& ws, const RouteInput& in) { return Encode(app::ReadPlanBoard(ws, in.caller)); }),
      Get("/api/v1/workspaces/{ws}/portfolio",
          [](Workspace& ws, const RouteInput& in) { return Encode(app::ReadPortfolio(ws, in.caller)); }),
      Get("/api/v1/workspaces/{ws}/tactics",
          [](Workspace& ws, const RouteInput& in) { return Encode(app::ListTactics(ws, in.caller)); }),
      Get("/api/v1/workspaces/{ws}/today",
          [](Workspace& ws, const RouteInput& in) { return Encode(app::Today(ws, in.caller)); }),
      Get("/api/v1/workspaces/{ws}/learnings", Learnings),
      OwnerGet("/api/v1/workspaces/{ws}/members",
               [](Workspace& ws, const RouteInput&) { return Encode(app::ListMembers(ws)); }),
      OwnerGet("/api/v1/workspaces/{ws}/tokens",
               [](Workspace& ws, const RouteInput&) { return Encode(app::ListApiTokens(ws)); }),
      OwnerGet("/api/v1/workspaces/{ws}/audit",
               [](Workspace& ws, const RouteInput& in) -> Result<json::Json> {
                 LL_ASSIGN_OR_RETURN(const int limit, in.QueryLimit("limit", 50));
                 return Encode(app::ReadAuditLog(ws, limit));
               }),
  };
  return kTable;
}

}  // namespace learnloop::server
