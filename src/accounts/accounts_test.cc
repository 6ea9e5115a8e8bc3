#include "learnloop/accounts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "learnloop/workspace.h"

namespace learnloop {
namespace {
namespace fs = std::filesystem;

constexpr char kPassword[] = "correct horse battery";
const ChangedBy kCli{"ana", "cli"};

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ll-accounts-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto ws = Workspace::Init(dir_, {"Europe/Berlin", "Org"}, clock_);
    ASSERT_TRUE(ws.ok()) << ws.status().message();
    auto accounts = ws->OpenAccounts();
    ASSERT_TRUE(accounts.ok()) << accounts.status().message();
    accounts_ = std::make_unique<Accounts>(std::move(*accounts));
  }
  void TearDown() override {
    accounts_.reset();
    fs::remove_all(dir_);
  }

  std::string StoreBytes() const {
    std::string all;
    for (const char* name : {"learnloop.db", "learnloop.db-wal"}) {
      std::ifstream in(dir_ / name, std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
  }

  Member Add(const std::string& email, Role role) {
    auto added = accounts_->AddMember(email, role, kPassword, kCli);
    EXPECT_TRUE(added.ok()) << added.status().message();
    return added.ok() ? *added : Member{};
  }

  FixedClock clock_{Timestamp{1'700'000'000'000'000}};
  fs::path dir_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsTest, AddsMembersByNormalizedEmailAndListsThemByEmail) {
  Add("  Ben@Example.ORG ", Role::kEditor);
  Add("ana@example.org", Role::kOwner);
  auto members = accounts_->Members();
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[0].email, "ana@example.org");
  EXPECT_EQ((*members)[1].email, "ben@example.org");
  EXPECT_EQ((*members)[1].role, Role::kEditor);
  EXPECT_EQ((*members)[1].added_by, "ana");
  EXPECT_EQ((*members)[1].added_at, clock_.Now());
  EXPECT_EQ(accounts_->FindMember("BEN@example.org")->id, (*members)[1].id);
  EXPECT_EQ(accounts_->FindMember("cy@example.org").status().code(), StatusCode::kNotFound);
  auto again = accounts_->AddMember("ben@example.org", Role::kViewer, kPassword, kCli);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("ben@example.org is already a member (role editor)"), std::string::npos);
}

TEST_F(AccountsTest, StoresNoPasswordInTheClear) {
  Add("ana@example.org", Role::kOwner);
  EXPECT_EQ(StoreBytes().find(kPassword), std::string::npos);
  EXPECT_NE(StoreBytes().find("$argon2id$"), std::string::npos);
}

TEST_F(AccountsTest, RefusesBadEmailsAndPasswordsNamingTheProblem) {
  for (const char* email : {"", "ana", "@example.org", "ana@", "a@b@c", "an a@example.org", "ana\x01@example.org"}) {
    auto added = accounts_->AddMember(email, Role::kViewer, kPassword, kCli);
    EXPECT_EQ(added.status().code(), StatusCode::kInvalidArgument) << email;
    EXPECT_NE(added.status().message().find("not an email address"), std::string::npos) << email;
  }
  auto too_long = accounts_->AddMember(std::string(250, 'a') + "@example.org", Role::kViewer, kPassword, kCli);
  EXPECT_EQ(too_long.status().code(), StatusCode::kInvalidArgument);

  auto short_one = accounts_->AddMember("ana@example.org", Role::kOwner, "short", kCli);
  EXPECT_EQ(short_one.status().message(), "the password has 5 characters; expected at least 10");
  // Ten characters of two bytes each: counted as characters, not bytes.
  EXPECT_TRUE(accounts_->AddMember("ana@example.org", Role::kOwner, "ääääääääää", kCli).ok());
  EXPECT_EQ(accounts_->AddMember("b@example.org", Role::kOwner, "äääääääää", kCli).status().code(),
            StatusCode::kInvalidArgument);
  auto huge = accounts_->AddMember("c@example.org", Role::kOwner, std::string(kMaxPasswordBytes + 1, 'x'), kCli);
  EXPECT_NE(huge.status().message().find("longer than 1024 bytes"), std::string::npos);
  auto binary = accounts_->AddMember("d@example.org", Role::kOwner, "\xff\xfe password!", kCli);
  EXPECT_EQ(binary.status().message(), "the password is not valid UTF-8 text");
  EXPECT_EQ(accounts_->Members()->size(), 1u);
}

TEST_F(AccountsTest, AuthenticatesAndTellsNothingAboutWhoIsAMember) {
  const Member ana = Add("ana@example.org", Role::kOwner);
  auto ok = accounts_->Authenticate(" ANA@example.org", kPassword);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->id, ana.id);
  EXPECT_EQ(ok->role, Role::kOwner);
  auto wrong = accounts_->Authenticate("ana@example.org", "correct horse battery!");
  auto unknown = accounts_->Authenticate("zed@example.org", kPassword);
  auto not_email = accounts_->Authenticate("zed", kPassword);
  for (const auto* r : {&wrong, &unknown, &not_email}) {
    EXPECT_EQ(r->status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(r->status().message(), "wrong email or password");
  }
}

TEST_F(AccountsTest, KeepsTheLastOwner) {
  Add("ana@example.org", Role::kOwner);
  Add("ben@example.org", Role::kEditor);
  EXPECT_EQ(accounts_->RemoveMember("ana@example.org", kCli).code(), StatusCode::kFailedPrecondition);
  auto demote = accounts_->SetRole("ana@example.org", Role::kEditor, kCli);
  EXPECT_EQ(demote.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(demote.status().message().find("last owner"), std::string::npos);
  ASSERT_TRUE(accounts_->SetRole("ben@example.org", Role::kOwner, kCli).ok());
  EXPECT_EQ(accounts_->SetRole("ana@example.org", Role::kViewer, kCli)->role, Role::kViewer);
  EXPECT_TRUE(accounts_->RemoveMember("ana@example.org", kCli).ok());
  EXPECT_EQ(accounts_->RemoveMember("ana@example.org", kCli).code(), StatusCode::kNotFound);
  EXPECT_EQ(accounts_->SetRole("nobody@example.org", Role::kViewer, kCli).status().code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, ASetPasswordReplacesTheOldOne) {
  Add("ana@example.org", Role::kOwner);
  clock_.Set(Timestamp{clock_.Now().micros + 1'000'000});
  ASSERT_TRUE(accounts_->SetPassword("ana@example.org", "a new passphrase", kCli).ok());
  EXPECT_FALSE(accounts_->Authenticate("ana@example.org", kPassword).ok());
  auto now = accounts_->Authenticate("ana@example.org", "a new passphrase");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->password_set_at, clock_.Now());
  EXPECT_EQ(accounts_->SetPassword("ana@example.org", "tiny", kCli).code(), StatusCode::kInvalidArgument);
}

TEST_F(AccountsTest, AResetLinkWorksOnceAndOnlyUntilItExpires) {
  Add("ana@example.org", Role::kOwner);
  auto first = accounts_->IssuePasswordReset("ana@example.org", kCli);
  auto link = accounts_->IssuePasswordReset("ana@example.org", kCli);
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(link->secret.rfind("llr_", 0), 0u);
  EXPECT_EQ(link->expires_at.micros, clock_.Now().micros + 24LL * 3600 * 1'000'000);
  EXPECT_EQ(StoreBytes().find(link->secret), std::string::npos);
  // A new link voids the old one.
  EXPECT_EQ(accounts_->ResetPassword(first->secret, "first new password", kCli).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->ResetPassword(link->secret, "short", kCli).status().code(), StatusCode::kInvalidArgument);
  auto reset = accounts_->ResetPassword(link->secret, "a reset passphrase", {"ana", "web 192.0.2.7"});
  ASSERT_TRUE(reset.ok()) << reset.status().message();
  EXPECT_EQ(reset->email, "ana@example.org");
  EXPECT_TRUE(accounts_->Authenticate("ana@example.org", "a reset passphrase").ok());
  EXPECT_EQ(accounts_->ResetPassword(link->secret, "once more password", kCli).status().code(),
            StatusCode::kUnauthenticated);

  auto late = accounts_->IssuePasswordReset("ana@example.org", kCli, std::chrono::hours(1));
  clock_.Set(Timestamp{clock_.Now().micros + 3600LL * 1'000'000});
  auto expired = accounts_->ResetPassword(late->secret, "too late password", kCli);
  EXPECT_EQ(expired.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(expired.status().message().find("expired"), std::string::npos);
  EXPECT_EQ(accounts_->IssuePasswordReset("zed@example.org", kCli).status().code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, TokensActAsTheirMemberUntilRevokedOrTheMemberGoes) {
  Add("ana@example.org", Role::kOwner);
  Add("ben@example.org", Role::kViewer);
  auto made = accounts_->CreateToken("ben@example.org", " nightly import ", kCli);
  ASSERT_TRUE(made.ok()) << made.status().message();
  const auto& [token, secret] = *made;
  EXPECT_EQ(secret.secret.rfind("llt_", 0), 0u);
  EXPECT_EQ(secret.secret.size(), 4u + 43u);
  EXPECT_EQ(token.name, "nightly import");
  EXPECT_EQ(StoreBytes().find(secret.secret), std::string::npos);
  auto as = accounts_->AuthenticateToken(secret.secret);
  ASSERT_TRUE(as.ok());
  EXPECT_EQ(as->email, "ben@example.org");
  EXPECT_EQ(as->role, Role::kViewer);
  EXPECT_EQ(accounts_->AuthenticateToken(secret.secret + "x").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->AuthenticateToken("").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->CreateToken("ben@example.org", "  ", kCli).status().code(), StatusCode::kInvalidArgument);

  auto tokens = accounts_->Tokens();
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ((*tokens)[0].email, "ben@example.org");
  EXPECT_EQ(accounts_->RevokeToken(token.id + 100, kCli).code(), StatusCode::kNotFound);
  ASSERT_TRUE(accounts_->RevokeToken(token.id, kCli).ok());
  EXPECT_EQ(accounts_->AuthenticateToken(secret.secret).status().code(), StatusCode::kUnauthenticated);

  auto second = accounts_->CreateToken("ben@example.org", "dashboard", kCli);
  ASSERT_TRUE(accounts_->RemoveMember("ben@example.org", kCli).ok());
  EXPECT_EQ(accounts_->AuthenticateToken(second->second.secret).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(accounts_->Tokens()->empty());
}

TEST_F(AccountsTest, AuditsEveryChangeNewestFirstWithoutSecrets) {
  Add("ana@example.org", Role::kOwner);
  Add("ben@example.org", Role::kEditor);
  ASSERT_TRUE(accounts_->SetRole("ben@example.org", Role::kOwner, {"ana", "web 192.0.2.7"}).ok());
  auto token = accounts_->CreateToken("ben@example.org", "sync", kCli);
  auto link = accounts_->IssuePasswordReset("ben@example.org", kCli);
  ASSERT_TRUE(accounts_->SetPassword("ben@example.org", "another passphrase", {"", ""}).ok());
  // A refused change leaves no entry.
  EXPECT_FALSE(accounts_->AddMember("ben@example.org", Role::kViewer, kPassword, kCli).ok());

  auto log = accounts_->AuditLog(100);
  ASSERT_TRUE(log.ok());
  std::vector<std::string> actions;
  for (const AuditEntry& e : *log) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"member.password", "member.reset-link", "token.create", "member.role",
                                               "member.add", "member.add"}));
  EXPECT_EQ((*log)[0].actor, "unknown");
  EXPECT_EQ((*log)[0].source, "unknown");
  EXPECT_EQ((*log)[3].source, "web 192.0.2.7");
  EXPECT_EQ((*log)[3].detail, "editor -> owner");
  EXPECT_EQ((*log)[3].object, "ben@example.org");
  EXPECT_EQ((*log)[3].at, clock_.Now());
  for (const AuditEntry& e : *log) {
    for (const std::string* secret : {&token->second.secret, &link->secret}) {
      EXPECT_EQ(e.detail.find(*secret), std::string::npos);
    }
  }
  EXPECT_EQ(accounts_->AuditLog(2)->size(), 2u);
}

TEST_F(AccountsTest, ReadingWritesNothing) {
  Add("ana@example.org", Role::kOwner);
  auto token = accounts_->CreateToken("ana@example.org", "sync", kCli);
  const std::string before = StoreBytes();
  EXPECT_TRUE(accounts_->Members().ok());
  EXPECT_TRUE(accounts_->FindMember("ana@example.org").ok());
  EXPECT_TRUE(accounts_->Authenticate("ana@example.org", kPassword).ok());
  EXPECT_FALSE(accounts_->Authenticate("ana@example.org", "wrong password!").ok());
  EXPECT_TRUE(accounts_->AuthenticateToken(token->second.secret).ok());
  EXPECT_TRUE(accounts_->Tokens().ok());
  EXPECT_TRUE(accounts_->AuditLog(10).ok());
  EXPECT_EQ(StoreBytes(), before);
}

TEST_F(AccountsTest, MembersOutliveTheProcessThatAddedThem) {
  Add("ana@example.org", Role::kOwner);
  accounts_.reset();
  auto ws = Workspace::Open(dir_, clock_);
  ASSERT_TRUE(ws.ok());
  auto accounts = ws->OpenAccounts();
  ASSERT_TRUE(accounts.ok());
  EXPECT_TRUE(accounts->Authenticate("ana@example.org", kPassword).ok());
}

TEST(RoleTest, NamesParseAndOrder) {
  for (Role role : {Role::kViewer, Role::kEditor, Role::kOwner}) EXPECT_EQ(*ParseRole(RoleName(role)), role);
  EXPECT_EQ(ParseRole("admin").status().message(), "'admin' is not a role; expected viewer, editor or owner");
  EXPECT_TRUE(RoleAllows(Role::kOwner, Role::kEditor));
  EXPECT_TRUE(RoleAllows(Role::kEditor, Role::kEditor));
  EXPECT_FALSE(RoleAllows(Role::kViewer, Role::kEditor));
}

}  // namespace
}  // namespace learnloop
