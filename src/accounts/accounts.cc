#include "learnloop/accounts.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "accounts/account_store.h"
#include "accounts/secrets.h"
#include "ingest/input_text.h"
#include "ingest/platform_text.h"

namespace learnloop {
namespace {

using accounts::StoredMember;

constexpr size_t kMaxEmailBytes = 254;
constexpr std::string_view kWrongLogin = "wrong email or password";
constexpr std::string_view kTokenPrefix = "llt_";
constexpr std::string_view kResetPrefix = "llr_";

std::string ActorOf(const ChangedBy& by) { return by.actor.empty() ? "unknown" : by.actor; }

constexpr std::string_view kBadResetLink = "this reset link is unknown, used or expired; ask an owner for a new one";

// FailedPrecondition when `member` is an owner and no other is: a
// workspace always keeps one. `other_owners` counts the others.
Status KeepAnOwner(const Member& member, const std::function<Result<int64_t>()>& other_owners) {
  if (member.role != Role::kOwner) return Status::Ok();
  LL_ASSIGN_OR_RETURN(int64_t others, other_owners());
  if (others > 0) return Status::Ok();
  return FailedPrecondition(fmt::format("{} is the last owner; make another member owner first", member.email));
}

Result<StoredMember> Require(Result<std::optional<StoredMember>> found, std::string_view email) {
  LL_RETURN_IF_ERROR(found);
  if (!*found) return NotFound(fmt::format("{} is not a member of this workspace", email));
  return std::move(**found);
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kEditor:
      return "editor";
    case Role::kOwner:
      return "owner";
  }
  return "viewer";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kViewer, Role::kEditor, Role::kOwner}) {
    if (name == RoleName(role)) return role;
  }
  return InvalidArgument(fmt::format("'{}' is not a role; expected viewer, editor or owner", name));
}

Result<std::string> NormalizeMemberEmail(std::string_view email) {
  // The rule every importer and identity link writes emails by.
  std::optional<std::string> normalized = ingest::EmailPerson(email);
  if (!normalized || normalized->size() > kMaxEmailBytes) {
    return InvalidArgument(fmt::format("'{}' is not an email address; expected name@example.org (at most {} bytes)",
                                       ingest::TrimAscii(email).substr(0, 80), kMaxEmailBytes));
  }
  return std::move(*normalized);
}

Accounts::Accounts(std::unique_ptr<accounts::AccountStore> store, const Clock& clock)
    : store_(std::move(store)), clock_(&clock) {}
Accounts::Accounts(Accounts&&) noexcept = default;
Accounts& Accounts::operator=(Accounts&&) noexcept = default;
Accounts::~Accounts() = default;

Status Accounts::Audit(const ChangedBy& by, std::string_view action, std::string_view object, std::string_view detail) {
  return store_->AppendAudit(AuditEntry{0, clock_->Now(), ActorOf(by), by.source.empty() ? "unknown" : by.source,
                                        std::string(action), std::string(object), std::string(detail)});
}

Result<int64_t> Accounts::OtherOwners(int64_t member_id) { return store_->CountOwnersExcept(member_id); }

Result<Member> Accounts::AddMember(std::string_view typed_email, Role role, std::string_view password,
                                   const ChangedBy& by) {
  LL_ASSIGN_OR_RETURN(std::string email, NormalizeMemberEmail(typed_email));
  LL_RETURN_IF_ERROR(accounts::CheckPassword(password));
  LL_ASSIGN_OR_RETURN(std::string hash, accounts::HashPassword(password));
  Member member{0, email, role, clock_->Now(), ActorOf(by), clock_->Now()};
  LL_RETURN_IF_ERROR(store_->InTransaction([&]() -> Status {
    LL_ASSIGN_OR_RETURN(std::optional<StoredMember> existing, store_->FindMember(email));
    if (existing)
      return AlreadyExists(fmt::format("{} is already a member (role {})", email, RoleName(existing->member.role)));
    LL_ASSIGN_OR_RETURN(member.id, store_->InsertMember(member, hash));
    return Audit(by, "member.add", email, fmt::format("role {}", RoleName(role)));
  }));
  return member;
}

