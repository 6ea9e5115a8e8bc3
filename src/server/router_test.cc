#include "server/router.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace learnloop::server {
namespace {

TEST(RouterTest, MatchesPathParameters) {
  RouteMatch m = MatchRoute(RouteTable(), "GET", "/api/v1/workspaces/demo/goals");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/workspaces/{ws}/goals");
  EXPECT_EQ(m.path_params["ws"], "demo");
}

TEST(RouterTest, TellsUnknownPathFromWrongMethod) {
  RouteMatch unknown = MatchRoute(RouteTable(), "GET", "/api/v1/nothing");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_FALSE(unknown.method_not_allowed);
  RouteMatch wrong = MatchRoute(RouteTable(), "DELETE", "/api/v1/health");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.method_not_allowed);
  EXPECT_EQ(MatchRoute(RouteTable(), "GET", "/api/v1/workspaces//goals").route, nullptr);
}

TEST(RouterTest, WorkspaceRoutesNameTheirWorkspace) {
  for (const Route& route : RouteTable()) {
    if (!route.handler) continue;
    EXPECT_NE(route.pattern.find("/api/v1/workspaces/{ws}/"), std::string::npos) << route.pattern;
  }
}

// The document and the table name the same (method, path) pairs.
TEST(RouterTest, OpenApiDocumentMatchesRouteTableBothWays) {
  json::Json doc = json::Json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert({upper, path});
    }
  std::set<std::pair<std::string, std::string>> served;
  for (const Route& route : RouteTable()) served.insert({route.method, route.pattern});
  for (const auto& entry : served) EXPECT_TRUE(documented.count(entry)) << "undocumented " << entry.second;
  for (const auto& entry : documented) EXPECT_TRUE(served.count(entry)) << "not served " << entry.second;
}

TEST(RouterTest, SlugsAreBaseNamesMadeUnique) {
  std::vector<WorkspaceSlug> slugs = AssignSlugs({"/a/demo", "/b/demo/", "/c/other"});
  ASSERT_EQ(slugs.size(), 3u);
  EXPECT_EQ(slugs[0].slug, "demo");
  EXPECT_EQ(slugs[1].slug, "demo-2");
  EXPECT_EQ(slugs[2].slug, "other");
}

}  // namespace
}  // namespace learnloop::server
