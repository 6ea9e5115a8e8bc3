#include "learnloop/app/workspace.h"

#include <algorithm>
#include <sstream>

#include "app/test_workspace.h"

namespace learnloop::app {
namespace {

using WorkspaceOpsTest = AppTest;

TEST_F(WorkspaceOpsTest, CreateOnceOnly) {
  InitOptions options;
  options.time_zone = "Europe/Berlin";
  auto created = CreateWorkspace(dir_ / "new", options);
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(json::ToJson(*created).dump(),
            R"({"workspace":")" + (dir_ / "new").string() + R"(","time_zone":"Europe/Berlin","emails_hashed":false})");
  EXPECT_EQ(CreateWorkspace(dir_ / "new", {}).status().code(), StatusCode::kAlreadyExists);
  options.time_zone = "Mars/Olympus";
  auto zone = CreateWorkspace(dir_ / "other", options);
  EXPECT_FALSE(zone.ok());
  EXPECT_NE(zone.status().message().find("Mars/Olympus"), std::string::npos) << zone.status().message();
}

TEST_F(WorkspaceOpsTest, ShowSaysWhatTheWorkspaceHolds) {
  Workspace ws = Open();
  auto report = ShowWorkspace(ws);
  ASSERT_TRUE(report.ok()) << report.status().message();
  json::Json doc = json::ToJson(*report);
  EXPECT_EQ(doc["events"], 4);
  EXPECT_EQ(doc["people"], 3);
  EXPECT_EQ(doc["imports"], 1);
  EXPECT_EQ(doc["recent_imports"][0]["added"], 4);
  EXPECT_EQ(doc["recent_imports"][0]["finished_at"], "2024-05-10T12:00:00Z");
  EXPECT_EQ(doc["attributes"][1], json::Json::parse(R"({"attribute":"membership","people":3})"));
}

TEST_F(WorkspaceOpsTest, ImportStopsAtTheFirstBadFileAndKeepsTheOnesBefore) {
  Workspace ws = Open();
  const auto good = Write("good.csv",
                          "ts,channel,person,kind,content,value,tags\n"
                          "2024-05-05T10:00:00Z,mastodon,@dee,follow,,,\n");
  const auto bad = Write("bad.csv",
                         "ts,channel,person,kind,content,value,tags\n"
                         "2024-05-32T10:00:00Z,mastodon,@eve,follow,,,\n");
  auto done = ImportEvents(ws, {{good, bad, good}, {}});
  ASSERT_TRUE(done.ok()) << done.status().message();
  ASSERT_EQ(done->imports.size(), 1u);
  EXPECT_EQ(done->imports[0].added, 1);
  EXPECT_FALSE(done->failure.ok());
  EXPECT_NE(done->failure.message().find(bad.string() + " was not imported"), std::string::npos);
  json::Json doc = json::ToJson(*done);
  ASSERT_EQ(doc["imports"].size(), 1u);
  EXPECT_EQ(doc["imports"][0]["file"], good.string());
  EXPECT_EQ(doc["imports"][0]["rows"], 1);
  EXPECT_EQ(doc["imports"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(ShowWorkspace(ws)->info.events, 5);
}

TEST_F(WorkspaceOpsTest, ExportRequestsAreParsedAndWritten) {
  EXPECT_EQ(ParseExportRequest("people", "jsonl").status().message(),
            "person attributes are exported as CSV only; drop --format");
  EXPECT_EQ(ParseExportRequest("plans", "csv").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseExportRequest("events", "xml").status().code(), StatusCode::kInvalidArgument);
  Workspace ws = Open();
  std::ostringstream events;
  ASSERT_TRUE(ExportWorkspace(ws, *ParseExportRequest("events", "jsonl"), events).ok());
  const std::string lines = events.str();
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 4);
  std::ostringstream people;
  ASSERT_TRUE(ExportWorkspace(ws, *ParseExportRequest("people", "csv"), people).ok());
  EXPECT_EQ(people.str().substr(0, 39), "person,attribute,value\n@ana,city,Berlin");
}

}  // namespace
}  // namespace learnloop::app
