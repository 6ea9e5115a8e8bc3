// AccountStore on the workspace's SQLite file, on the store's own
// connection (foreign keys on, the store's busy timeout), for org 1.
#include <fmt/format.h>

#include "accounts/account_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"

namespace learnloop::accounts {
namespace {

using store::sqlite::Connection;
using store::sqlite::Statement;

constexpr int64_t kOrgId = 1;
constexpr std::string_view kMemberColumns =
    "id, email, role, added_at, added_by, password_set_at, password_hash FROM members WHERE org_id = 1";

std::string Text(const Statement& s, int column) { return std::string(s.ColumnText(column)); }

Result<StoredMember> ReadMember(const Statement& s) {
  StoredMember m;
  m.member.id = s.ColumnInt(0);
  m.member.email = Text(s, 1);
  LL_ASSIGN_OR_RETURN(m.member.role, ParseRole(s.ColumnText(2)));
  m.member.added_at = Timestamp{s.ColumnInt(3)};
  m.member.added_by = Text(s, 4);
  m.member.password_set_at = Timestamp{s.ColumnInt(5)};
  m.password_hash = Text(s, 6);
  return m;
}

// The first row of `s` read by `read`, or nullopt when it has none.
template <typename T, typename Read>
Result<std::optional<T>> ReadOne(Statement& s, Read read) {
  LL_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<T>();
  Result<T> value = read(s);
  s.Reset();
  LL_RETURN_IF_ERROR(value);
  return std::optional<T>(std::move(*value));
}

class SqliteAccountStore final : public AccountStore {
 public:
  SqliteAccountStore(std::shared_ptr<store::Store> owner, Connection& db) : owner_(std::move(owner)), db_(db) {}

  Status InTransaction(const std::function<Status()>& body) override {
    LL_ASSIGN_OR_RETURN(auto transaction, store::sqlite::Transaction::BeginImmediate(db_));
    LL_RETURN_IF_ERROR(body());
    return transaction.Commit();
  }

