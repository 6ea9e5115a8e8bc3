#include "learnloop/app/people.h"

#include <fmt/format.h>

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

// Cara gives by email and talks on Mastodon; the CRM knows her name, her
// Mastodon profile shows it. Nothing links the two.
constexpr char kCaraEvents[] =
    "ts,channel,person,kind,content,value,tags\n"
    "2024-05-05T10:00:00Z,actblue,cara.jones@example.org,donation,,25,\n"
    "2024-05-06T10:00:00Z,mastodon,@cara_jones@mastodon.social,comment,p1,,\n";
constexpr char kCaraNames[] =
    "person,first_name,last_name,display_name\n"
    "cara.jones@example.org,Cara,Jones,\n"
    "@cara_jones@mastodon.social,,,Cara Jones\n";

class SuggestTest : public AppTest {
 protected:
  Workspace OpenWithCara() {
    Workspace ws = Open();
    EXPECT_TRUE(ws.Import(Write("cara.csv", kCaraEvents), {}).ok());
    EXPECT_TRUE(ws.ImportPersonAttributes(Write("names.csv", kCaraNames), {}).ok());
    return ws;
  }
  int64_t Pairs(Workspace& ws) {
    auto report = SuggestLinks(ws, {});
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? report->found.pairs : -1;
  }
};

TEST_F(SuggestTest, NameAndUserNameSuggestAPairWithTheEvidence) {
  Workspace ws = OpenWithCara();
  auto report = SuggestLinks(ws, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["people"], 5);
  EXPECT_EQ(doc["pairs"], 1);
  EXPECT_EQ(doc["limit"], 50);
  const json::Json& s = doc["suggestions"][0];
  EXPECT_EQ(s["a"], "@cara_jones@mastodon.social");
  EXPECT_EQ(s["b"], "cara.jones@example.org");
  EXPECT_EQ(s["a_channels"], json::Json::parse(R"(["mastodon"])"));
  EXPECT_EQ(s["b_channels"], json::Json::parse(R"(["actblue"])"));
  EXPECT_EQ(s["strength"], "strong");
  EXPECT_EQ(s["score"], 5);
  EXPECT_EQ(s["reason"], "suggested: same name and user name");
  EXPECT_EQ(s["evidence"][0], json::Json::parse(R"({"kind":"same_name","a_value":"Cara Jones",
      "a_source":"@cara_jones@mastodon.social display_name","b_value":"Cara Jones",
      "b_source":"cara.jones@example.org first_name + last_name","people":2})"));
  EXPECT_EQ(s["evidence"][1]["kind"], "same_user_name");
  EXPECT_EQ(doc["too_common"], json::Json::array());
}

TEST_F(SuggestTest, NoSuggestionFromIdentitiesThatShareNothing) {
  Workspace ws = Open();
  EXPECT_EQ(Pairs(ws), 0) << "@ana, @ben and @cy have no names and no user names in common";
  // One identity with a name and a user name has no one to pair with.
  ASSERT_TRUE(
      ws.ImportPersonAttributes(Write("one.csv", "person,name\n@cara_jones@mastodon.social,Cara Jones\n"), {}).ok());
  EXPECT_EQ(Pairs(ws), 0);
}

TEST_F(SuggestTest, LinkedPairsAreNotSuggested) {
  Workspace ws = OpenWithCara();
  ASSERT_TRUE(ws.SetLink({"cara.jones@example.org", "@cara_jones@mastodon.social", true, "", "ana", "", ""}).ok());
  EXPECT_EQ(Pairs(ws), 0);
}

TEST_F(SuggestTest, AnUnlinkVetoesThePairForGood) {
  Workspace ws = OpenWithCara();
  ASSERT_TRUE(
      ws.SetLink({"cara.jones@example.org", "@cara_jones@mastodon.social", false, "two Caras", "ana", "", ""}).ok());
  EXPECT_EQ(Pairs(ws), 0);
  // Another identity of the same CRM person is kept apart with her.
  ASSERT_TRUE(ws.ImportPersonAttributes(
                    Write("crm.csv", "person,email,name\ncivicrm:7,cara.jones@example.org,Cara Jones\n"), {})
                  .ok());
  EXPECT_EQ(Pairs(ws), 0);
}

TEST_F(SuggestTest, ACommonNameIsCappedAndSaidSo) {
  Workspace ws = Open();
  std::string events = "ts,channel,person,kind,content,value,tags\n";
  std::string names = "person,name\n";
  for (int i = 0; i <= kMaxPeoplePerLinkKey; ++i) {
    const bool email = i % 2 == 0;
    const std::string person = email ? fmt::format("m{}@example.org", i) : fmt::format("@mg{}@mastodon.social", i);
    events += fmt::format("2024-05-0{}T10:00:00Z,{},{},like,p1,,\n", i + 1, email ? "newsletter" : "mastodon", person);
    names += person + ",Maria Garcia\n";
  }
  ASSERT_TRUE(ws.Import(Write("many.csv", events), {}).ok());
  ASSERT_TRUE(ws.ImportPersonAttributes(Write("many-names.csv", names), {}).ok());
  auto report = SuggestLinks(ws, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->found.pairs, 0);
  ASSERT_EQ(report->found.too_common.size(), 1u);
  EXPECT_EQ(report->found.too_common[0], (CommonLinkKey{"same_name", "Maria Garcia", kMaxPeoplePerLinkKey + 1}));
}

TEST_F(SuggestTest, TheLimitKeepsTheBestAndANegativeOneIsRefused) {
  Workspace ws = OpenWithCara();
  auto none = SuggestLinks(ws, {0});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->found.pairs, 1);
  EXPECT_TRUE(none->found.suggestions.empty());
  EXPECT_EQ(SuggestLinks(ws, {-1}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace learnloop::app
