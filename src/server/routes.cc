// The workspace routes: each calls the application-layer operation its CLI
// command calls and encodes the result with the same json::ToJson.
#include "learnloop/app/board.h"
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
  const std::string limit = in.Query("limit", "10");
  if (limit.empty() || limit.size() > 4 || limit.find_first_not_of("0123456789") != std::string::npos)
    return InvalidArgument("limit: expected a whole number from 1 to 1000");
  q.limit = std::stoi(limit);
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
      Change("POST", "/api/v1/workspaces/{ws}/plans/{plan}/checkins", CheckIn),
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
                 const std::string limit = in.Query("limit", "50");
                 if (limit.empty() || limit.size() > 4 || limit.find_first_not_of("0123456789") != std::string::npos)
                   return InvalidArgument("limit: expected a whole number from 1 to 1000");
                 return Encode(app::ReadAuditLog(ws, std::stoi(limit)));
               }),
  };
  return kTable;
}

}  // namespace learnloop::server
