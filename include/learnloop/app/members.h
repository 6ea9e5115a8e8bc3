// The members of a workspace, their API tokens and the audit log, for the
// `user`, `token` and `audit` commands and the server's settings pages.
// Changes are recorded as the caller, from the caller's source. Secrets
// are in the results only where one was just made (a token, a reset link).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "learnloop/accounts.h"
#include "learnloop/app/caller.h"
#include "learnloop/json.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

struct NewMember {
  std::string email;
  Role role = Role::kViewer;
  std::string password;
};
// See Accounts::AddMember.
Result<Member> AddMember(Workspace& ws, const Caller& caller, const NewMember& request);

struct MemberList {
  std::vector<Member> members;  // by email
};
Result<MemberList> ListMembers(Workspace& ws);

// See Accounts::RemoveMember: the last owner stays.
Status RemoveMember(Workspace& ws, const Caller& caller, const std::string& email);
// See Accounts::SetRole.
Result<Member> SetMemberRole(Workspace& ws, const Caller& caller, const std::string& email, Role role);

// A password set directly, or a one-time link for the member to set it.
struct PasswordReset {
  std::string email;
  std::optional<std::string> link;  // base_url + "/reset#" + the key
  Timestamp expires_at;             // of the link
};
// With `password`, sets it; else issues a reset link on `base_url` (the
// key rides in the fragment, so no server log or Referer holds it).
Result<PasswordReset> ResetMemberPassword(Workspace& ws, const Caller& caller, const std::string& email,
                                          const std::optional<std::string>& password, const std::string& base_url);

struct CreatedToken {
  ApiToken token;
  std::string secret;  // shown this once
};
Result<CreatedToken> CreateApiToken(Workspace& ws, const Caller& caller, const std::string& email,
                                    const std::string& name);
struct TokenList {
  std::vector<ApiToken> tokens;  // oldest first
};
Result<TokenList> ListApiTokens(Workspace& ws);
Status RevokeApiToken(Workspace& ws, const Caller& caller, int64_t id);

struct AuditLog {
  std::vector<AuditEntry> entries;  // newest first
};
// The newest `limit` entries; InvalidArgument for a limit below 1.
Result<AuditLog> ReadAuditLog(Workspace& ws, int limit);

// The ChangedBy of a caller.
ChangedBy ChangedByOf(const Caller& caller);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const Member& member);
Json ToJson(const app::MemberList& list);
Json ToJson(const ApiToken& token);
Json ToJson(const AuditEntry& entry);
Json ToJson(const app::PasswordReset& reset);
Json ToJson(const app::CreatedToken& created);
Json ToJson(const app::TokenList& list);
Json ToJson(const app::AuditLog& log);

}  // namespace learnloop::json