Result<std::vector<Member>> Accounts::Members() { return store_->LoadMembers(); }

Result<Member> Accounts::FindMember(std::string_view typed_email) {
  LL_ASSIGN_OR_RETURN(std::string email, NormalizeMemberEmail(typed_email));
  LL_ASSIGN_OR_RETURN(StoredMember found, Require(store_->FindMember(email), email));
  return found.member;
}

Status Accounts::RemoveMember(std::string_view typed_email, const ChangedBy& by) {
  LL_ASSIGN_OR_RETURN(std::string email, NormalizeMemberEmail(typed_email));
  return store_->InTransaction([&]() -> Status {
    LL_ASSIGN_OR_RETURN(StoredMember found, Require(store_->FindMember(email), email));
    LL_RETURN_IF_ERROR(KeepAnOwner(found.member, [&] { return OtherOwners(found.member.id); }));
    LL_RETURN_IF_ERROR(store_->DeleteMember(found.member.id));
    return Audit(by, "member.remove", email, fmt::format("role {}", RoleName(found.member.role)));
  });
}

Result<Member> Accounts::SetRole(std::string_view typed_email, Role role, const ChangedBy& by) {
  LL_ASSIGN_OR_RETURN(std::string email, NormalizeMemberEmail(typed_email));
  Member changed;
  LL_RETURN_IF_ERROR(store_->InTransaction([&]() -> Status {
    LL_ASSIGN_OR_RETURN(StoredMember found, Require(store_->FindMember(email), email));
    changed = found.member;
    if (found.member.role == role) return Status::Ok();
    LL_RETURN_IF_ERROR(KeepAnOwner(found.member, [&] { return OtherOwners(found.member.id); }));
    LL_RETURN_IF_ERROR(store_->UpdateRole(found.member.id, role));
    changed.role = role;
    return Audit(by, "member.role", email, fmt::format("{} -> {}", RoleName(found.member.role), RoleName(role)));
  }));
  return changed;
}

Status Accounts::SetPassword(std::string_view typed_email, std::string_view password, const ChangedBy& by) {
  LL_ASSIGN_OR_RETURN(std::string email, NormalizeMemberEmail(typed_email));
  LL_RETURN_IF_ERROR(accounts::CheckPassword(password));
  LL_ASSIGN_OR_RETURN(std::string hash, accounts::HashPassword(password));
  return store_->InTransaction([&]() -> Status {
    LL_ASSIGN_OR_RETURN(StoredMember found, Require(store_->FindMember(email), email));
    LL_RETURN_IF_ERROR(store_->UpdatePassword(found.member.id, hash, clock_->Now()));
    return Audit(by, "member.password", email, "set");
  });
}

Result<Member> Accounts::Authenticate(std::string_view typed_email, std::string_view password) {
  Result<std::string> email = NormalizeMemberEmail(typed_email);
  std::optional<StoredMember> found;
  if (email.ok()) {
    LL_ASSIGN_OR_RETURN(found, store_->FindMember(*email));
  }
  if (!found) {
    accounts::VerifyNoPassword(password);
    return Unauthenticated(std::string(kWrongLogin));
  }
  if (password.size() > kMaxPasswordBytes || !accounts::VerifyPassword(found->password_hash, password))
    return Unauthenticated(std::string(kWrongLogin));
  return found->member;
}

Result<IssuedSecret> Accounts::IssuePasswordReset(std::string_view typed_email, const ChangedBy& by,
                                                  std::chrono::seconds validity) {
  LL_ASSIGN_OR_RETURN(std::string email, NormalizeMemberEmail(typed_email));
  IssuedSecret issued{accounts::NewSecret(kResetPrefix),
                      Timestamp{clock_->Now().micros + std::chrono::microseconds(validity).count()}};
  LL_RETURN_IF_ERROR(store_->InTransaction([&]() -> Status {
    LL_ASSIGN_OR_RETURN(StoredMember found, Require(store_->FindMember(email), email));
    LL_RETURN_IF_ERROR(store_->SaveReset(found.member.id, accounts::SecretDigest(issued.secret), issued.expires_at));
    return Audit(by, "member.reset-link", email, fmt::format("valid until {}", FormatRfc3339(issued.expires_at)));
  }));
  return issued;
}

