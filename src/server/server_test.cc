// The server in-process on 127.0.0.1, any free port, with a fake
// Authorizer, spoken to with httplib::Client.
#include "learnloop/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "learnloop/app/goals.h"
#include "learnloop/app/plan_steps.h"
#include "learnloop/app/plans.h"
#include "learnloop/app/workspace.h"
#include "server/router.h"

namespace learnloop::server {
namespace {

// Lets a request act by its "x-test-role" header; none: 401. Workspace
// "hidden" is another organization's: 404.
class FakeAuthorizer : public Authorizer {
 public:
  Result<app::Caller> Authorize(const Request& request, std::string_view workspace, Role needed) override {
    if (workspace == "hidden") return NotFound("no such workspace");
    auto it = request.headers.find("x-test-role");
    if (it == request.headers.end()) return Unauthenticated("log in first");
    Role role = it->second == "owner" ? Role::kOwner : it->second == "editor" ? Role::kEditor : Role::kViewer;
    if (role < needed) return PermissionDenied("needs " + std::string(RoleName(needed)));
    return app::Caller{"tester", std::nullopt, "web " + request.remote_addr};
  }
  Result<SignedIn> SignIn(const Request&, std::string_view, std::string_view) override {
    return Unauthenticated("wrong email or password");
  }
  Result<SessionInfo> CurrentSession(const Request&) override { return Unauthenticated("sign in first"); }
  Status SignOut(const Request&) override { return Status::Ok(); }
};

constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

class ServerTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(testing::TempDir()) / ("server_test_" + std::to_string(::getpid())) / "org";
    std::filesystem::remove_all(dir_.parent_path());
    std::filesystem::create_directories(dir_.parent_path());
    ASSERT_TRUE(app::CreateWorkspace(dir_, InitOptions{}).ok());
    ServerOptions options;
    options.port = 0;
    options.workspaces = {dir_};
    options.log = &log_;
    Configure(options);
    auto server = Server::Create(options, std::make_shared<FakeAuthorizer>());
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->Run().IgnoreError(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_default_headers({{"X-Test-Role", "viewer"}});
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    std::filesystem::remove_all(dir_.parent_path());
  }
  virtual void Configure(ServerOptions&) {}
  json::Json Body(const httplib::Result& res) { return json::Json::parse(res->body); }
  // A canonical events file with one comment, to import.
  std::filesystem::path WriteEvents() {
    std::filesystem::path file = dir_.parent_path() / "events.csv";
    std::ofstream(file) << "ts,channel,person,kind,content,value,tags\n"
                           "2024-03-01T10:00:00Z,mastodon,@cara@mastodon.social,comment,p1,,\n";
    return file;
  }

