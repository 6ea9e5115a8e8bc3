// Sign-in, sessions, CSRF, API tokens and throttling through the real
// AccountsAuthorizer: two workspaces with their own members, the server
// on 127.0.0.1 (any free port), a fixed clock, httplib::Client.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <sstream>
#include <thread>

#include "learnloop/app/workspace.h"
#include "learnloop/server.h"

namespace learnloop::server {
namespace {

constexpr std::string_view kPassword = "correct horse battery";

class SessionTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::path(testing::TempDir()) / ("session_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    for (const char* name : {"org", "other"}) {
      ASSERT_TRUE(app::CreateWorkspace(root_ / name, InitOptions{}).ok());
    }
    AddMember("org", "ana@example.org", Role::kOwner);
    AddMember("org", "vic@example.org", Role::kViewer);
    AddMember("other", "bo@example.org", Role::kOwner);
    AddMember("other", "ana@example.org", Role::kEditor);  // a second workspace, another password below
    ServerOptions options;
    options.port = 0;
    options.workspaces = {root_ / "org", root_ / "other"};
    options.log = &log_;
    auto authorizer = MakeAccountsAuthorizer(AssignSlugs(options.workspaces), clock_);
    ASSERT_TRUE(authorizer.ok()) << authorizer.status().message();
    auto server = Server::Create(options, *authorizer);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->Run().IgnoreError(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    std::filesystem::remove_all(root_);
  }

  void AddMember(const std::string& ws_name, const std::string& email, Role role,
                 std::string_view password = kPassword) {
    Result<Workspace> ws = Workspace::Open(root_ / ws_name);
    ASSERT_TRUE(ws.ok());
    Result<Accounts> accounts = ws->OpenAccounts();
    ASSERT_TRUE(accounts.ok());
    ASSERT_TRUE(accounts->AddMember(email, role, password, {"test", "test"}).ok());
  }

  Accounts OpenAccounts(const std::string& ws_name) {
    Result<Workspace> ws = Workspace::Open(root_ / ws_name);
    EXPECT_TRUE(ws.ok());
    Result<Accounts> accounts = ws->OpenAccounts();
    EXPECT_TRUE(accounts.ok());
    return std::move(*accounts);
  }

  httplib::Client Client() { return httplib::Client("127.0.0.1", server_->port()); }

  httplib::Result SignIn(httplib::Client& client, std::string_view email, std::string_view password,
                         const httplib::Headers& headers = {}) {
    json::Json body{{"email", email}, {"password", password}};
    return client.Post("/api/v1/session", headers, body.dump(), "application/json");
  }

  // Signs in and keeps the cookie and CSRF token for the next requests.
  struct Browser {
    httplib::Headers cookie;  // just the session cookie
    httplib::Headers both;    // the cookie and X-CSRF-Token
    std::string session_id;
  };
  Browser SignedIn(std::string_view email, std::string_view password = kPassword) {
    httplib::Client client = Client();
    auto res = SignIn(client, email, password);
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    const std::string set_cookie = res->get_header_value("Set-Cookie");
    const std::string prefix = std::string(kSessionCookie) + "=";
    Browser b;
    b.session_id = set_cookie.substr(prefix.size(), set_cookie.find(';') - prefix.size());
    const std::string csrf = json::Json::parse(res->body)["csrf_token"].get<std::string>();
    b.cookie = {{"Cookie", prefix + b.session_id}};
    b.both = {{"Cookie", prefix + b.session_id}, {"X-CSRF-Token", csrf}};
    return b;
  }

  static json::Json Body(const httplib::Result& res) { return json::Json::parse(res->body); }
  static std::string GoalJson() {
    return json::Json{
        {"title", "More replies"}, {"metric", "rung:relationship"}, {"more", 5}, {"deadline", "2030-01-01"}}
        .dump();
  }

