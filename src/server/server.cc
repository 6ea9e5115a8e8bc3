#include "learnloop/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

#include "server/http_errors.h"
#include "server/router.h"
#include "server/web_app.h"

namespace learnloop::server {
namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// One Workspace object is used by one thread at a time (workspace.h).
struct OpenWorkspace {
  std::string slug;
  std::mutex mutex;  // ws and the answers kept
  std::unique_ptr<Workspace> ws;
  // Answers to reads, kept while the workspace's ChangeStamp stands
  // still: a repeated read is answered without the engine.
  std::string stamp;
  std::unordered_map<std::string, std::string> answers;
};

constexpr size_t kMaxKeptAnswers = 512;

// What identifies a read's answer: its route, path and query.
std::string AnswerKey(const Route& route, const RouteInput& input) {
  std::string key = route.pattern;
  for (const auto& [name, value] : input.path_params) key += fmt::format("\n{}={}", name, value);
  for (const auto& [name, value] : input.query) key += fmt::format("\n?{}={}", name, value);
  return key;
}

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::string set_cookie;  // a Set-Cookie header's value, when not empty
  // Answers are per caller: no cache keeps them (the web app's files differ).
  std::string cache_control = "no-store";
  const std::string* file = nullptr;  // a web app file's bytes, sent instead of body
  bool gzip = false;                  // the file is its .gz variant
};

Reply TextReply(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}
Reply JsonReply(int status, const json::Json& doc) { return TextReply(status, doc.dump(2) + "\n"); }
// A request body that is a JSON object; nullopt for anything else.
std::optional<json::Json> ParseObject(const std::string& body) {
  json::Json doc = json::Json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

Reply ErrorReply(const Status& status) { return JsonReply(HttpStatus(status.code()), ErrorBody(status)); }

// Whether httplib can cut every byte range asked for out of `size` bytes: it
// does not check them against the content itself. Its pairs are (first,
// last), -1 for a bound not given.
bool RangesFit(const httplib::Ranges& ranges, size_t size) {
  for (const auto& [first, last] : ranges) {
    if (first < 0) continue;  // the last N bytes, or all of them
    if (static_cast<size_t>(first) >= size || (last >= 0 && (last < first || static_cast<size_t>(last) >= size)))
      return false;
  }
  return true;
}

// A web app file's bytes, which outlive the response: kept out of httplib's
// body, which it would compress (again) when the request accepts gzip or br.
void SetFile(httplib::Response& res, const std::string& bytes, const std::string& content_type) {
  if (bytes.empty()) return res.set_content(bytes, content_type);
  res.set_content_provider(bytes.size(), content_type, [&bytes](size_t offset, size_t length, httplib::DataSink& sink) {
    if (offset >= bytes.size()) return false;
    const std::string_view part = std::string_view(bytes).substr(offset, length);
    return sink.write(part.data(), part.size());
  });
}

// The directory an upload's files are streamed to, removed with them when
// the request ends. Files keep the uploaded base name, which the import
// reports and messages then show.
class UploadDir {
 public:
  static Result<std::unique_ptr<UploadDir>> Create(const std::filesystem::path& parent) {
    std::error_code error;
    std::filesystem::path base = parent.empty() ? std::filesystem::temp_directory_path(error) : parent;
    std::string name = (base / "learnloop-upload-XXXXXX").string();
    if (error || mkdtemp(name.data()) == nullptr) return IoError("cannot make a directory for the upload");
    return std::unique_ptr<UploadDir>(new UploadDir(name));
  }
  UploadDir(const UploadDir&) = delete;
  UploadDir& operator=(const UploadDir&) = delete;
  ~UploadDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

  // A new file for the upload named `filename`: its last path part, with
  // no leading dots or control characters, made unique ("-2", ...).
  std::filesystem::path Add(std::string_view filename) {
    const size_t slash = filename.find_last_of("/\\");
    if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
    std::string clean;
    for (char c : filename)
      if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) clean += c;
    clean.erase(0, clean.find_first_not_of('.'));
    if (clean.size() > 120) clean.erase(0, clean.size() - 120);
    if (clean.empty()) clean = "upload";
    std::string name = clean;
    for (int n = 2; names_.count(name) > 0; ++n) name = std::to_string(n) + "-" + clean;
    names_.insert(name);
    return path_ / name;
  }

 private:
  explicit UploadDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
  std::set<std::string> names_;
};