  std::filesystem::path dir_;
  std::ostringstream log_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, HealthAnswersOk) {
  auto res = client_->Get("/api/v1/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Body(res)["status"], "ok");
}

TEST_F(ServerTest, ListsWorkspacesBySlug) {
  auto res = client_->Get("/api/v1/workspaces");
  ASSERT_TRUE(res);
  EXPECT_EQ(Body(res)["workspaces"][0]["slug"], "org");
}

TEST_F(ServerTest, InfoIsTheCliJson) {
  auto res = client_->Get("/api/v1/workspaces/org/info");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  Result<Workspace> ws = Workspace::Open(dir_);
  ASSERT_TRUE(ws.ok());
  Result<app::WorkspaceReport> report = app::ShowWorkspace(*ws);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(Body(res), json::ToJson(*report));
}

TEST_F(ServerTest, GoalsAndLadderAnswer) {
  EXPECT_EQ(client_->Get("/api/v1/workspaces/org/goals")->status, 200);
  EXPECT_EQ(client_->Get("/api/v1/workspaces/org/ladder?as-of=2024-01-31")->status, 200);
}

TEST_F(ServerTest, BadQueryIs400) {
  auto res = client_->Get("/api/v1/workspaces/org/ladder?as-of=yesterday-ish");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["error"]["code"], "invalid_argument");
}

TEST_F(ServerTest, LimitsAreCountsFrom1To1000) {
  EXPECT_EQ(client_->Get("/api/v1/workspaces/org/learnings?q=reply&limit=5")->status, 200);
  for (const char* limit : {"0", "1001", "x", ""}) {
    auto res = client_->Get(std::string("/api/v1/workspaces/org/learnings?q=reply&limit=") + limit);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << limit;
    EXPECT_EQ(Body(res)["error"]["message"], "limit: expected a whole number from 1 to 1000") << limit;
  }
  EXPECT_EQ(client_->Get("/api/v1/workspaces/org/audit?limit=1001", {{"X-Test-Role", "owner"}})->status, 400);
}

TEST_F(ServerTest, UnknownRouteAndWorkspacesAre404) {
  EXPECT_EQ(client_->Get("/api/v1/nothing")->status, 404);
  EXPECT_EQ(Body(client_->Get("/api/v1/nothing"))["error"]["code"], "not_found");
  EXPECT_EQ(client_->Get("/api/v1/workspaces/nope/info")->status, 404);
  EXPECT_EQ(client_->Get("/api/v1/workspaces/hidden/info")->status, 404);
}

TEST_F(ServerTest, WrongMethodIs405) {
  auto res = client_->Delete("/api/v1/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(Body(res)["error"]["code"], "method_not_allowed");
}

TEST_F(ServerTest, NoLoginIs401) {
  httplib::Client anonymous("127.0.0.1", server_->port());
  auto res = anonymous.Get("/api/v1/workspaces/org/info");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(Body(res)["error"]["code"], "unauthenticated");
}

TEST_F(ServerTest, TooLargeBodyIs413) {
  auto res = client_->Post("/api/v1/health", std::string((size_t{1} << 20) + 1, 'x'), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(Body(res)["error"]["code"], "payload_too_large");
}

TEST_F(ServerTest, LogLineHasNoQueryOrHeaders) {
  httplib::Headers secret = {{"Authorization", "Bearer s3cret"}, {"Cookie", "session=s3cret"}};
  ASSERT_TRUE(client_->Get("/api/v1/workspaces/org/goals?token=s3cret", secret));
  server_->Stop();
  thread_.join();
  EXPECT_NE(log_.str().find("GET /api/v1/workspaces/org/goals 200 "), std::string::npos) << log_.str();
  EXPECT_EQ(log_.str().find("s3cret"), std::string::npos);
}

// Every route of the table answers on a workspace with an event, a goal
// and a running plan: reads for a viewer (owners' for an owner only),
// changes for an editor.
TEST_F(ServerTest, EveryRouteAnswers) {
  {
    Result<Workspace> ws = Workspace::Open(dir_);
    ASSERT_TRUE(ws.ok());
    ASSERT_TRUE(ws->Import(WriteEvents(), ImportOptions{}).ok());
    const app::Caller caller{"tester", std::nullopt, "test"};
    app::GoalRequest goal{"More replies", "rung:relationship", 5.0,          std::nullopt,
                          "today",        "today+60",          std::nullopt, ""};
    ASSERT_TRUE(app::AddGoal(*ws, caller, goal).ok());
    app::PlanRequest plan;
    plan.fields.title = "Reply week";
    plan.fields.goal_id = 1;
    plan.fields.hypothesis = "if we reply to every comment then more commenters return because they feel heard";
    plan.fields.metric = "engaged_people";
    auto added = app::AddPlan(*ws, caller, plan);
    ASSERT_TRUE(added.ok()) << added.status().message();
    ASSERT_TRUE(app::StartPlan(*ws, caller, {1, ""}).ok());
  }
  const std::map<std::string, std::string> values = {{"{ws}", "org"},
                                                     {"{goal}", "1"},
                                                     {"{plan}", "1"},
                                                     {"{person}", "@cara@mastodon.social"},
                                                     {"{metric}", "engaged_people"}};
  int answered = 0;
  for (const Route& route : RouteTable()) {
    if (!route.handler || route.method == "DELETE") continue;  // deleting is tested where it is undone
    std::string path = route.pattern;
    for (const auto& [name, value] : values)
      if (size_t at = path.find(name); at != std::string::npos) path.replace(at, name.size(), value);
    if (path.ends_with("/learnings")) path += "?q=reply";  // a search needs words
    const std::string role = route.changes_state ? "editor" : RoleName(route.role).data();
    httplib::Headers headers = {{"X-Test-Role", role}};
    const httplib::MultipartFormDataItems upload = {
        {"file", "ts,channel,person,kind\n2024-03-01T10:00:00Z,mastodon,@cara@mastodon.social,like\n", "a.csv", ""}};
    httplib::Result res = route.method == "GET"        ? client_->Get(path, headers)
                          : path.ends_with("/imports") ? client_->Post(path, headers, upload)
                          : route.method == "POST"     ? client_->Post(path, headers, "{}", "application/json")
                                                       : client_->Patch(path, headers, "{}", "application/json");
    ASSERT_TRUE(res) << path;
    // A change the state refuses (starting a running plan) is 409, an
    // empty body the operation refuses 422.
    // An evaluation of days without data says so: 400, with the reason.
    const bool no_data = path.find("/evaluation") != std::string::npos && res->status == 400 &&
                         Body(res)["error"]["code"] == "invalid_argument";
    EXPECT_TRUE(res->status == 200 || res->status == 201 || no_data ||
                (route.changes_state && (res->status == 409 || res->status == 422)))
        << route.method << " " << path << ": " << res->status << " " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    if (route.role == Role::kOwner) {
      EXPECT_EQ(client_->Get(path, {{"X-Test-Role", "editor"}})->status, 403) << path;
    }
    ++answered;
  }
  EXPECT_GE(answered, 25);
  // A check-in with something to say is stored.
  auto checkin = client_->Post("/api/v1/workspaces/org/plans/1/checkins", {{"X-Test-Role", "editor"}},
                               R"({"done": "replied to 12 comments"})", "application/json");
  ASSERT_TRUE(checkin);
  EXPECT_EQ(checkin->status, 201) << checkin->body;
  EXPECT_EQ(Body(checkin)["done"], "replied to 12 comments");
}

// A plan's whole loop through the API, as the web app will drive it.
TEST_F(ServerTest, APlanGoesRoundTheLoop) {
  const httplib::Headers editor = {{"X-Test-Role", "editor"}};
  auto post = [&](const std::string& path, const json::Json& body) {
    return client_->Post(path, editor, body.dump(), "application/json");
  };
  const std::string plans = "/api/v1/workspaces/org/plans";
  auto goal = post("/api/v1/workspaces/org/goals",
                   {{"title", "More replies"}, {"metric", "rung:relationship"}, {"more", 5}, {"deadline", "today+60"}});
  ASSERT_EQ(goal->status, 201) << goal->body;
  auto added = post(plans, {{"tactic", "reply-week"}, {"goal_id", 1}, {"start", "today-3"}});
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Body(added)["state"], "planned") << added->body;
  auto edited = client_->Patch(plans + "/1", editor, R"({"title": "Reply to everyone"})", "application/json");
  ASSERT_EQ(edited->status, 200) << edited->body;
  EXPECT_EQ(Body(edited)["title"], "Reply to everyone");
  EXPECT_EQ(post(plans + "/1/start", json::Json::object())->status, 201);
  EXPECT_EQ(post(plans + "/1/start", json::Json::object())->status, 409);  // already running
  EXPECT_EQ(post(plans + "/1/checkins", {{"done", "replied to 12"}})->status, 201);
  EXPECT_EQ(post(plans + "/1/review", {{"verdict", "maybe"}})->status, 422);
  EXPECT_EQ(post(plans + "/1/review", {{"verdict", "inconclusive"}})->status, 201);
  EXPECT_EQ(post(plans + "/1/reflection", {{"learned", "people answer on weekends"}})->status, 201);
  auto decided = post(plans + "/1/decision", {{"decision", "adapt"}, {"reason", "try weekends"}});
  ASSERT_EQ(decided->status, 201) << decided->body;
  auto shown = client_->Get(plans + "/1");
  ASSERT_EQ(shown->status, 200);
  EXPECT_EQ(Body(shown)["checkins"].size(), 1u) << shown->body;
  auto evaluation = client_->Get(plans + "/1/evaluation");  // no events: it says why it cannot judge
  ASSERT_EQ(evaluation->status, 400);
  EXPECT_NE(Body(evaluation)["error"]["message"].get<std::string>().find("baseline"), std::string::npos);
  auto learned = client_->Get("/api/v1/workspaces/org/learnings?q=weekends");
  ASSERT_EQ(learned->status, 200);
  EXPECT_EQ(Body(learned)["results"].size(), 1u) << learned->body;
  // A viewer can change none of it.
  EXPECT_EQ(client_->Post(plans + "/2/start", "{}", "application/json")->status, 403);
}

TEST_F(ServerTest, WithoutTheWebAppOnlyTheApiAnswers) {
  auto res = client_->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(Body(res)["error"]["code"], "not_found");
}

TEST_F(ServerTest, ApiAnswersCarryTheSecurityHeaders) {
  auto res = client_->Get("/api/v1/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->get_header_value("Content-Security-Policy"), kCsp);
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "same-origin");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(res->get_header_value_count("Content-Security-Policy"), 1u);
  // httplib's own refusals too.
  auto too_large = client_->Post("/api/v1/health", std::string((size_t{1} << 20) + 1, 'x'), "text/plain");
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->get_header_value("Content-Security-Policy"), kCsp);
}

// The server with a built web app: index.html, a hashed script with its
// gzip variant, and a file beside (not in) the app's directory.
class WebAppServerTest : public ServerTest {
 protected:
  // printf 'console.log(1)' | gzip -n
  static constexpr unsigned char kScriptGzip[] = {
      0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0xce, 0xcf, 0x2b, 0xce, 0xcf, 0x49,
      0xd5, 0xcb, 0xc9, 0x4f, 0xd7, 0x30, 0xd4, 0x04, 0x00, 0x68, 0xfe, 0x01, 0x43, 0x0e, 0x00, 0x00, 0x00};
  static constexpr std::string_view kScript = "console.log(1)";
  static constexpr std::string_view kIndex = "<!doctype html><title>learnloop</title>";
  static constexpr const char* kScriptPath = "/assets/app-abc123.js";