Result<Member> Accounts::ResetPassword(std::string_view secret, std::string_view password, const ChangedBy& by) {
  LL_RETURN_IF_ERROR(accounts::CheckPassword(password));
  LL_ASSIGN_OR_RETURN(std::string hash, accounts::HashPassword(password));
  Member member;
  LL_RETURN_IF_ERROR(store_->InTransaction([&]() -> Status {
    LL_ASSIGN_OR_RETURN(std::optional<accounts::AccountStore::Reset> reset,
                        store_->FindReset(accounts::SecretDigest(secret)));
    if (!reset || reset->expires_at <= clock_->Now()) return Unauthenticated(std::string(kBadResetLink));
    LL_ASSIGN_OR_RETURN(std::optional<StoredMember> found, store_->FindMemberById(reset->member_id));
    if (!found) return Unauthenticated(std::string(kBadResetLink));
    member = found->member;
    LL_RETURN_IF_ERROR(store_->UpdatePassword(member.id, hash, clock_->Now()));
    return Audit(by, "member.password", member.email, "set with a reset link");
  }));
  return member;
}

Result<std::pair<ApiToken, IssuedSecret>> Accounts::CreateToken(std::string_view typed_email, std::string_view name,
                                                                const ChangedBy& by) {
  LL_ASSIGN_OR_RETURN(std::string email, NormalizeMemberEmail(typed_email));
  const std::string_view trimmed = ingest::TrimAscii(name);
  if (trimmed.empty() || trimmed.size() > 200)
    return InvalidArgument("a token needs a name of 1 to 200 bytes that says what it is for");
  ApiToken token{0, email, std::string(trimmed), clock_->Now(), ActorOf(by)};
  IssuedSecret issued{accounts::NewSecret(kTokenPrefix), Timestamp{}};
  LL_RETURN_IF_ERROR(store_->InTransaction([&]() -> Status {
    LL_ASSIGN_OR_RETURN(StoredMember found, Require(store_->FindMember(email), email));
    LL_ASSIGN_OR_RETURN(token.id, store_->InsertToken(found.member.id, token, accounts::SecretDigest(issued.secret)));
    return Audit(by, "token.create", email, fmt::format("token {} '{}'", token.id, token.name));
  }));
  return std::pair{token, issued};
}

Result<std::vector<ApiToken>> Accounts::Tokens() { return store_->LoadTokens(); }

Status Accounts::RevokeToken(int64_t id, const ChangedBy& by) {
  return store_->InTransaction([&]() -> Status {
    LL_ASSIGN_OR_RETURN(std::vector<ApiToken> tokens, store_->LoadTokens());
    const auto token = std::find_if(tokens.begin(), tokens.end(), [&](const ApiToken& t) { return t.id == id; });
    if (token == tokens.end()) return NotFound(fmt::format("no API token has id {}", id));
    LL_RETURN_IF_ERROR(store_->DeleteToken(id));
    return Audit(by, "token.revoke", token->email, fmt::format("token {} '{}'", token->id, token->name));
  });
}

Result<Member> Accounts::AuthenticateToken(std::string_view secret) {
  constexpr std::string_view kBadToken = "unknown or revoked API token";
  if (secret.substr(0, kTokenPrefix.size()) != kTokenPrefix) return Unauthenticated(std::string(kBadToken));
  LL_ASSIGN_OR_RETURN(std::optional<int64_t> member_id, store_->FindTokenMember(accounts::SecretDigest(secret)));
  if (!member_id) return Unauthenticated(std::string(kBadToken));
  LL_ASSIGN_OR_RETURN(std::optional<StoredMember> found, store_->FindMemberById(*member_id));
  if (!found) return Unauthenticated(std::string(kBadToken));
  return found->member;
}

Result<std::vector<AuditEntry>> Accounts::AuditLog(size_t limit) { return store_->LoadAudit(limit); }

}  // namespace learnloop
