// The HTTP API server: a route table over the application layer (the same
// operations and JSON encodings as the CLI's --json), JSON errors, a
// request log without secrets and graceful shutdown. Authorization sits
// behind Authorizer; the server does not start without one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/app/caller.h"
#include "learnloop/status.h"

namespace learnloop::server {

// Roles within a workspace, each allowing what the one before allows.
enum class Role { kViewer, kEditor, kOwner };
std::string_view RoleName(Role role);

// What an Authorizer sees of a request. Header names are lower case.
struct Request {
  std::string method;
  std::string path;  // without the query string
  std::multimap<std::string, std::string> headers;
  std::string remote_addr;
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
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port)
  std::vector<std::filesystem::path> workspaces;
  size_t max_body_bytes = size_t{1} << 20;  // larger bodies get 413
  std::ostream* log = nullptr;              // request log; nullptr: std::cerr
};

// A workspace as the API names it: the directory's base name, made unique
// with "-2", "-3", ... in the order given.
struct WorkspaceSlug {
  std::string slug;
  std::filesystem::path dir;
};
std::vector<WorkspaceSlug> AssignSlugs(const std::vector<std::filesystem::path>& dirs);

class Server {
 public:
  // Opens every workspace and binds the address. InvalidArgument without an
  // authorizer or workspaces; the errors of Workspace::Open; IoError when
  // the address cannot be bound.
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