  void Configure(ServerOptions& options) override {
    const std::filesystem::path web = dir_.parent_path() / "dist";
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html", std::ios::binary) << kIndex;
    std::ofstream(web / "assets" / "app-abc123.js", std::ios::binary) << kScript;
    std::ofstream(web / "assets" / "app-abc123.js.gz", std::ios::binary)
        .write(reinterpret_cast<const char*>(kScriptGzip), sizeof(kScriptGzip));
    std::ofstream(dir_.parent_path() / "secret.txt") << "outside the app";
    options.web_dir = web;
  }
  // A client that shows the bytes as sent, not decompressed.
  httplib::Client RawClient() {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_decompress(false);
    return client;
  }
  static std::string ScriptGzip() { return {reinterpret_cast<const char*>(kScriptGzip), sizeof(kScriptGzip)}; }
};

TEST_F(WebAppServerTest, RootIsIndexHtml) {
  for (const char* path : {"/", "/index.html"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->body, kIndex) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache");
    EXPECT_EQ(res->get_header_value("Vary"), "Accept-Encoding");
    EXPECT_EQ(res->get_header_value("Content-Security-Policy"), kCsp);
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "same-origin");
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  }
}

TEST_F(WebAppServerTest, SendsTheGzipVariantToWhoAcceptsIt) {
  httplib::Client raw = RawClient();
  for (const char* accepts : {"gzip", "gzip, deflate, br"}) {
    auto res = raw.Get(kScriptPath, {{"Accept-Encoding", accepts}});
    ASSERT_TRUE(res) << accepts;
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, ScriptGzip()) << accepts;
    EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript");
    EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(res->get_header_value("Vary"), "Accept-Encoding");
  }
  // httplib's client takes the gzip apart again: the same script.
  EXPECT_EQ(client_->Get(kScriptPath, {{"Accept-Encoding", "gzip"}})->body, kScript);
}

