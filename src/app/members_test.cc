#include "learnloop/app/members.h"

#include "app/test_workspace.h"

namespace learnloop::app {
namespace {

using MembersTest = AppTest;

const Caller kOwner{"ana", std::nullopt, "web 192.0.2.7"};

TEST_F(MembersTest, MembersAndTheirJsonHoldNoSecret) {
  Workspace ws = Open();
  ASSERT_TRUE(AddMember(ws, kOwner, {"Ana@Example.org", Role::kOwner, "a long passphrase"}).ok());
  auto list = ListMembers(ws);
  ASSERT_TRUE(list.ok());
  const json::Json doc = json::ToJson(*list);
  ASSERT_EQ(doc["members"].size(), 1u);
  EXPECT_EQ(doc["members"][0]["email"], "ana@example.org");
  EXPECT_EQ(doc["members"][0]["role"], "owner");
  EXPECT_EQ(doc["members"][0]["added_by"], "ana");
  EXPECT_EQ(doc.dump().find("passphrase"), std::string::npos);
  EXPECT_EQ(doc.dump().find("argon2"), std::string::npos);
}

TEST_F(MembersTest, AResetIsALinkWithItsKeyInTheFragmentOrAPasswordSet) {
  Workspace ws = Open();
  ASSERT_TRUE(AddMember(ws, kOwner, {"ana@example.org", Role::kOwner, "a long passphrase"}).ok());
  auto link = ResetMemberPassword(ws, kOwner, "ana@example.org", std::nullopt, "https://loop.example.org/");
  ASSERT_TRUE(link.ok()) << link.status().message();
  ASSERT_TRUE(link->link);
  EXPECT_EQ(link->link->rfind("https://loop.example.org/reset#llr_", 0), 0u);
  EXPECT_EQ(json::ToJson(*link)["password_set"], false);
  EXPECT_EQ(ResetMemberPassword(ws, kOwner, "ana@example.org", std::nullopt, "loop.example.org").status().code(),
            StatusCode::kInvalidArgument);
  auto set = ResetMemberPassword(ws, kOwner, "ana@example.org", std::string("another passphrase"), "");
  ASSERT_TRUE(set.ok());
  EXPECT_FALSE(set->link);
  EXPECT_EQ(json::ToJson(*set).dump(), R"({"email":"ana@example.org","password_set":true})");
  EXPECT_EQ(ResetMemberPassword(ws, kOwner, "zed@example.org", std::nullopt, "http://x").status().code(),
            StatusCode::kNotFound);
}

TEST_F(MembersTest, ATokenShowsItsSecretOnceAndTheAuditLogNamesTheSource) {
  Workspace ws = Open();
  ASSERT_TRUE(AddMember(ws, kOwner, {"ana@example.org", Role::kOwner, "a long passphrase"}).ok());
  auto created = CreateApiToken(ws, kOwner, "ana@example.org", "nightly import");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(json::ToJson(*created)["secret"], created->secret);
  auto tokens = ListApiTokens(ws);
  EXPECT_EQ(json::ToJson(*tokens).dump().find(created->secret), std::string::npos);
  EXPECT_EQ(json::ToJson(*tokens)["tokens"][0]["name"], "nightly import");
  ASSERT_TRUE(RevokeApiToken(ws, kOwner, created->token.id).ok());

  auto log = ReadAuditLog(ws, 10);
  ASSERT_TRUE(log.ok());
  const json::Json doc = json::ToJson(*log);
  ASSERT_EQ(doc["entries"].size(), 3u);
  EXPECT_EQ(doc["entries"][0]["action"], "token.revoke");
  EXPECT_EQ(doc["entries"][0]["source"], "web 192.0.2.7");
  EXPECT_EQ(doc["entries"][2]["action"], "member.add");
  EXPECT_EQ(doc.dump().find(created->secret), std::string::npos);
  EXPECT_EQ(ReadAuditLog(ws, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(MembersTest, RoleChangesKeepAnOwner) {
  Workspace ws = Open();
  ASSERT_TRUE(AddMember(ws, kOwner, {"ana@example.org", Role::kOwner, "a long passphrase"}).ok());
  ASSERT_TRUE(AddMember(ws, kOwner, {"ben@example.org", Role::kViewer, "a long passphrase"}).ok());
  EXPECT_EQ(SetMemberRole(ws, kOwner, "ana@example.org", Role::kEditor).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(SetMemberRole(ws, kOwner, "ben@example.org", Role::kEditor)->role, Role::kEditor);
  EXPECT_EQ(RemoveMember(ws, kOwner, "ana@example.org").code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(RemoveMember(ws, kOwner, "ben@example.org").ok());
  EXPECT_EQ(ListMembers(ws)->members.size(), 1u);
}

}  // namespace
}  // namespace learnloop::app
