#include "learnloop/app/people.h"

#include "app/test_workspace.h"

namespace learnloop::app {
namespace {

using PeopleTest = AppTest;

TEST_F(PeopleTest, ImportCountsTheValues) {
  Workspace ws = Open();
  const auto file = Write("crm.csv", "Email,membership\n@ana,member\n@dee,friend\n");
  auto done = ImportPeople(ws, {file, "Email"});
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->person_column, "Email");
  json::Json doc = json::ToJson(*done);
  EXPECT_EQ(doc["file"], file.string());
  EXPECT_EQ(doc["values"], 2);
  EXPECT_EQ(doc["people"], 2);
  EXPECT_EQ(doc["people_with_events"], 1);
  EXPECT_EQ(doc["added"], 1);
  EXPECT_EQ(doc["unchanged"], 1);
  auto wrong_column = ImportPeople(ws, {file, "person"});
  EXPECT_FALSE(wrong_column.ok());
  EXPECT_NE(wrong_column.status().message().find("was not imported"), std::string::npos);
}

TEST_F(PeopleTest, AttributesSummary) {
  Workspace ws = Open();
  auto list = SummarizeAttributes(ws);
  ASSERT_TRUE(list.ok()) << list.status().message();
  json::Json doc = json::ToJson(*list);
  ASSERT_EQ(doc["attributes"].size(), 2u);
  EXPECT_EQ(doc["attributes"][0]["attribute"], "city");
  EXPECT_EQ(doc["attributes"][0]["people"], 3);
  EXPECT_EQ(doc["attributes"][0]["top_values"][0], json::Json::parse(R"({"value":"Berlin","people":2})"));
}

TEST_F(PeopleTest, ShowTellsOnePersonsStory) {
  Workspace ws = Open();
  auto report = ShowPerson(ws, {"@ana", "2024-05-10"});
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_TRUE(report->story);
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["person"], "@ana");
  EXPECT_EQ(doc["attributes"]["membership"], "member");
  EXPECT_EQ(doc["rung"], "engagement");
  EXPECT_EQ(doc["first_seen"], "2024-05-01");
  EXPECT_EQ(doc["events"], 2);
  EXPECT_EQ(doc["kinds"]["comment"], 1);
  EXPECT_EQ(doc["stays"][0]["rung"], "network");
  // Before any event: the attributes only.
  auto early = ShowPerson(ws, {"@ana", "2024-04-01"});
  ASSERT_TRUE(early.ok());
  EXPECT_FALSE(early->story);
  EXPECT_FALSE(json::ToJson(*early).contains("rung"));
}

TEST_F(PeopleTest, UnknownPersonAndBadDay) {
  Workspace ws = Open();
  auto nobody = ShowPerson(ws, {"@zed", "today"});
  EXPECT_EQ(nobody.status().code(), StatusCode::kNotFound);
  EXPECT_NE(nobody.status().message().find("'@zed'"), std::string::npos);
  EXPECT_EQ(ShowPerson(ws, {"@ana", "someday"}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace learnloop::app
