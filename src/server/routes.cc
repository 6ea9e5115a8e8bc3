// The workspace routes: each calls the application-layer operation its CLI
// command calls and encodes the result with the same json::ToJson.
#include "learnloop/app/goals.h"
#include "learnloop/app/ladder.h"
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

Route Own(std::string pattern) { return Route{"GET", std::move(pattern), Role::kViewer, false, {}}; }

}  // namespace

const std::vector<Route>& RouteTable() {
  static const std::vector<Route> kTable = {
      Own("/api/v1/health"),
      Own("/api/v1/openapi.json"),
      Own("/api/v1/workspaces"),
      Get("/api/v1/workspaces/{ws}/info",
          [](Workspace& ws, const RouteInput&) { return Encode(app::ShowWorkspace(ws)); }),
      Get("/api/v1/workspaces/{ws}/goals",
          [](Workspace& ws, const RouteInput& in) { return Encode(app::ListGoals(ws, in.caller)); }),
      Get("/api/v1/workspaces/{ws}/ladder",
          [](Workspace& ws, const RouteInput& in) {
            return Encode(
                app::ShowLadder(ws, {in.Query("as-of", "today"), in.Query("from"), in.Query("to", "today"), {}}));
          }),
  };
  return kTable;
}

}  // namespace learnloop::server
