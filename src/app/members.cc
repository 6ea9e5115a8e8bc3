#include "learnloop/app/members.h"

namespace learnloop::app {

ChangedBy ChangedByOf(const Caller& caller) { return ChangedBy{caller.actor, caller.source}; }

Result<Member> AddMember(Workspace& ws, const Caller& caller, const NewMember& request) {
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  return accounts.AddMember(request.email, request.role, request.password, ChangedByOf(caller));
}

Result<MemberList> ListMembers(Workspace& ws) {
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  LL_ASSIGN_OR_RETURN(std::vector<Member> members, accounts.Members());
  return MemberList{std::move(members)};
}

Status RemoveMember(Workspace& ws, const Caller& caller, const std::string& email) {
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  return accounts.RemoveMember(email, ChangedByOf(caller));
}

Result<Member> SetMemberRole(Workspace& ws, const Caller& caller, const std::string& email, Role role) {
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  return accounts.SetRole(email, role, ChangedByOf(caller));
}

Result<PasswordReset> ResetMemberPassword(Workspace& ws, const Caller& caller, const std::string& email,
                                          const std::optional<std::string>& password, const std::string& base_url) {
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  LL_ASSIGN_OR_RETURN(Member member, accounts.FindMember(email));
  PasswordReset reset{member.email, std::nullopt, Timestamp{}};
  if (password) {
    LL_RETURN_IF_ERROR(accounts.SetPassword(member.email, *password, ChangedByOf(caller)));
    return reset;
  }
  if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0)
    return InvalidArgument("--base-url '" + base_url + "': expected http:// or https:// and the app's address");
  LL_ASSIGN_OR_RETURN(IssuedSecret issued, accounts.IssuePasswordReset(member.email, ChangedByOf(caller)));
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  reset.link = base + "/reset#" + issued.secret;
  reset.expires_at = issued.expires_at;
  return reset;
}

Result<CreatedToken> CreateApiToken(Workspace& ws, const Caller& caller, const std::string& email,
                                    const std::string& name) {
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  LL_ASSIGN_OR_RETURN(auto made, accounts.CreateToken(email, name, ChangedByOf(caller)));
  return CreatedToken{std::move(made.first), std::move(made.second.secret)};
}

Result<TokenList> ListApiTokens(Workspace& ws) {
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  LL_ASSIGN_OR_RETURN(std::vector<ApiToken> tokens, accounts.Tokens());
  return TokenList{std::move(tokens)};
}

Status RevokeApiToken(Workspace& ws, const Caller& caller, int64_t id) {
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  return accounts.RevokeToken(id, ChangedByOf(caller));
}

Result<AuditLog> ReadAuditLog(Workspace& ws, int limit) {
  if (limit < 1) return InvalidArgument("--limit must be at least 1");
  LL_ASSIGN_OR_RETURN(Accounts accounts, ws.OpenAccounts());
  LL_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, accounts.AuditLog(static_cast<size_t>(limit)));
  return AuditLog{std::move(entries)};
}

}  // namespace learnloop::app
