// The HTTP API server: a route table over the application layer (the same
// operations and JSON encodings as the CLI's --json), JSON errors, a
// request log without secrets and graceful shutdown; beside the API under
// /api/v1/, the built web app's files. Sign-in and authorization sit behind
// Authorizer; the server does not start without one. MakeAccountsAuthorizer is the real one: each workspace's members
// (learnloop/accounts.h) sign in for a session cookie, scripts send an API
// token.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/accounts.h"
#include "learnloop/app/caller.h"
#include "learnloop/clock.h"
#include "learnloop/status.h"

namespace learnloop::server {

// What an Authorizer sees of a request. Header names are lower case.
struct Request {
  std::string method;
  std::string path;  // without the query string
  std::multimap<std::string, std::string> headers;
  std::string remote_addr;
};

// What a signed-in browser holds: who, the token every state-changing
// request must repeat in the X-CSRF-Token header, and the workspaces
// (slug, role) the member belongs to.
struct SessionInfo {
  std::string email;
  std::string csrf_token;
  std::vector<std::pair<std::string, Role>> workspaces;
};

// A new session: the cookie's value (a secret, never logged) and its info.
struct SignedIn {
  std::string session_id;
  SessionInfo info;
};

// Decides who makes a request and whether they may act with role `needed`
// on the workspace `workspace` (its slug). Returns the caller, or
// Unauthenticated (401), PermissionDenied (403), or NotFound (404) for a
// workspace the caller does not belong to (never revealing it exists).
// Called from several threads at once.
class Authorizer {
 public:
  virtual ~Authorizer() = default;
  virtual Result<app::Caller> Authorize(const Request& request, std::string_view workspace, Role needed) = 0;
  // POST /api/v1/session: Unauthenticated for a wrong email or password
  // (the same message for both), TooManyRequests after repeated failures.
  virtual Result<SignedIn> SignIn(const Request& request, std::string_view email, std::string_view password) = 0;
  // GET /api/v1/session: the request's session; Unauthenticated without one.
  virtual Result<SessionInfo> CurrentSession(const Request& request) = 0;
  // DELETE /api/v1/session: ends the request's session (it needs the CSRF
  // header like any change); OK when there was none.
  virtual Status SignOut(const Request& request) = 0;
};

// The name of the session cookie.
inline constexpr std::string_view kSessionCookie = "learnloop_session";

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port)
  std::vector<std::filesystem::path> workspaces;
  size_t max_body_bytes = size_t{1} << 20;  // larger bodies get 413
  // An import upload (multipart) is streamed to a directory of its own
  // under upload_dir (empty: the system's temporary directory), removed
  // after the request; larger uploads get 413.
  size_t max_upload_bytes = size_t{256} << 20;
  std::filesystem::path upload_dir;
  std::ostream* log = nullptr;  // request log; nullptr: std::cerr
  // Session cookies carry Secure (also when a proxy in front says
  // X-Forwarded-Proto: https).
  bool secure_cookies = false;
  // The built web app (web/dist), served at every path outside /api/;
  // empty: the API only.
  std::filesystem::path web_dir;
};

// A workspace as the API names it: the directory's base name, made unique
// with "-2", "-3", ... in the order given.
struct WorkspaceSlug {
  std::string slug;
  std::filesystem::path dir;
};
std::vector<WorkspaceSlug> AssignSlugs(const std::vector<std::filesystem::path>& dirs);

// How long sessions last and how sign-in is throttled.
struct SessionLimits {
  std::chrono::seconds idle{std::chrono::hours(12)};          // unused this long, a session ends
  std::chrono::seconds lifetime{std::chrono::hours(24 * 7)};  // and after this long in any case
  int failures_per_email = 5;                                 // failed sign-ins for one email, then a wait
  int failures_per_address = 20;                              // from one address (offices share one)
  std::chrono::seconds lockout{std::chrono::minutes(15)};     // the wait, from the last failure
};

// The Authorizer of `learnloop serve`: each workspace's members sign in
// with their email and password (a session spans every workspace whose
// member list has that email with that password); scripts send
// "Authorization: Bearer TOKEN" with a token of one workspace. Roles and
// membership are read from the workspace on every request, so a change
// made with `learnloop user` holds at once. Sessions live in memory: a
// restart signs everyone out. The clock must outlive the authorizer.
// `without_members`, when given, receives the workspaces nobody can sign
// in to yet.
Result<std::shared_ptr<Authorizer>> MakeAccountsAuthorizer(const std::vector<WorkspaceSlug>& workspaces,
                                                           const Clock& clock, const SessionLimits& limits = {},
                                                           std::vector<WorkspaceSlug>* without_members = nullptr);

class Server {
 public:
  // Opens every workspace, reads the web app into memory and binds the
  // address. InvalidArgument without an authorizer or workspaces, or for a
  // web_dir without index.html or too large to hold; the errors of
  // Workspace::Open; IoError when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options, std::shared_ptr<Authorizer> authorizer);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;  // the bound port
  // Serves until Stop; in-flight requests finish before it returns.
  Status Run();
  // Stops accepting and lets in-flight requests finish; safe from any
  // thread while Run runs.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace learnloop::server