// A multipart upload as it arrives: files to disk, text fields (capped)
// kept as query parameters.
struct UploadParts {
  UploadDir* dir = nullptr;
  std::vector<std::filesystem::path> files;
  std::multimap<std::string, std::string> fields;
  std::ofstream out;
  std::string* field = nullptr;
  size_t limit = 0;  // bytes of all parts together
  size_t received = 0;
  bool failed = false;
  bool too_large = false;

  bool Begin(const httplib::MultipartFormData& part) {
    if (!End()) return false;
    if (!part.filename.empty()) {
      files.push_back(dir->Add(part.filename));
      out.open(files.back(), std::ios::binary | std::ios::trunc);
      return !(failed = !out);
    }
    field = &fields.emplace(part.name, "")->second;
    return true;
  }
  bool Data(const char* data, size_t size) {
    received += size;
    if (received > limit) {
      too_large = true;
      return false;
    }
    if (out.is_open()) {
      out.write(data, static_cast<std::streamsize>(size));
      return !(failed = !out);
    }
    if (field == nullptr || field->size() + size > 4096) return false;
    field->append(data, size);
    return true;
  }
  bool End() {
    field = nullptr;
    if (!out.is_open()) return true;
    out.close();
    return !(failed = !out);
  }
};

Request ToRequest(const httplib::Request& req) {
  Request out{req.method, req.path, {}, req.remote_addr};
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace(lower, value);
  }
  return out;
}

}  // namespace

std::vector<WorkspaceSlug> AssignSlugs(const std::vector<std::filesystem::path>& dirs) {
  std::vector<WorkspaceSlug> out;
  std::set<std::string> taken;
  for (const std::filesystem::path& dir : dirs) {
    std::string base = dir.lexically_normal().filename().string();
    if (base.empty()) base = dir.lexically_normal().parent_path().filename().string();
    if (base.empty()) base = "workspace";
    std::string slug = base;
    for (int n = 2; taken.count(slug) > 0; ++n) slug = base + "-" + std::to_string(n);
    taken.insert(slug);
    out.push_back({slug, dir});
  }
  return out;
}

struct Server::Impl {
  ServerOptions options;
  int64_t session_max_age = int64_t{7} * 24 * 3600;  // the cookie's; the authorizer ends sessions sooner
  std::shared_ptr<Authorizer> authorizer;
  std::vector<std::unique_ptr<OpenWorkspace>> workspaces;
  std::optional<WebApp> web_app;
  httplib::Server http;
  int port = 0;

  OpenWorkspace* Find(std::string_view slug) {
    for (auto& w : workspaces)
      if (w->slug == slug) return w.get();
    return nullptr;
  }

  Reply ListWorkspaces(const Request& request) {
    json::Json list = json::Json::array();
    for (auto& w : workspaces)
      if (authorizer->Authorize(request, w->slug, Role::kViewer).ok()) list.push_back({{"slug", w->slug}});
    return JsonReply(200, json::Json{{"workspaces", list}});
  }

  // The session cookie: HttpOnly (no script reads it), SameSite=Lax (no
  // other site's form sends it), Secure over https.
  std::string SessionCookie(const Request& request, std::string_view value, int64_t max_age) const {
    const auto proto = request.headers.find("x-forwarded-proto");
    const bool secure = options.secure_cookies || (proto != request.headers.end() && proto->second == "https");
    return std::string(kSessionCookie) + "=" + std::string(value) + "; Path=/; Max-Age=" + std::to_string(max_age) +
           "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
  }

  static json::Json SessionJson(const SessionInfo& info) {
    json::Json list = json::Json::array();
    for (const auto& [slug, role] : info.workspaces) list.push_back({{"slug", slug}, {"role", RoleName(role)}});
    return json::Json{{"email", info.email}, {"csrf_token", info.csrf_token}, {"workspaces", list}};
  }

  Reply SignIn(const std::string& request_body, const Request& request) {
    std::optional<json::Json> parsed = ParseObject(request_body);
    if (!parsed)
      return JsonReply(400,
                       ErrorBody("invalid_argument", "expected a JSON object {\"email\": ..., \"password\": ...}"));
    json::Json& body = *parsed;
    for (const char* field : {"email", "password"}) {
      if (!body.contains(field) || !body[field].is_string())
        return JsonReply(400, ErrorBody("invalid_argument", std::string(field) + ": expected a string", field));
    }
    Result<SignedIn> signed_in =
        authorizer->SignIn(request, body["email"].get<std::string>(), body["password"].get<std::string>());
    if (!signed_in.ok()) return ErrorReply(signed_in.status());
    Reply reply = JsonReply(200, SessionJson(signed_in->info));
    reply.set_cookie = SessionCookie(request, signed_in->session_id, session_max_age);
    return reply;
  }

