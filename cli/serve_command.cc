// `learnloop serve`: the HTTP API over one or more workspaces, for their
// members (learnloop user), and the built web app beside it, until SIGTERM
// or SIGINT (in-flight requests finish first).
#include <pthread.h>

#include <csignal>
#include <filesystem>
#include <optional>
#include <system_error>
#include <thread>

#include "cli_context.h"
#include "learnloop/server.h"

namespace learnloop::cli {
namespace {

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> workspaces;
  bool secure_cookies = false;
  std::optional<std::string> web;
  size_t max_upload_mb = 256;
};

bool HasIndex(const std::filesystem::path& dir) {
  std::error_code error;
  return std::filesystem::is_regular_file(dir / "index.html", error);
}

// Where the web app is when --web does not say: installed beside the
// binary (cmake --install), else built in the source tree; empty: neither.
std::filesystem::path DefaultWebDir() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "learnloop" / "web";
  if (!error && HasIndex(installed)) return installed;
  if (HasIndex(LEARNLOOP_SOURCE_WEB_DIR)) return LEARNLOOP_SOURCE_WEB_DIR;
  return {};
}

Result<server::ServerOptions> ParseServeFlags(const ServeFlags& flags) {
  server::ServerOptions options;
  size_t colon = flags.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return InvalidArgument("--listen: expected ADDR:PORT");
  options.host = flags.listen.substr(0, colon);
  try {
    options.port = std::stoi(flags.listen.substr(colon + 1));
  } catch (const std::exception&) {
    return InvalidArgument("--listen: the port is not a number; expected ADDR:PORT");
  }
  for (const std::string& dir : flags.workspaces) options.workspaces.emplace_back(dir);
  if (flags.web && !HasIndex(*flags.web))
    return InvalidArgument("--web: " + *flags.web + " has no index.html; expected the built web app (web/dist)");
  options.web_dir = flags.web ? std::filesystem::path(*flags.web) : DefaultWebDir();
  return options;
}

Status RunServe(CliContext& ctx, ServeFlags& flags) {
  // Block the stop signals before any thread starts (opening a workspace
  // may start some), so every thread inherits the mask and only the
  // waiter below takes them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGUSR1);  // only wakes the waiter, below
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  LL_ASSIGN_OR_RETURN(server::ServerOptions options, ParseServeFlags(flags));
  options.secure_cookies = flags.secure_cookies;
  options.max_upload_bytes = flags.max_upload_mb << 20;
  // Members sign in; there is no open mode. A workspace without members
  // is served, but nobody can use it until an owner is added.
  std::vector<server::WorkspaceSlug> without_members;
  LL_ASSIGN_OR_RETURN(
      std::shared_ptr<server::Authorizer> authorizer,
      server::MakeAccountsAuthorizer(server::AssignSlugs(options.workspaces), SystemClock(), {}, &without_members));
  for (const server::WorkspaceSlug& slug : without_members)
    *ctx.err << "warning: " << slug.dir.string() << " has no members, so no one can sign in to it; add one with "
             << "`learnloop user add EMAIL --role owner --workspace " << slug.dir.string() << " --password-stdin`\n";
  if (options.web_dir.empty())
    *ctx.err << "The web app is not built (run scripts/build, or npm run build in web/); serving the API only.\n";
  LL_ASSIGN_OR_RETURN(std::unique_ptr<server::Server> srv, server::Server::Create(options, authorizer));
  const std::string url = "http://" + options.host + ":" + std::to_string(srv->port()) + "/";
  if (options.web_dir.empty()) {
    *ctx.err << "Serving the API on " << url << "api/v1/\n";
  } else {
    *ctx.err << "Serving the app and API on " << url << " (the app from " << options.web_dir.string() << ")\n";
  }
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    if (signal != SIGUSR1) srv->Stop();
  });
  Status done = srv->Run();
  // Run also ends without a signal only on failure; wake the waiter.
  pthread_kill(waiter.native_handle(), SIGUSR1);
  waiter.join();
  return done;
}

void RegisterServe(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = AddCommand(app, ctx, flags, "serve",
                             "Serve the web app and the JSON API over workspaces until SIGTERM", RunServe);
  cmd->add_option("--listen", flags->listen, "Address and port to listen on")->capture_default_str();
  cmd->add_option("--workspace", flags->workspaces, "Workspace directory to serve (repeat for more)")->required();
  cmd->add_flag("--secure-cookies", flags->secure_cookies,
                "Mark session cookies Secure (when the app is reached over https; a proxy's X-Forwarded-Proto: "
                "https does the same)");
  cmd->add_option("--max-upload-mb", flags->max_upload_mb, "Largest import upload, in MiB")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  cmd->add_option("--web", flags->web,
                  "The built web app's directory (default: share/learnloop/web beside the installed binary, else "
                  "web/dist of the source tree)");
}

const CommandRegistrar kRegistrar(90, RegisterServe);

}  // namespace
}  // namespace learnloop::cli
