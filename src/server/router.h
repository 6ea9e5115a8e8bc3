// The route table: each route's method, path pattern ("{ws}" and other
// "{name}" segments match one segment), the least role it needs, whether
// it changes state, and its handler. Matching tells 404 from 405.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/json.h"
#include "learnloop/server.h"
#include "learnloop/workspace.h"

namespace learnloop::server {

// What a handler gets: the path's {name} values, the query parameters and
// the JSON body (an object; empty for a request without one).
struct RouteInput {
  std::map<std::string, std::string> path_params;
  std::multimap<std::string, std::string> query;
  app::Caller caller;
  json::Json body = json::Json::object();
  // A multipart upload's files, in a directory of their own that the
  // server removes after the request (their names are the uploaded ones).
  std::vector<std::filesystem::path> uploads;
  std::filesystem::path upload_dir;
  // Set by BadField: the request itself is malformed (400, naming the
  // field) rather than asking for something the operation refuses (422).
  mutable std::string bad_field;

  // The query parameter `name` (its first value), or `fallback` when absent.
  std::string Query(const std::string& name, const std::string& fallback = {}) const;
  // Every value of a repeated query parameter, in order.
  std::vector<std::string> QueryAll(const std::string& name) const;
  // The query parameter `name` as a count from 1 to 1000, or `fallback`
  // when absent; InvalidArgument naming it otherwise.
  Result<int> QueryLimit(const std::string& name, int fallback) const;

  // InvalidArgument "FIELD: expected WHAT", marking the request malformed.
  Status BadField(const std::string& field, std::string_view expected) const;
  // Body members: absent or null leaves *out as it is; another type is BadField.
  Status Text(const std::string& field, std::string* out) const;
  Status Text(const std::string& field, std::optional<std::string>* out) const;
  Status Number(const std::string& field, std::optional<double>* out) const;
  Status Integer(const std::string& field, std::optional<int64_t>* out) const;
  Status Integer(const std::string& field, std::optional<int32_t>* out) const;
  Status Strings(const std::string& field, std::vector<std::string>* out) const;
  // The path's {name} as a positive id; NotFound otherwise (no such object).
  Result<int64_t> Id(const std::string& name) const;
};

// A workspace route's body; the server holds the workspace's lock.
using WorkspaceHandler = std::function<Result<json::Json>(Workspace& ws, const RouteInput& input)>;

struct Route {
  std::string method;
  std::string pattern;  // e.g. "/api/v1/workspaces/{ws}/goals"
  Role role = Role::kViewer;
  bool changes_state = false;
  WorkspaceHandler handler;  // empty for the server's own routes
};

struct RouteMatch {
  const Route* route = nullptr;  // nullptr: see method_not_allowed
  bool method_not_allowed = false;
  std::map<std::string, std::string> path_params;
};

// The route for `method` and `path`: none with method_not_allowed when the
// path matches another method's route only.
RouteMatch MatchRoute(const std::vector<Route>& routes, std::string_view method, std::string_view path);

// Every route the server serves, its own (health, workspaces, openapi.json)
// first, then the workspace routes.
const std::vector<Route>& RouteTable();

// The OpenAPI 3.1 document served at /api/v1/openapi.json.
std::string_view OpenApiDocument();

}  // namespace learnloop::server