  Reply Session(const httplib::Request& req, const Request& request, const std::string& request_body) {
    if (req.method == "POST") return SignIn(request_body, request);
    if (req.method == "DELETE") {
      Status out = authorizer->SignOut(request);
      if (!out.ok()) return ErrorReply(out);
      Reply reply = JsonReply(200, json::Json{{"signed_out", true}});
      reply.set_cookie = SessionCookie(request, "", 0);
      return reply;
    }
    Result<SessionInfo> info = authorizer->CurrentSession(request);
    if (!info.ok()) return ErrorReply(info.status());
    return JsonReply(200, SessionJson(*info));
  }

  Reply Own(const Route& route, const httplib::Request& req, const Request& request, const std::string& request_body) {
    if (route.pattern == "/api/v1/health") return JsonReply(200, json::Json{{"status", "ok"}});
    if (route.pattern == "/api/v1/openapi.json") return TextReply(200, std::string(OpenApiDocument()));
    if (route.pattern == "/api/v1/session") return Session(req, request, request_body);
    return ListWorkspaces(request);
  }

  // Exact names only, so no path reaches outside the app. Hashed names
  // under /assets/ never change; index.html is asked about every time.
  Reply WebAppFile(const httplib::Request& req) const {
    const WebFile* file = web_app->Find(req.path);
    Reply reply = TextReply(file == nullptr ? 404 : 200, file == nullptr ? "not found\n" : "");
    reply.cache_control = "no-cache";
    if (file == nullptr) {
      reply.content_type = "text/html; charset=utf-8";
      return reply;
    }
    if (req.path.starts_with("/assets/")) reply.cache_control = "public, max-age=31536000, immutable";
    reply.content_type = std::string(file->content_type);
    reply.gzip = file->gzip && AcceptsGzip(req.get_header_value("Accept-Encoding"));
    reply.file = reply.gzip ? &*file->gzip : &file->bytes;
    if (!RangesFit(req.ranges, reply.file->size())) {
      reply.status = 416;
      reply.file = nullptr;  // no body: httplib would cut the ranges out of it
      return reply;
    }
    reply.status = req.ranges.empty() ? 200 : 206;
    return reply;
  }

  Reply Dispatch(const httplib::Request& req, const std::string& request_body) {
    if (web_app && (req.method == "GET" || req.method == "HEAD") && !req.path.starts_with("/api/"))
      return WebAppFile(req);
    RouteMatch match = MatchRoute(RouteTable(), req.method, req.path);
    if (match.method_not_allowed)
      return JsonReply(405, ErrorBody("method_not_allowed", "this path does not take " + req.method));
    if (match.route == nullptr) return JsonReply(404, ErrorBody("not_found", "no such route"));
    Request request = ToRequest(req);
    if (!match.route->handler) return Own(*match.route, req, request, request_body);
    const std::string& slug = match.path_params["ws"];
    // Authorize first, so an unknown workspace and a foreign one look alike.
    Result<app::Caller> caller = authorizer->Authorize(request, slug, match.route->role);
    if (!caller.ok()) return ErrorReply(caller.status());
    OpenWorkspace* open = Find(slug);
    if (open == nullptr) return ErrorReply(NotFound("no such workspace"));
    RouteInput input;
    input.path_params = match.path_params;
    input.caller = *caller;
    for (const auto& [name, value] : req.params) input.query.emplace(name, value);
    if (!request_body.empty()) {
      std::optional<json::Json> body = ParseObject(request_body);
      if (!body) return JsonReply(400, ErrorBody("invalid_argument", "the body is not a JSON object"));
      input.body = std::move(*body);
    }
    return Run(*match.route, *open, input);
  }

