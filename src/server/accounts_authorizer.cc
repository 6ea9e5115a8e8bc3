// The Authorizer of `learnloop serve`: sessions for members who sign in
// with their email and password, API tokens for scripts, and throttled
// sign-in, over each workspace's own member list (learnloop/accounts.h).
//
// Session ids and CSRF tokens are 256-bit random secrets; the server keeps
// only a session id's digest, so a copy of its memory does not sign anyone
// in. Each workspace's Accounts sits on its own connection to the
// workspace (the served Workspace object is another), behind its own
// mutex; sign-ins run one at a time, which bounds the memory Argon2id
// takes (64 MiB each) and slows guessing further.
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/secrets.h"
#include "learnloop/server.h"
#include "learnloop/workspace.h"

namespace learnloop::server {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;

int64_t Micros(std::chrono::seconds s) { return static_cast<int64_t>(s.count()) * kMicrosPerSecond; }

std::optional<std::string_view> Header(const Request& request, std::string_view name) {
  auto it = request.headers.find(std::string(name));
  if (it == request.headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

// The value of cookie `name` in the Cookie header ("a=1; b=2").
std::optional<std::string> CookieValue(const Request& request, std::string_view name) {
  std::optional<std::string_view> header = Header(request, "cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

// The secret of "Authorization: Bearer SECRET".
std::optional<std::string> BearerToken(const Request& request) {
  std::optional<std::string_view> header = Header(request, "authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (!header || header->size() <= kScheme.size()) return std::nullopt;
  std::string scheme(header->substr(0, kScheme.size()));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "bearer ") return std::nullopt;
  return std::string(header->substr(kScheme.size()));
}

// Who is asking: the peer's address, or, when the peer is a proxy on this
// machine (loopback), the address it says it forwards for (the last entry
// of X-Forwarded-For, the one that proxy added). Sign-in is throttled per
// this address, and the audit log names it.
std::string ClientAddress(const Request& request) {
  const std::string& peer = request.remote_addr;
  const bool loopback = peer == "::1" || peer.rfind("127.", 0) == 0 || peer.rfind("::ffff:127.", 0) == 0;
  std::optional<std::string_view> forwarded = Header(request, "x-forwarded-for");
  if (!loopback || !forwarded) return peer;
  std::string_view last = *forwarded;
  if (const size_t comma = last.rfind(','); comma != std::string_view::npos) last.remove_prefix(comma + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  if (last.empty() || last.size() > 64 || last.find_first_not_of("0123456789abcdefABCDEF.:") != std::string_view::npos)
    return peer;
  return std::string(last);
}

bool ChangesState(const Request& request) {
  return request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS";
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Status NoSuchWorkspace() { return NotFound("no such workspace"); }

Status SignInFirst() {
  return Unauthenticated("sign in first (POST /api/v1/session) or send an API token (Authorization: Bearer)");
}

// One served workspace's members, on a connection of their own.
struct MemberList {
  std::string slug;
  std::mutex mutex;
  std::unique_ptr<Accounts> accounts;
};

struct Session {
  std::string email;
  std::string csrf_token;
  Timestamp created;
  Timestamp last_used;
};

// Failed sign-ins for one email or one address.
struct Failures {
  int count = 0;
  Timestamp last;
};

class AccountsAuthorizer final : public Authorizer {
 public:
  AccountsAuthorizer(std::vector<std::unique_ptr<MemberList>> lists, const Clock& clock, const SessionLimits& limits)
      : lists_(std::move(lists)), clock_(clock), limits_(limits) {}

  Result<app::Caller> Authorize(const Request& request, std::string_view workspace, Role needed) override {
    if (std::optional<std::string> token = BearerToken(request)) return ByToken(request, *token, workspace, needed);
    LL_ASSIGN_OR_RETURN(const Session session, SessionOf(request));
    if (ChangesState(request)) LL_RETURN_IF_ERROR(CheckCsrf(request, session));
    MemberList* list = Find(workspace);
    if (list == nullptr) return NoSuchWorkspace();
    LL_ASSIGN_OR_RETURN(const Role role, RoleIn(*list, session.email));
    if (!RoleAllows(role, needed))
      return PermissionDenied(
          fmt::format("this needs the {} role; you are a {} here", RoleName(needed), RoleName(role)));
    return app::Caller{session.email, std::nullopt, fmt::format("web {}", ClientAddress(request))};
  }

  Result<SignedIn> SignIn(const Request& request, std::string_view email_text, std::string_view password) override {
    std::string email(email_text);
    if (Result<std::string> normal = NormalizeMemberEmail(email_text); normal.ok()) email = *normal;
    const std::string email_key = "email " + email;
    const std::string address_key = "address " + ClientAddress(request);
    std::lock_guard<std::mutex> one_at_a_time(sign_in_mutex_);
    const Timestamp now = clock_.Now();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      Forget(now);
      LL_RETURN_IF_ERROR(CheckThrottle(email_key, limits_.failures_per_email, now));
      LL_RETURN_IF_ERROR(CheckThrottle(address_key, limits_.failures_per_address, now));
    }
    SessionInfo info;
    info.email = email;
    for (const auto& list : lists_) {
      std::lock_guard<std::mutex> lock(list->mutex);
      Result<Member> member = list->accounts->Authenticate(email, password);
      if (member.ok()) {
        info.workspaces.emplace_back(list->slug, member->role);
      } else if (member.status().code() != StatusCode::kUnauthenticated) {
        return member.status();
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (info.workspaces.empty()) {
      Fail(email_key, now);
      Fail(address_key, now);
      return Unauthenticated("wrong email or password");
    }
    failures_.erase(email_key);
    SignedIn out;
    out.session_id = accounts::NewSecret("s_");
    info.csrf_token = accounts::NewSecret("c_");
    sessions_[accounts::SecretDigest(out.session_id)] = Session{email, info.csrf_token, now, now};
    out.info = std::move(info);
    return out;
  }

  Result<SessionInfo> CurrentSession(const Request& request) override {
    LL_ASSIGN_OR_RETURN(const Session session, SessionOf(request));
    SessionInfo info{session.email, session.csrf_token, {}};
    for (const auto& list : lists_) {
      Result<Role> role = RoleIn(*list, session.email);
      if (role.ok()) info.workspaces.emplace_back(list->slug, *role);
    }
    return info;
  }

  Status SignOut(const Request& request) override {
    std::optional<std::string> id = CookieValue(request, kSessionCookie);
    if (!id) return Status::Ok();
    Result<Session> session = SessionOf(request);
    if (!session.ok()) return Status::Ok();  // already over
    LL_RETURN_IF_ERROR(CheckCsrf(request, *session));
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(accounts::SecretDigest(*id));
    return Status::Ok();
  }

 private:
  MemberList* Find(std::string_view slug) const {
    for (const auto& list : lists_)
      if (list->slug == slug) return list.get();
    return nullptr;
  }

  // The member's role in `list`; NotFound (the workspace is not theirs).
  static Result<Role> RoleIn(MemberList& list, const std::string& email) {
    std::lock_guard<std::mutex> lock(list.mutex);
    Result<Member> member = list.accounts->FindMember(email);
    if (!member.ok()) return member.status().code() == StatusCode::kNotFound ? NoSuchWorkspace() : member.status();
    return member->role;
  }

  // A token belongs to one workspace. Elsewhere it answers 404, as a
  // session would; a token no workspace knows, 401.
  Result<app::Caller> ByToken(const Request& request, const std::string& token, std::string_view workspace,
                              Role needed) {
    MemberList* list = Find(workspace);
    if (list != nullptr) {
      std::unique_lock<std::mutex> lock(list->mutex);
      Result<Member> member = list->accounts->AuthenticateToken(token);
      lock.unlock();
      if (member.ok()) {
        if (!RoleAllows(member->role, needed))
          return PermissionDenied(
              fmt::format("this needs the {} role; the token acts as a {}", RoleName(needed), RoleName(member->role)));
        return app::Caller{member->email, std::nullopt, fmt::format("api {}", ClientAddress(request))};
      }
      if (member.status().code() != StatusCode::kUnauthenticated) return member.status();
    }
    for (const auto& other : lists_) {
      if (other.get() == list) continue;
      std::lock_guard<std::mutex> lock(other->mutex);
      if (other->accounts->AuthenticateToken(token).ok()) return NoSuchWorkspace();
    }
    return Unauthenticated("the API token is unknown or revoked");
  }

  Result<Session> SessionOf(const Request& request) {
    std::optional<std::string> id = CookieValue(request, kSessionCookie);
    if (!id || id->empty()) return SignInFirst();
    const std::string digest = accounts::SecretDigest(*id);
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sessions_.find(digest);
    if (it == sessions_.end()) return SignInFirst();
    const Timestamp now = clock_.Now();
    if (Expired(it->second, now)) {
      sessions_.erase(it);
      return Unauthenticated("the session has ended; sign in again");
    }
    it->second.last_used = now;
    return it->second;
  }

  bool Expired(const Session& session, Timestamp now) const {
    return now.micros - session.last_used.micros > Micros(limits_.idle) ||
           now.micros - session.created.micros > Micros(limits_.lifetime);
  }

  static Status CheckCsrf(const Request& request, const Session& session) {
    std::optional<std::string_view> sent = Header(request, "x-csrf-token");
    if (!sent || !SameSecret(*sent, session.csrf_token))
      return PermissionDenied("a change needs the X-CSRF-Token header with the csrf_token that signing in returned");
    return Status::Ok();
  }

  // Under mutex_.
  Status CheckThrottle(const std::string& key, int limit, Timestamp now) const {
    auto it = failures_.find(key);
    if (it == failures_.end() || it->second.count < limit) return Status::Ok();
    const int64_t left = Micros(limits_.lockout) - (now.micros - it->second.last.micros);
    if (left <= 0) return Status::Ok();
    const int64_t minutes = (left + 60 * kMicrosPerSecond - 1) / (60 * kMicrosPerSecond);
    return TooManyRequests(
        fmt::format("too many failed sign-ins; try again in {} minute{}", minutes, minutes == 1 ? "" : "s"));
  }

  // Under mutex_.
  void Fail(const std::string& key, Timestamp now) {
    Failures& f = failures_[key];
    if (now.micros - f.last.micros > Micros(limits_.lockout)) f.count = 0;
    ++f.count;
    f.last = now;
  }

  // Drops ended sessions and failures past their lockout; under mutex_.
  void Forget(Timestamp now) {
    std::erase_if(sessions_, [&](const auto& entry) { return Expired(entry.second, now); });
    std::erase_if(failures_,
                  [&](const auto& entry) { return now.micros - entry.second.last.micros > Micros(limits_.lockout); });
  }

  const std::vector<std::unique_ptr<MemberList>> lists_;
  const Clock& clock_;
  const SessionLimits limits_;
  std::mutex sign_in_mutex_;
  std::mutex mutex_;                         // sessions_ and failures_
  std::map<std::string, Session> sessions_;  // by the id's digest
  std::map<std::string, Failures> failures_;
};

}  // namespace

Result<std::shared_ptr<Authorizer>> MakeAccountsAuthorizer(const std::vector<WorkspaceSlug>& workspaces,
                                                           const Clock& clock, const SessionLimits& limits,
                                                           std::vector<WorkspaceSlug>* without_members) {
  std::vector<std::unique_ptr<MemberList>> lists;
  for (const WorkspaceSlug& w : workspaces) {
    LL_ASSIGN_OR_RETURN(Workspace ws, Workspace::Open(w.dir, clock));
    LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
    if (without_members != nullptr) {
      LL_ASSIGN_OR_RETURN(const std::vector<Member> members, accounts.Members());
      if (members.empty()) without_members->push_back(w);
    }
    auto list = std::make_unique<MemberList>();
    list->slug = w.slug;
    list->accounts = std::make_unique<Accounts>(std::move(accounts));
    lists.push_back(std::move(list));
  }
  return std::shared_ptr<Authorizer>(std::make_shared<AccountsAuthorizer>(std::move(lists), clock, limits));
}

}  // namespace learnloop::server