TEST_F(WebAppServerTest, SendsThePlainFileOtherwise) {
  httplib::Client raw = RawClient();
  for (const char* accepts : {"identity", "gzip;q=0", "br"}) {
    auto res = raw.Get(kScriptPath, {{"Accept-Encoding", accepts}});
    ASSERT_TRUE(res) << accepts;
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, kScript) << accepts;
    EXPECT_FALSE(res->has_header("Content-Encoding")) << accepts;
    EXPECT_EQ(res->get_header_value("Vary"), "Accept-Encoding");
  }
  auto res = raw.Get(kScriptPath);  // httplib's client sends no Accept-Encoding of its own
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, kScript);
  EXPECT_FALSE(res->has_header("Content-Encoding"));
}

TEST_F(WebAppServerTest, HeadSendsTheHeadersOnly) {
  auto res = RawClient().Head(kScriptPath);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "");
  EXPECT_EQ(res->get_header_value("Content-Length"), std::to_string(kScript.size()));
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript");
  EXPECT_EQ(client_->Head("/nope")->status, 404);
}

TEST_F(WebAppServerTest, ServesByteRangesInsideTheFileOnly) {
  httplib::Client raw = RawClient();
  auto part = raw.Get(kScriptPath, {{"Range", "bytes=0-6"}});
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, "console");
  for (const char* range : {"bytes=14-20", "bytes=0-1000", "bytes=100-", "bytes=0-1,500-600"}) {
    auto res = raw.Get(kScriptPath, {{"Range", range}});
    ASSERT_TRUE(res) << range;
    EXPECT_EQ(res->status, 416) << range;
    EXPECT_EQ(res->body.find("console"), std::string::npos) << range;
  }
}