  // An import upload, streamed to disk part by part once the caller may
  // import (nothing is read for one who may not).
  Reply Upload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    RouteMatch match = MatchRoute(RouteTable(), req.method, req.path);
    if (match.route == nullptr || !match.route->handler) return JsonReply(404, ErrorBody("not_found", "no such route"));
    const std::string& slug = match.path_params["ws"];
    Result<app::Caller> caller = authorizer->Authorize(ToRequest(req), slug, match.route->role);
    if (!caller.ok()) return ErrorReply(caller.status());
    OpenWorkspace* open = Find(slug);
    if (open == nullptr) return ErrorReply(NotFound("no such workspace"));
    if (!req.is_multipart_form_data())
      return JsonReply(400,
                       ErrorBody("invalid_argument", "expected a multipart/form-data body with a file part", "file"));
    const std::string length = req.get_header_value("Content-Length");
    if (!length.empty() && std::strtoull(length.c_str(), nullptr, 10) > options.max_upload_bytes) return TooLarge();
    Result<std::unique_ptr<UploadDir>> dir = UploadDir::Create(options.upload_dir);
    if (!dir.ok()) return ErrorReply(dir.status());
    UploadParts parts;
    parts.dir = dir->get();
    parts.limit = options.max_upload_bytes;
    const bool read = reader([&](const httplib::MultipartFormData& part) { return parts.Begin(part); },
                             [&](const char* data, size_t size) { return parts.Data(data, size); });
    if (parts.too_large || res.status == 413) return TooLarge();
    if (!parts.End() || parts.failed) return ErrorReply(IoError("the upload could not be stored"));
    if (!read) return JsonReply(400, ErrorBody("bad_request", "the upload could not be read"));
    RouteInput input;
    input.path_params = match.path_params;
    input.caller = *caller;
    for (const auto& [name, value] : req.params) input.query.emplace(name, value);
    input.query.insert(parts.fields.begin(), parts.fields.end());
    input.uploads = parts.files;
    input.upload_dir = (*dir)->path();
    return Run(*match.route, *open, input);
  }

  Reply TooLarge() const {
    return JsonReply(413,
                     ErrorBody("payload_too_large", fmt::format("the upload is larger than the server takes ({} MiB)",
                                                                options.max_upload_bytes >> 20)));
  }

  // A workspace route's operation, under the workspace's lock.
  Reply Run(const Route& route, OpenWorkspace& open, const RouteInput& input) {
    std::lock_guard<std::mutex> lock(open.mutex);
    // Reads never write (so any route may be asked again), and a read's
    // answer depends on the data only, not on who asks: the caller was
    // authorized above.
    std::string key;
    if (route.method == "GET") {
      if (Result<std::string> stamp = open.ws->ChangeStamp(); stamp.ok()) {
        if (*stamp != open.stamp) {
          open.answers.clear();
          open.stamp = std::move(*stamp);
        }
        key = AnswerKey(route, input);
        if (auto kept = open.answers.find(key); kept != open.answers.end()) return TextReply(200, kept->second);
      }
    }
    Reply reply = Answer(route, open, input);
    if (!key.empty() && reply.status == 200) {
      if (open.answers.size() >= kMaxKeptAnswers) open.answers.clear();
      open.answers.emplace(std::move(key), reply.body);
    }
    return reply;
  }

  Reply Answer(const Route& route, OpenWorkspace& open, const RouteInput& input) {
    Result<json::Json> body = route.handler(*open.ws, input);
    if (!body.ok()) {
      const Status& error = body.status();
      if (!input.bad_field.empty())
        return JsonReply(400, ErrorBody("invalid_argument", error.message(), input.bad_field));
      // A well-formed request the operation refuses (a bad day, a goal with
      // two targets): 422, where a bad query or path stays 400.
      if (error.code() == StatusCode::kInvalidArgument && route.changes_state)
        return JsonReply(422, ErrorBody("unprocessable", error.message()));
      return ErrorReply(error);
    }
    return JsonReply(route.method == "POST" ? 201 : 200, *body);
  }

  void Handle(const httplib::Request& req, httplib::Response& res, const std::string& body = {}) {
    auto start = std::chrono::steady_clock::now();
    Reply reply;
    try {
      reply = Dispatch(req, body.empty() ? req.body : body);
    } catch (const std::exception& e) {
      reply = ErrorReply(Internal("internal error"));
    }
    Send(req, res, reply, start);
  }

  void HandleUpload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    auto start = std::chrono::steady_clock::now();
    Reply reply;
    try {
      reply = Upload(req, res, reader);
    } catch (const std::exception& e) {
      reply = ErrorReply(Internal("internal error"));
    }
    Send(req, res, reply, start);
  }

  void Send(const httplib::Request& req, httplib::Response& res, const Reply& reply,
            std::chrono::steady_clock::time_point start) {
    res.status = reply.status;
    if (reply.file != nullptr) {
      SetFile(res, *reply.file, reply.content_type);
    } else {
      res.set_content(reply.body, reply.content_type);
    }
    if (reply.gzip) res.set_header("Content-Encoding", "gzip");
    if (!reply.set_cookie.empty()) res.set_header("Set-Cookie", reply.set_cookie);
    res.set_header("Cache-Control", reply.cache_control);
    // httplib compresses the API's answers itself, when the request accepts it.
    res.set_header("Vary", "Accept-Encoding");
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // Method and path only: query strings and headers may carry secrets.
    std::ostream& log = options.log != nullptr ? *options.log : std::cerr;
    static std::mutex log_mutex;
    std::lock_guard<std::mutex> lock(log_mutex);
    log << req.method << " " << req.path << " " << reply.status << " " << static_cast<int64_t>(ms) << "ms\n";
  }

  // POST /api/v1/workspaces/{ws}/imports
  static bool IsUpload(const httplib::Request& req) {
    constexpr std::string_view kPrefix = "/api/v1/workspaces/";
    constexpr std::string_view kSuffix = "/imports";
    const std::string_view path = req.path;
    if (req.method != "POST" || !path.starts_with(kPrefix) || !path.ends_with(kSuffix)) return false;
    if (path.size() <= kPrefix.size() + kSuffix.size()) return false;
    const std::string_view slug = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    return slug.find('/') == std::string_view::npos;
  }

  void Install() {
    // Uploads may be large (httplib refuses, and drains, what is larger
    // still); every other body is held to max_body_bytes as it is read.
    http.set_payload_max_length(std::max(options.max_body_bytes, options.max_upload_bytes));
    // Headers and body go out at once, not 40 ms apart (Nagle's algorithm
    // waiting for the client's delayed ACK).
    http.set_tcp_nodelay(true);
    // On every answer, httplib's own refusals too: the page loads only its
    // own scripts and styles, talks only to this server, and no page frames
    // it.
    http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("X-Frame-Options", "DENY");
      res.set_header("Referrer-Policy", "same-origin");
    });
    // httplib's own refusals (a body over the limit: 413, a request it
    // cannot parse: 400) answer in the API's JSON too.
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      const bool too_large = res.status == 413;
      const std::string code = too_large ? "payload_too_large" : "bad_request";
      const std::string message =
          too_large ? "the request body is larger than the server takes" : "the request could not be read";
      res.set_content(ErrorBody(code, message).dump(2) + "\n", "application/json");
    });
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); };
    // Requests with a body: an upload streams to disk, any other body is
    // read up to max_body_bytes.
    auto with_body = [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
      if (IsUpload(req)) return HandleUpload(req, res, reader);
      std::string body;
      bool too_large = false;
      const bool read = reader([&](const char* data, size_t size) {
        // Past the limit the rest is read and dropped, so the client
        // hears the 413 instead of a reset connection.
        too_large = too_large || body.size() + size > options.max_body_bytes;
        if (!too_large) body.append(data, size);
        return true;
      });
      if (!read && res.status != 413) {
        Send(req, res, JsonReply(400, ErrorBody("bad_request", "the request could not be read")),
             std::chrono::steady_clock::now());
        return;
      }
      if (too_large || !read) {
        Send(req, res,
             JsonReply(413, ErrorBody("payload_too_large", "the request body is larger than the server takes")),
             std::chrono::steady_clock::now());
        return;
      }
      Handle(req, res, body);
    };
    http.Get(".*", handler);
    http.Post(".*", with_body);
    http.Put(".*", with_body);
    http.Patch(".*", with_body);
    http.Delete(".*", with_body);
    http.Post(".*", handler);
    http.Put(".*", handler);
    http.Patch(".*", handler);
    http.Delete(".*", handler);
    http.Options(".*", handler);
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, std::shared_ptr<Authorizer> authorizer) {
  if (authorizer == nullptr) return InvalidArgument("the server needs an authorizer; it has no open mode");
  if (options.workspaces.empty()) return InvalidArgument("--workspace: give at least one workspace directory");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->authorizer = std::move(authorizer);
  for (const WorkspaceSlug& s : AssignSlugs(options.workspaces)) {
    Result<Workspace> ws = Workspace::Open(s.dir);
    if (!ws.ok()) return ws.status().WithContext(s.dir.string());
    auto open = std::make_unique<OpenWorkspace>();
    open->slug = s.slug;
    open->ws = std::make_unique<Workspace>(std::move(*ws));
    impl->workspaces.push_back(std::move(open));
  }
  if (!options.web_dir.empty()) {
    LL_ASSIGN_OR_RETURN(impl->web_app, WebApp::Load(options.web_dir));
  }
  impl->Install();
  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.host);
  } else if (impl->http.bind_to_port(options.host, options.port)) {
    impl->port = options.port;
  }
  if (impl->port <= 0) return IoError("cannot listen on " + options.host + ":" + std::to_string(options.port));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  // listen_after_bind returns once stop() is called and the workers finish.
  impl_->http.listen_after_bind();
  return Status::Ok();
}

void Server::Stop() { impl_->http.stop(); }

}  // namespace learnloop::server