  Result<std::optional<StoredMember>> FindMember(std::string_view email) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_, fmt::format("SELECT {} AND email = ?", kMemberColumns)));
    s.Bind(1, email);
    return ReadOne<StoredMember>(s, ReadMember);
  }

  Result<std::optional<StoredMember>> FindMemberById(int64_t id) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_, fmt::format("SELECT {} AND id = ?", kMemberColumns)));
    s.Bind(1, id);
    return ReadOne<StoredMember>(s, ReadMember);
  }

  Result<std::vector<Member>> LoadMembers() override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_, fmt::format("SELECT {} ORDER BY email", kMemberColumns)));
    std::vector<Member> members;
    LL_RETURN_IF_ERROR(s.ForEachRow([&](const Statement& row) -> Status {
      LL_ASSIGN_OR_RETURN(StoredMember m, ReadMember(row));
      members.push_back(std::move(m.member));
      return Status::Ok();
    }));
    return members;
  }

  Result<int64_t> InsertMember(const Member& m, std::string_view password_hash) override {
    LL_ASSIGN_OR_RETURN(Statement s,
                        Statement::Prepare(db_,
                                           "INSERT INTO members (org_id, email, role, password_hash, "
                                           "added_at, added_by, password_set_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    s.Bind(1, kOrgId);
    s.Bind(2, m.email);
    s.Bind(3, RoleName(m.role));
    s.Bind(4, password_hash);
    s.Bind(5, m.added_at.micros);
    s.Bind(6, m.added_by);
    s.Bind(7, m.password_set_at.micros);
    LL_RETURN_IF_ERROR(s.Run());
    return db_.LastInsertId();
  }

  Status UpdateRole(int64_t member_id, Role role) override {
    LL_ASSIGN_OR_RETURN(Statement s,
                        Statement::Prepare(db_, "UPDATE members SET role = ? WHERE org_id = 1 AND id = ?"));
    s.Bind(1, RoleName(role));
    s.Bind(2, member_id);
    return s.Run();
  }

  Status UpdatePassword(int64_t member_id, std::string_view password_hash, Timestamp at) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                        "UPDATE members SET password_hash = ?, password_set_at = ? "
                                                        "WHERE org_id = 1 AND id = ?"));
    s.Bind(1, password_hash);
    s.Bind(2, at.micros);
    s.Bind(3, member_id);
    LL_RETURN_IF_ERROR(s.Run());
    return DeleteWhereMember("password_resets", member_id);
  }

  Status DeleteMember(int64_t member_id) override {
    // Foreign keys cascade to the member's tokens and reset link.
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_, "DELETE FROM members WHERE org_id = 1 AND id = ?"));
    s.Bind(1, member_id);
    return s.Run();
  }

  Result<int64_t> CountOwnersExcept(int64_t member_id) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                        "SELECT count(*) FROM members WHERE org_id = 1 AND "
                                                        "role = 'owner' AND id <> ?"));
    s.Bind(1, member_id);
    LL_ASSIGN_OR_RETURN(std::optional<int64_t> count,
                        ReadOne<int64_t>(s, [](const Statement& row) -> Result<int64_t> { return row.ColumnInt(0); }));
    return count.value_or(0);
  }

  Status SaveReset(int64_t member_id, std::string_view secret_digest, Timestamp expires_at) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                        "INSERT OR REPLACE INTO password_resets (member_id, "
                                                        "secret_digest, expires_at) VALUES (?, ?, ?)"));
    s.Bind(1, member_id);
    s.Bind(2, secret_digest);
    s.Bind(3, expires_at.micros);
    return s.Run();
  }

  Result<std::optional<Reset>> FindReset(std::string_view secret_digest) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                        "SELECT member_id, expires_at FROM password_resets "
                                                        "WHERE secret_digest = ?"));
    s.Bind(1, secret_digest);
    return ReadOne<Reset>(s, [](const Statement& row) -> Result<Reset> {
      return Reset{row.ColumnInt(0), Timestamp{row.ColumnInt(1)}};
    });
  }

  Result<int64_t> InsertToken(int64_t member_id, const ApiToken& token, std::string_view secret_digest) override {
    LL_ASSIGN_OR_RETURN(Statement s,
                        Statement::Prepare(db_,
                                           "INSERT INTO api_tokens (org_id, member_id, name, "
                                           "secret_digest, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)"));
    s.Bind(1, kOrgId);
    s.Bind(2, member_id);
    s.Bind(3, token.name);
    s.Bind(4, secret_digest);
    s.Bind(5, token.created_at.micros);
    s.Bind(6, token.created_by);
    LL_RETURN_IF_ERROR(s.Run());
    return db_.LastInsertId();
  }

  Result<std::vector<ApiToken>> LoadTokens() override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                        "SELECT t.id, m.email, t.name, t.created_at, t.created_by "
                                                        "FROM api_tokens t JOIN members m ON m.id = t.member_id "
                                                        "WHERE t.org_id = 1 ORDER BY t.id"));
    std::vector<ApiToken> tokens;
    LL_RETURN_IF_ERROR(s.ForEachRow([&](const Statement& row) -> Status {
      tokens.push_back(
          ApiToken{row.ColumnInt(0), Text(row, 1), Text(row, 2), Timestamp{row.ColumnInt(3)}, Text(row, 4)});
      return Status::Ok();
    }));
    return tokens;
  }

  Result<bool> DeleteToken(int64_t token_id) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_, "DELETE FROM api_tokens WHERE org_id = 1 AND id = ?"));
    s.Bind(1, token_id);
    LL_RETURN_IF_ERROR(s.Run());
    return db_.Changes() > 0;
  }

  Result<std::optional<int64_t>> FindTokenMember(std::string_view secret_digest) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                        "SELECT member_id FROM api_tokens WHERE org_id = 1 AND "
                                                        "secret_digest = ?"));
    s.Bind(1, secret_digest);
    return ReadOne<int64_t>(s, [](const Statement& row) -> Result<int64_t> { return row.ColumnInt(0); });
  }

  Status AppendAudit(const AuditEntry& e) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                        "INSERT INTO audit_log (org_id, at, actor, source, action, "
                                                        "object, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    s.Bind(1, kOrgId);
    s.Bind(2, e.at.micros);
    s.Bind(3, e.actor);
    s.Bind(4, e.source);
    s.Bind(5, e.action);
    s.Bind(6, e.object);
    s.Bind(7, e.detail);
    return s.Run();
  }

  Result<std::vector<AuditEntry>> LoadAudit(size_t limit) override {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                        "SELECT id, at, actor, source, action, object, detail FROM "
                                                        "audit_log WHERE org_id = 1 ORDER BY id DESC LIMIT ?"));
    s.Bind(1, static_cast<int64_t>(limit));
    std::vector<AuditEntry> entries;
    LL_RETURN_IF_ERROR(s.ForEachRow([&](const Statement& row) -> Status {
      entries.push_back(AuditEntry{row.ColumnInt(0), Timestamp{row.ColumnInt(1)}, Text(row, 2), Text(row, 3),
                                   Text(row, 4), Text(row, 5), Text(row, 6)});
      return Status::Ok();
    }));
    return entries;
  }

 private:
  Status DeleteWhereMember(std::string_view table, int64_t member_id) {
    LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_, fmt::format("DELETE FROM {} WHERE member_id = ?", table)));
    s.Bind(1, member_id);
    return s.Run();
  }

  std::shared_ptr<store::Store> owner_;  // keeps db_ open
  Connection& db_;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> MakeSqliteAccountStore(std::shared_ptr<store::Store> store) {
  store::sqlite::Connection* db = store::SqliteConnectionOf(*store);
  if (db == nullptr) return FailedPrecondition("accounts need a SQLite workspace store");
  return std::unique_ptr<AccountStore>(std::make_unique<SqliteAccountStore>(std::move(store), *db));
}

}  // namespace learnloop::accounts