  std::filesystem::path root_;
  FixedClock clock_{*ParseRfc3339("2026-12-01T09:00:00Z")};
  std::ostringstream log_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(SessionTest, SigningInSetsAGuardedCookieAndNamesTheWorkspaces) {
  httplib::Client client = Client();
  auto res = SignIn(client, " Ana@Example.org ", kPassword);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("learnloop_session=s_", 0), 0u) << cookie;
  for (const char* flag : {"; Path=/", "; HttpOnly", "; SameSite=Lax"})
    EXPECT_NE(cookie.find(flag), std::string::npos) << flag << " in " << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
  json::Json body = Body(res);
  EXPECT_EQ(body["email"], "ana@example.org");
  EXPECT_EQ(body["workspaces"],
            json::Json::parse(R"([{"slug": "org", "role": "owner"}, {"slug": "other", "role": "editor"}])"));
  EXPECT_FALSE(body["csrf_token"].get<std::string>().empty());
  // Behind a proxy that says https, the cookie is Secure.
  auto https = SignIn(client, "vic@example.org", kPassword, {{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(https);
  EXPECT_NE(https->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(SessionTest, AWrongPasswordAndAStrangerGetTheSameAnswer) {
  httplib::Client client = Client();
  auto wrong = SignIn(client, "ana@example.org", "not the password");
  auto stranger = SignIn(client, "zed@example.org", kPassword);
  ASSERT_TRUE(wrong && stranger);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(stranger->status, 401);
  EXPECT_EQ(wrong->body, stranger->body);
  EXPECT_EQ(Body(wrong)["error"]["message"], "wrong email or password");
  EXPECT_TRUE(wrong->get_header_value("Set-Cookie").empty());
  auto malformed = client.Post("/api/v1/session", R"({"email": 3})", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(Body(malformed)["error"]["field"], "email");
}

TEST_F(SessionTest, AMemberSeesOnlyTheirWorkspacesAndOthersAre404) {
  Browser bo = SignedIn("bo@example.org");
  httplib::Client client = Client();
  auto list = client.Get("/api/v1/workspaces", bo.cookie);
  ASSERT_TRUE(list);
  EXPECT_EQ(Body(list)["workspaces"], json::Json::parse(R"([{"slug": "other"}])"));
  EXPECT_EQ(client.Get("/api/v1/workspaces/other/info", bo.cookie)->status, 200);
  auto foreign = client.Get("/api/v1/workspaces/org/info", bo.cookie);
  auto missing = client.Get("/api/v1/workspaces/nowhere/info", bo.cookie);
  ASSERT_TRUE(foreign && missing);
  EXPECT_EQ(foreign->status, 404);
  EXPECT_EQ(foreign->body, missing->body);  // another's workspace looks like none
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/info")->status, 401);
}

TEST_F(SessionTest, ChangesNeedTheCsrfTokenAndAnEditor) {
  Browser ana = SignedIn("ana@example.org");
  httplib::Client client = Client();
  auto no_token = client.Post("/api/v1/workspaces/org/goals", ana.cookie, GoalJson(), "application/json");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_NE(Body(no_token)["error"]["message"].get<std::string>().find("X-CSRF-Token"), std::string::npos);
  httplib::Headers wrong = ana.cookie;
  wrong.emplace("X-CSRF-Token", "c_not-it");
  EXPECT_EQ(client.Post("/api/v1/workspaces/org/goals", wrong, GoalJson(), "application/json")->status, 403);
  auto added = client.Post("/api/v1/workspaces/org/goals", ana.both, GoalJson(), "application/json");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Body(added)["title"], "More replies");

  // A viewer reads but changes nothing, token or not.
  Browser vic = SignedIn("vic@example.org");
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/goals", vic.cookie)->status, 200);
  auto refused = client.Post("/api/v1/workspaces/org/goals", vic.both, GoalJson(), "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(Body(refused)["error"]["code"], "permission_denied");

  // A role changed with `learnloop user role` holds at the next request.
  Accounts accounts = OpenAccounts("org");
  ASSERT_TRUE(accounts.SetRole("vic@example.org", Role::kEditor, {"test", "test"}).ok());
  EXPECT_EQ(client.Post("/api/v1/workspaces/org/goals", vic.both, GoalJson(), "application/json")->status, 201);
  ASSERT_TRUE(accounts.RemoveMember("vic@example.org", {"test", "test"}).ok());
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/goals", vic.cookie)->status, 404);
}

TEST_F(SessionTest, BadBodiesAre400AndRefusedRequests422) {
  Browser ana = SignedIn("ana@example.org");
  httplib::Client client = Client();
  auto not_json = client.Post("/api/v1/workspaces/org/goals", ana.both, "{title", "application/json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  auto wrong_type = client.Post("/api/v1/workspaces/org/goals", ana.both, R"({"title": 5})", "application/json");
  ASSERT_TRUE(wrong_type);
  EXPECT_EQ(wrong_type->status, 400);
  EXPECT_EQ(Body(wrong_type)["error"]["field"], "title");
  const std::string two_targets =
      json::Json{{"title", "x"}, {"metric", "rung:action"}, {"more", 1}, {"reach", 2}, {"deadline", "2030-01-01"}}
          .dump();
  auto refused = client.Post("/api/v1/workspaces/org/goals", ana.both, two_targets, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422) << refused->body;
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/goals/99", ana.cookie)->status, 404);
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/goals/x1", ana.cookie)->status, 404);
}

TEST_F(SessionTest, SigningOutEndsTheSessionAndNeedsTheToken) {
  Browser ana = SignedIn("ana@example.org");
  httplib::Client client = Client();
  auto who = client.Get("/api/v1/session", ana.cookie);
  ASSERT_TRUE(who);
  EXPECT_EQ(Body(who)["email"], "ana@example.org");
  EXPECT_EQ(client.Delete("/api/v1/session", ana.cookie)->status, 403);
  auto out = client.Delete("/api/v1/session", ana.both);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/info", ana.cookie)->status, 401);
  EXPECT_EQ(client.Get("/api/v1/session", ana.cookie)->status, 401);
}

TEST_F(SessionTest, SessionsEndWhenIdleOrOld) {
  Browser ana = SignedIn("ana@example.org");
  httplib::Client client = Client();
  clock_.Set(*ParseRfc3339("2026-12-01T20:00:00Z"));  // 11 hours on: still in use
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/info", ana.cookie)->status, 200);
  clock_.Set(*ParseRfc3339("2026-12-02T08:30:00Z"));  // 12.5 hours idle
  auto idle = client.Get("/api/v1/workspaces/org/info", ana.cookie);
  ASSERT_TRUE(idle);
  EXPECT_EQ(idle->status, 401);
  EXPECT_EQ(Body(idle)["error"]["message"], "the session has ended; sign in again");
}

TEST_F(SessionTest, RepeatedFailuresAreThrottledPerEmail) {
  httplib::Client client = Client();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(SignIn(client, "ana@example.org", "guess number " + std::to_string(i))->status, 401);
  // Now even the right password waits, and says how long.
  auto locked = SignIn(client, "ana@example.org", kPassword);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429);
  EXPECT_EQ(Body(locked)["error"]["message"], "too many failed sign-ins; try again in 15 minutes");
  // Another member is not held up by it.
  EXPECT_EQ(SignIn(client, "bo@example.org", kPassword)->status, 200);
  clock_.Set(*ParseRfc3339("2026-12-01T09:16:00Z"));
  EXPECT_EQ(SignIn(client, "ana@example.org", kPassword)->status, 200);
}

TEST_F(SessionTest, RepeatedFailuresAreThrottledPerAddress) {
  httplib::Client client = Client();
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(SignIn(client, "nobody" + std::to_string(i) + "@example.org", "guess guess guess")->status, 401);
  EXPECT_EQ(SignIn(client, "bo@example.org", kPassword)->status, 429);
}

// Behind a proxy on this machine, each client is throttled by the address
// the proxy forwards for, not all of them together by the proxy's.
TEST_F(SessionTest, BehindALocalProxyTheForwardedAddressIsThrottled) {
  httplib::Client client = Client();
  const httplib::Headers attacker = {{"X-Forwarded-For", "198.51.100.7"}};
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(SignIn(client, "nobody" + std::to_string(i) + "@example.org", "guess guess guess", attacker)->status,
              401);
  EXPECT_EQ(SignIn(client, "bo@example.org", kPassword, attacker)->status, 429);
  EXPECT_EQ(SignIn(client, "bo@example.org", kPassword, {{"X-Forwarded-For", "203.0.113.9, 198.51.100.8"}})->status,
            200);
  // A header that is not an address is not believed.
  EXPECT_EQ(SignIn(client, "bo@example.org", kPassword, {{"X-Forwarded-For", "<script>"}})->status, 200);
}

TEST_F(SessionTest, TokensActAsTheirMemberInTheirWorkspaceOnly) {
  Accounts accounts = OpenAccounts("org");
  auto token = accounts.CreateToken("vic@example.org", "nightly", {"test", "test"});
  ASSERT_TRUE(token.ok());
  const httplib::Headers bearer = {{"Authorization", "Bearer " + token->second.secret}};
  httplib::Client client = Client();
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/info", bearer)->status, 200);
  // A token needs no CSRF header, but keeps its member's role: a viewer's.
  EXPECT_EQ(client.Post("/api/v1/workspaces/org/goals", bearer, GoalJson(), "application/json")->status, 403);
  EXPECT_EQ(client.Get("/api/v1/workspaces/other/info", bearer)->status, 404);
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/info", {{"Authorization", "Bearer t_unknown"}})->status, 401);
  ASSERT_TRUE(accounts.RevokeToken(token->first.id, {"test", "test"}).ok());
  EXPECT_EQ(client.Get("/api/v1/workspaces/org/info", bearer)->status, 401);
}

TEST_F(SessionTest, SecretsNeverReachTheLog) {
  Browser ana = SignedIn("ana@example.org");
  Accounts accounts = OpenAccounts("org");
  auto token = accounts.CreateToken("ana@example.org", "script", {"test", "test"});
  ASSERT_TRUE(token.ok());
  httplib::Client client = Client();
  client.Get("/api/v1/workspaces/org/info", ana.cookie);
  client.Get("/api/v1/workspaces/org/info", {{"Authorization", "Bearer " + token->second.secret}});
  server_->Stop();
  thread_.join();
  const std::string log = log_.str();
  EXPECT_NE(log.find("POST /api/v1/session 200"), std::string::npos) << log;
  for (const std::string& secret : {std::string(kPassword), ana.session_id, token->second.secret})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
}

}  // namespace
}  // namespace learnloop::server
