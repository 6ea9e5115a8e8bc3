// Where Accounts keeps members, tokens, reset links and the audit log. Each
// method is one statement; InTransaction makes several one change. Secrets
// arrive here hashed only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/accounts.h"
#include "learnloop/status.h"
#include "store/store.h"

namespace learnloop::accounts {

struct StoredMember {
  Member member;
  std::string password_hash;  // libsodium's crypto_pwhash_str form
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Runs `body` in one write transaction: all of its changes or none.
  virtual Status InTransaction(const std::function<Status()>& body) = 0;

  // nullopt when no member has this (normalized) email.
  virtual Result<std::optional<StoredMember>> FindMember(std::string_view email) = 0;
  virtual Result<std::optional<StoredMember>> FindMemberById(int64_t id) = 0;
  // By email.
  virtual Result<std::vector<Member>> LoadMembers() = 0;
  // The new member's id; AlreadyExists when the email is taken.
  virtual Result<int64_t> InsertMember(const Member& member, std::string_view password_hash) = 0;
  virtual Status UpdateRole(int64_t member_id, Role role) = 0;
  // Also deletes the member's reset links.
  virtual Status UpdatePassword(int64_t member_id, std::string_view password_hash, Timestamp at) = 0;
  // With the member's tokens and reset links.
  virtual Status DeleteMember(int64_t member_id) = 0;
  virtual Result<int64_t> CountOwnersExcept(int64_t member_id) = 0;

  // Replaces the member's reset link, if any.
  virtual Status SaveReset(int64_t member_id, std::string_view secret_hash, Timestamp expires_at) = 0;
  struct Reset {
    int64_t member_id = 0;
    Timestamp expires_at;
  };
  virtual Result<std::optional<Reset>> FindReset(std::string_view secret_hash) = 0;

  virtual Result<int64_t> InsertToken(int64_t member_id, const ApiToken& token, std::string_view secret_hash) = 0;
  // Oldest first.
  virtual Result<std::vector<ApiToken>> LoadTokens() = 0;
  // False when no token has this id.
  virtual Result<bool> DeleteToken(int64_t token_id) = 0;
  // The member id a token acts as.
  virtual Result<std::optional<int64_t>> FindTokenMember(std::string_view secret_hash) = 0;

  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // Newest first.
  virtual Result<std::vector<AuditEntry>> LoadAudit(size_t limit) = 0;
};

// The account tables of a SQLite workspace store, on its own connection.
Result<std::unique_ptr<AccountStore>> MakeSqliteAccountStore(std::shared_ptr<store::Store> store);

}  // namespace learnloop::accounts
