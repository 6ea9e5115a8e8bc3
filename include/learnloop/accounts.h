// Who may use a workspace through the web app and the API: its members,
// each with an email, a role and an Argon2id password hash; API tokens for
// scripts; one-time password reset links; and the audit log of every
// change made to them. Secrets (passwords, tokens, reset links) are never
// stored or returned in the clear, except a new token or link, once, to
// the one who made it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/clock.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop {

namespace accounts {
class AccountStore;
}

// Each role may do what the ones before it may: a viewer reads; an editor
// also changes the data and the loop; an owner also manages members and
// settings and reads the audit log.
enum class Role { kViewer, kEditor, kOwner };
std::string_view RoleName(Role role);
// "viewer", "editor" or "owner"; InvalidArgument naming them otherwise.
Result<Role> ParseRole(std::string_view name);
inline bool RoleAllows(Role held, Role needed) { return held >= needed; }

// A password has at least this many characters (code points) and at most
// this many bytes of UTF-8.
inline constexpr size_t kMinPasswordCharacters = 10;
inline constexpr size_t kMaxPasswordBytes = 1024;

struct Member {
  int64_t id = 0;
  std::string email;  // trimmed, in lower case
  Role role = Role::kViewer;
  Timestamp added_at;
  std::string added_by;
  Timestamp password_set_at;
};

// Who makes a change and from where, as the audit log records it: the
// actor ("unknown" when empty) and the source, e.g. "cli" or
// "web 192.0.2.7".
struct ChangedBy {
  std::string actor;
  std::string source;
};

struct AuditEntry {
  int64_t id = 0;
  Timestamp at;
  std::string actor;
  std::string source;
  std::string action;  // e.g. "member.add", "token.revoke"
  std::string object;  // what it was done to, e.g. the member's email
  std::string detail;  // e.g. "role editor -> owner"; never a secret
};

struct ApiToken {
  int64_t id = 0;
  std::string email;  // of the member it acts as, with that member's role
  std::string name;   // the owner's words, e.g. "nightly import"
  Timestamp created_at;
  std::string created_by;
};

// A secret shown once: a new API token or a password reset link's key.
struct IssuedSecret {
  std::string secret;
  Timestamp expires_at;  // reset links only; zero for tokens
};

inline constexpr std::chrono::hours kPasswordResetValidity{24};

// The members of one workspace. Every change is one transaction that also
// appends its audit entry. Reads (Members, Authenticate, ...) write
// nothing. Not thread-safe: use one object per thread.
class Accounts {
 public:
  Accounts(std::unique_ptr<accounts::AccountStore> store, const Clock& clock);
  Accounts(Accounts&&) noexcept;
  Accounts& operator=(Accounts&&) noexcept;
  ~Accounts();

  // Adds a member. InvalidArgument for an email that is not one or a
  // password too short, too long or not UTF-8; AlreadyExists when the email
  // is a member.
  Result<Member> AddMember(std::string_view email, Role role, std::string_view password, const ChangedBy& by);
  // Every member, by email.
  Result<std::vector<Member>> Members();
  // NotFound when `email` is no member.
  Result<Member> FindMember(std::string_view email);
  // Removes a member with their tokens and reset links. FailedPrecondition
  // for the last owner: a workspace always keeps one.
  Status RemoveMember(std::string_view email, const ChangedBy& by);
  // FailedPrecondition when it would leave no owner.
  Result<Member> SetRole(std::string_view email, Role role, const ChangedBy& by);
  // Sets a new password and voids the member's open reset links.
  Status SetPassword(std::string_view email, std::string_view password, const ChangedBy& by);

  // The member with this email and password. Unauthenticated, with the same
  // message for an unknown email and a wrong password (and in about the
  // same time), so a caller learns nothing about who is a member.
  Result<Member> Authenticate(std::string_view email, std::string_view password);

  // A one-time key to set `email`'s password, valid for `validity`; issuing
  // a new one voids the old.
  Result<IssuedSecret> IssuePasswordReset(std::string_view email, const ChangedBy& by,
                                          std::chrono::seconds validity = kPasswordResetValidity);
  // Sets the password of the member a reset key was issued for and voids
  // the key. Unauthenticated for a key that is unknown, used or expired.
  Result<Member> ResetPassword(std::string_view secret, std::string_view password, const ChangedBy& by);

  // A new token acting as `email`; its secret is returned here only (the
  // store keeps its hash).
  Result<std::pair<ApiToken, IssuedSecret>> CreateToken(std::string_view email, std::string_view name,
                                                        const ChangedBy& by);
  Result<std::vector<ApiToken>> Tokens();
  // NotFound for an unknown id.
  Status RevokeToken(int64_t id, const ChangedBy& by);
  // The member a token acts as; Unauthenticated for an unknown or revoked one.
  Result<Member> AuthenticateToken(std::string_view secret);

  // The newest `limit` entries, newest first.
  Result<std::vector<AuditEntry>> AuditLog(size_t limit);

 private:
  Status Audit(const ChangedBy& by, std::string_view action, std::string_view object, std::string_view detail);
  // Counts owners other than `member_id`; for the last-owner guard.
  Result<int64_t> OtherOwners(int64_t member_id);

  std::unique_ptr<accounts::AccountStore> store_;
  const Clock* clock_;
};

// An email as members are keyed: trimmed and in lower case; InvalidArgument
// for text that is not an address (local@domain, no spaces, at most 254
// bytes).
Result<std::string> NormalizeMemberEmail(std::string_view email);

}  // namespace learnloop