TEST_F(WebAppServerTest, AnswersOnlyTheAppsOwnFiles) {
  for (const char* path :
       {"/nope", "/../secret.txt", "/assets/../index.html", "/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/assets/app-abc123.js.gz", "/assets/", "//index.html", "/index.html/"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_TRUE(res->status == 404 || res->status == 400) << path << ": " << res->status;
    EXPECT_EQ(res->body.find("outside the app"), std::string::npos) << path;
    if (res->status == 404) {
      EXPECT_EQ(res->body, "not found\n") << path;
      EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    }
  }
  // The traversal reached the server as written, and was only looked up.
  server_->Stop();
  thread_.join();
  EXPECT_NE(log_.str().find("GET /../secret.txt 404"), std::string::npos) << log_.str();
}

TEST_F(WebAppServerTest, TheApiStaysJson) {
  auto health = client_->Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Body(health)["status"], "ok");
  EXPECT_EQ(health->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(health->get_header_value("Content-Security-Policy"), kCsp);
  auto unknown = client_->Get("/api/v1/index.html");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(Body(unknown)["error"]["code"], "not_found");
  // The app's files are read, not changed.
  EXPECT_EQ(client_->Post("/index.html", "{}", "application/json")->status, 404);
}

TEST(ServerCreateTest, RefusesAWebDirWithoutIndex) {
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) / ("server_create_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(app::CreateWorkspace(dir / "org", InitOptions{}).ok());
  std::filesystem::create_directories(dir / "empty");
  ServerOptions options;
  options.port = 0;
  options.workspaces = {dir / "org"};
  options.web_dir = dir / "empty";
  auto server = Server::Create(options, std::make_shared<FakeAuthorizer>());
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(server.status().message().find((dir / "empty").string() + ": no index.html"), std::string::npos)
      << server.status().message();
}

TEST(ServerCreateTest, RefusesToStartWithoutAuthorizer) {
  ServerOptions options;
  options.workspaces = {"/nonexistent"};
  auto server = Server::Create(options, nullptr);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace learnloop::server

namespace learnloop::server {
namespace {

// Import uploads: multipart, streamed to a directory of their own under
// upload_dir, which is empty again after every request.
class UploadServerTest : public ServerTest {
 protected:
  void Configure(ServerOptions& options) override {
    uploads_ = dir_.parent_path() / "uploads";
    std::filesystem::create_directories(uploads_);
    options.upload_dir = uploads_;
    options.max_upload_bytes = size_t{64} * 1024;
  }
  httplib::Result Upload(const std::string& name, const std::string& content, const std::string& query = "",
                         const std::string& role = "editor") {
    httplib::MultipartFormDataItems items = {{"file", content, name, "text/csv"}};
    return client_->Post("/api/v1/workspaces/org/imports" + query, {{"X-Test-Role", role}}, items);
  }
  int64_t Events() {
    Workspace ws = std::move(Workspace::Open(dir_)).value();
    return ws.Info()->events;
  }
  bool UploadsEmpty() const { return std::filesystem::is_empty(uploads_); }

  static constexpr std::string_view kEvents =
      "ts,channel,person,kind,content,value,tags\n"
      "2024-03-01T10:00:00Z,mastodon,@cara@mastodon.social,comment,p1,,\n"
      "2024-03-02T10:00:00Z,mastodon,@dan@mastodon.social,like,p1,,\n";
  std::filesystem::path uploads_;
};

TEST_F(UploadServerTest, ImportsAnUploadedFileOnce) {
  auto res = Upload("supporters.csv", std::string(kEvents));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  json::Json body = Body(res);
  EXPECT_EQ(body["imports"][0]["file"], "supporters.csv");  // the uploaded name, not the temporary path
  EXPECT_EQ(body["imports"][0]["added"], 2);
  EXPECT_EQ(body["dry_run"], false);
  EXPECT_EQ(Events(), 2);
  EXPECT_TRUE(UploadsEmpty());
  // The same data again adds nothing.
  auto again = Upload("supporters.csv", std::string(kEvents));
  ASSERT_TRUE(again);
  EXPECT_EQ(Body(again)["imports"][0]["added"], 0);
  EXPECT_EQ(Events(), 2);
}

TEST_F(UploadServerTest, ADryRunWritesNothing) {
  auto res = Upload("supporters.csv", std::string(kEvents), "?dry_run=true");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Body(res)["dry_run"], true);
  EXPECT_EQ(Body(res)["imports"][0]["preview"]["events"], 2);
  EXPECT_EQ(Events(), 0);
}

TEST_F(UploadServerTest, ABadFileIsRefusedWholeNamingItsLine) {
  const std::string bad = std::string(kEvents) + "yesterday,mastodon,@eve@mastodon.social,like,p1,,\n";
  auto res = Upload("../../etc/bad.csv", bad);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  const std::string message = Body(res)["error"]["message"];
  EXPECT_NE(message.find("bad.csv:4"), std::string::npos) << message;
  EXPECT_EQ(message.find(uploads_.string()), std::string::npos) << message;  // no server path
  EXPECT_EQ(Events(), 0);
  EXPECT_TRUE(UploadsEmpty());
  EXPECT_FALSE(std::filesystem::exists(dir_.parent_path() / "etc"));
}

TEST_F(UploadServerTest, RefusesWhoMayNotImportWithoutReadingIt) {
  auto viewer = Upload("supporters.csv", std::string(kEvents), "", "viewer");
  ASSERT_TRUE(viewer);
  EXPECT_EQ(viewer->status, 403);
  httplib::MultipartFormDataItems items = {{"file", std::string(kEvents), "a.csv", "text/csv"}};
  auto hidden = client_->Post("/api/v1/workspaces/hidden/imports", {{"X-Test-Role", "owner"}}, items);
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);
  EXPECT_EQ(Events(), 0);
}

TEST_F(UploadServerTest, NeedsAFilePartAndAMultipartBody) {
  auto json = client_->Post("/api/v1/workspaces/org/imports", {{"X-Test-Role", "editor"}}, "{}", "application/json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 400);
  EXPECT_EQ(Body(json)["error"]["field"], "file");
  httplib::MultipartFormDataItems fields_only = {{"format", "canonical", "", ""}};
  auto none = client_->Post("/api/v1/workspaces/org/imports", {{"X-Test-Role", "editor"}}, fields_only);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 400);
  EXPECT_EQ(Body(none)["error"]["field"], "file");
}

TEST_F(UploadServerTest, TooLargeUploadIs413AndLeavesNothing) {
  std::string big(kEvents);
  while (big.size() < size_t{80} * 1024) big += "2024-03-03T10:00:00Z,mastodon,@fay@mastodon.social,like,p1,,\n";
  auto res = Upload("big.csv", big);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(Events(), 0);
  EXPECT_TRUE(UploadsEmpty());
  // Other bodies stay held to max_body_bytes, uploads or not.
  auto json = client_->Post("/api/v1/workspaces/org/goals", {{"X-Test-Role", "editor"}},
                            std::string((size_t{1} << 20) + 1, 'x'), "application/json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 413);
}

}  // namespace
}  // namespace learnloop::server

namespace learnloop::server {
namespace {

// Answers to reads are kept, and never outlive a change: the server's
// own, another process's (a second Workspace on the same directory, as
// the CLI is) or an edit of a TOML file.
TEST_F(ServerTest, KeptAnswersFollowEveryChange) {
  auto goals = [&] {
    auto res = client_->Get("/api/v1/workspaces/org/goals");
    EXPECT_TRUE(res && res->status == 200);
    return res ? Body(res)["goals"].size() : size_t{0};
  };
  EXPECT_EQ(goals(), 0U);
  EXPECT_EQ(goals(), 0U);  // kept
  auto added =
      client_->Post("/api/v1/workspaces/org/goals", {{"X-Test-Role", "editor"}},
                    R"({"title": "More replies", "metric": "rung:relationship", "more": 10, "deadline": "2030-01-01"})",
                    "application/json");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(goals(), 1U);
  {
    Workspace cli = std::move(Workspace::Open(dir_)).value();
    app::GoalRequest request;
    request.title = "More donors";
    request.metric = "rung:action";
    request.more = 5;
    request.deadline = "2030-01-01";
    ASSERT_TRUE(app::AddGoal(cli, {"cli", std::nullopt, "cli"}, request).ok());
  }
  EXPECT_EQ(goals(), 2U);

  auto metric_names = [&] {
    auto res = client_->Get("/api/v1/workspaces/org/metrics");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    std::string names;
    const json::Json body = res ? Body(res) : json::Json::object();
    for (const auto& m : body["metrics"]) names += m["name"].get<std::string>() + " ";
    return names;
  };
  EXPECT_EQ(metric_names().find("kept_test_metric"), std::string::npos);
  std::ofstream(dir_ / "metrics.toml", std::ios::app)
      << "\n[[metric]]\nname = \"kept_test_metric\"\ntype = \"count\"\nkinds = [\"like\"]\n";
  EXPECT_NE(metric_names().find("kept_test_metric"), std::string::npos);

  // The engine follows another process's import too.
  auto people = [&] {
    auto res = client_->Get("/api/v1/workspaces/org/ladder?as-of=2024-03-31");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    if (!res) return int64_t{-1};
    const json::Json body = Body(res);
    int64_t n = body["audience"].get<int64_t>();
    for (const auto& r : body["rungs"]) n += r["people"].get<int64_t>();
    return n;
  };
  EXPECT_EQ(people(), 0);
  {
    Workspace cli = std::move(Workspace::Open(dir_)).value();
    ASSERT_TRUE(cli.Import(WriteEvents(), {}).ok());
  }
  EXPECT_EQ(people(), 1);
}

}  // namespace
}  // namespace learnloop::server
