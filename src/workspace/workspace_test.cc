#include "learnloop/workspace.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

namespace learnloop {
namespace {
namespace fs = std::filesystem;

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ll-ws-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path WriteFile(const std::string& name, const std::string& text) {
    fs::create_directories(dir_ / "in");
    fs::path p = dir_ / "in" / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  std::string ExportCsv(Workspace& ws) {
    std::ostringstream out;
    EXPECT_TRUE(ws.Export(out, ExportFormat::kCsv).ok());
    return out.str();
  }

  fs::path dir_;
};

constexpr char kEvents[] =
    "ts,channel,person,kind,content,value,tags\n"
    "2024-03-01T10:00:00Z,mastodon,@ana,follow,,,\n"
    "2024-03-02T10:00:00Z,mastodon,@ana,comment,post-1,,a;b\n"
    "2024-03-02T12:00:00Z,mastodon,@ana,org_reply,post-1,,\n"
    "2024-03-03T10:00:00Z,crm,ben@example.org,donation,,25.5,\n";

TEST_F(WorkspaceTest, InitWritesDefaultLadderAndRefusesSecondInit) {
  auto ws = Workspace::Init(dir_ / "w", {"Europe/Berlin", "Org"});
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  EXPECT_TRUE(fs::exists(dir_ / "w" / kLadderFileName));
  EXPECT_EQ(ws->time_zone().name(), "Europe/Berlin");
  auto again = Workspace::Init(dir_ / "w", {});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto reopened = Workspace::Open(dir_ / "w");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->time_zone().name(), "Europe/Berlin");
  EXPECT_EQ(reopened->Info()->org_name, "Org");
}

// Time comes from the clock the front end passes in, never the system's.
TEST_F(WorkspaceTest, TodayAndImportTimesComeFromTheClock) {
  FixedClock clock(*ParseRfc3339("2031-02-03T23:30:00Z"));
  auto ws = Workspace::Init(dir_ / "w", {"Europe/Berlin", ""}, clock);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  EXPECT_EQ(FormatDate(ws->Today()), "2031-02-04") << "00:30 in Berlin";
  auto summary = ws->Import(WriteFile("e.csv", kEvents), {});
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->finished_at, "2031-02-03T23:30:00Z");
  auto loop = ws->OpenLoop("", std::nullopt);
  ASSERT_TRUE(loop.ok()) << loop.status().message();
  EXPECT_EQ(FormatDate(loop->options().today), "2031-02-04");
  EXPECT_EQ(loop->options().actor, "unknown");
  EXPECT_EQ(loop->options().now, clock.Now());
}

// The loop reads its rungs from the workspace's ladder.toml and its
// metric names from metrics.toml, and refuses a broken loop.toml.
TEST_F(WorkspaceTest, OpenLoopReadsTheWorkspaceFiles) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  EXPECT_TRUE(fs::exists(dir_ / "w" / kTacticsFileName)) << "init writes the tactics library";
  auto loop = ws->OpenLoop("ana", ParseDate("2024-05-01").value());
  ASSERT_TRUE(loop.ok()) << loop.status().message();
  EXPECT_EQ(loop->rung_names(), (std::vector<std::string>{"action", "relationship", "engagement", "network"}));
  Goal goal;
  goal.title = "More talk";
  goal.metric = "metric:no_such_metric";
  goal.target = 10;
  goal.start = loop->options().today;
  goal.deadline = goal.start + 30;
  EXPECT_NE(loop->AddGoal(goal).status().message().find("no_such_metric"), std::string::npos);
  goal.metric = "metric:engagements";
  EXPECT_TRUE(loop->AddGoal(goal).ok());
  std::ofstream(dir_ / "w" / kLoopConfigFileName) << "wip_limit = \"many\"\n";
  auto broken = Workspace::Open(dir_ / "w")->OpenLoop("ana");
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(broken.status().message().find(kLoopConfigFileName), std::string::npos) << broken.status().message();
}

TEST_F(WorkspaceTest, UnknownTimeZoneAndMissingWorkspace) {
  EXPECT_FALSE(Workspace::Init(dir_ / "w", {"Nowhere/Land", ""}).ok());
  auto missing = Workspace::Open(dir_ / "none");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("learnloop init"), std::string::npos);
}

TEST_F(WorkspaceTest, ImportIsIdempotentAndRecordsProvenance) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  fs::path file = WriteFile("events.csv", kEvents);
  auto first = ws->Import(file, {});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->rows, 4);
  EXPECT_EQ(first->added, 4);
  EXPECT_EQ(first->sha256.size(), 64u);
  auto second = ws->Import(file, {});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->added, 0);
  EXPECT_EQ(second->duplicates, 4);
  auto info = ws->Info();
  EXPECT_EQ(info->events, 4);
  EXPECT_EQ(info->people, 2);
  EXPECT_EQ(info->imports, 2);
}

TEST_F(WorkspaceTest, RowsRepeatedWithinAFileAreNotCalledAlreadyInTheWorkspace) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  const std::string header = "ts,channel,person,kind,content,value,tags\n";
  const std::string a = "2024-05-01T09:30:00Z,mastodon,@ana,like,post-1,,\n";
  const std::string b = "2024-05-01T09:31:00Z,mastodon,@bo,like,post-1,,\n";
  auto first = ws->Import(WriteFile("first.csv", header + a + a + a), {});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->rows, 3);
  EXPECT_EQ(first->added, 1);
  EXPECT_EQ(first->duplicates, 0);
  EXPECT_EQ(first->repeated, 2);
  auto second = ws->Import(WriteFile("second.csv", header + a + b + b), {});
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->added, 1);
  EXPECT_EQ(second->duplicates, 1);
  EXPECT_EQ(second->repeated, 1);
  auto info = ws->Info();
  ASSERT_TRUE(info.ok()) << info.status().message();
  ASSERT_EQ(info->recent_imports.size(), 2u);
  EXPECT_EQ(info->recent_imports[0].duplicates, 1);
  EXPECT_EQ(info->recent_imports[0].repeated, 1);
  EXPECT_EQ(info->recent_imports[1].repeated, 2);
}

TEST_F(WorkspaceTest, BadRowRejectsWholeFile) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE(ws->Import(WriteFile("good.csv", kEvents), {}).ok());
  std::string before = ExportCsv(*ws);
  std::string bad = std::string(kEvents) + "2024-03-04T10:00:00Z,mastodon,@cy,like,post-2,,\nnot-a-time,x,y,like,,,\n";
  auto r = ws->Import(WriteFile("bad.csv", bad), {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad.csv:7"), std::string::npos) << r.status().message();
  EXPECT_EQ(ExportCsv(*ws), before);
  EXPECT_EQ(ws->Info()->imports, 1);
}

TEST_F(WorkspaceTest, ExportReimportsByteForByte) {
  auto a = Workspace::Init(dir_ / "a", {});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->Import(WriteFile("e.csv", kEvents), {}).ok());
  std::string exported = ExportCsv(*a);
  auto b = Workspace::Init(dir_ / "b", {});
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(b->Import(WriteFile("exported.csv", exported), {}).ok());
  EXPECT_EQ(ExportCsv(*b), exported);
}

TEST_F(WorkspaceTest, LadderFromStoredEvents) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE(ws->Import(WriteFile("e.csv", kEvents), {}).ok());
  auto ladder = ws->LoadLadder();
  ASSERT_TRUE(ladder.ok()) << ladder.status().message();
  LadderSnapshot snap = ladder->CountsAsOf(*ParseDate("2024-03-31"));
  ASSERT_EQ(snap.rungs.size(), 4u);
  EXPECT_EQ(snap.rungs[0].name, "action");
  EXPECT_EQ(snap.rungs[0].people, 1);  // ben donated
  EXPECT_EQ(snap.rungs[2].name, "engagement");
  EXPECT_EQ(snap.rungs[2].people, 1);  // ana: one comment is not yet a relationship
}

// A server holds its Workspace open while the CLI (another Workspace on
// the same directory) imports: the next read sees the new events.
TEST_F(WorkspaceTest, LadderSeesAnotherWorkspaceObjectsImport) {
  auto server = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(server.ok());
  ASSERT_TRUE(server->Import(WriteFile("e.csv", kEvents), {}).ok());
  EXPECT_EQ(server->LoadLadder()->people(), 2);
  {
    auto cli = Workspace::Open(dir_ / "w");
    ASSERT_TRUE(cli.ok());
    ASSERT_TRUE(
        cli->Import(WriteFile("more.csv", "ts,channel,person,kind\n2024-03-05T10:00:00Z,mastodon,@cy,like\n"), {})
            .ok());
  }
  EXPECT_EQ(server->LoadLadder()->people(), 3);
}

TEST_F(WorkspaceTest, LadderSeesEventsImportedAfterAnEarlierLoad) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE(ws->Import(WriteFile("e.csv", kEvents), {}).ok());
  EXPECT_EQ(ws->LoadLadder()->people(), 2);
  ASSERT_TRUE(
      ws->Import(WriteFile("more.csv", "ts,channel,person,kind\n2024-03-05T10:00:00Z,mastodon,@cy,like\n"), {}).ok());
  EXPECT_EQ(ws->LoadLadder()->people(), 3);
  auto metrics = ws->LoadMetrics();
  ASSERT_TRUE(metrics.ok()) << metrics.status().message();
  auto day = *ParseDate("2024-03-05");
  EXPECT_EQ(*metrics->Series("engagements", day, day)->values[0], 1.0);
}

TEST_F(WorkspaceTest, SavedEngineIsReusedUntilEventsAreAdded) {
  const fs::path dir = dir_ / "w";
  ASSERT_TRUE(Workspace::Init(dir, {}).ok());
  {
    auto ws = Workspace::Open(dir);
    ASSERT_TRUE(ws->Import(WriteFile("e.csv", kEvents), {}).ok());
    EXPECT_FALSE(fs::exists(dir / kSnapshotFileName));
    EXPECT_EQ(ws->LoadLadder()->people(), 2);
    EXPECT_TRUE(fs::exists(dir / kSnapshotFileName));
  }
  const auto saved_at = fs::last_write_time(dir / kSnapshotFileName);
  {
    // Another process: the same events, read from the saved engine.
    auto ws = Workspace::Open(dir);
    EXPECT_EQ(ws->LoadLadder()->people(), 2);
    EXPECT_EQ(fs::last_write_time(dir / kSnapshotFileName), saved_at);
    // Re-importing the same file adds nothing and keeps the saved engine.
    ASSERT_EQ(ws->Import(WriteFile("e.csv", kEvents), {})->added, 0);
  }
  {
    auto ws = Workspace::Open(dir);
    ASSERT_TRUE(
        ws->Import(WriteFile("more.csv", "ts,channel,person,kind\n2024-03-05T10:00:00Z,mastodon,@cy,like\n"), {}).ok());
  }
  {
    auto ws = Workspace::Open(dir);
    EXPECT_EQ(ws->LoadLadder()->people(), 3) << "an import in another process makes the saved engine stale";
  }
  // A damaged file is rebuilt, not trusted.
  std::ofstream(dir / kSnapshotFileName, std::ios::binary | std::ios::trunc) << "LLsnap01 and then garbage";
  {
    auto ws = Workspace::Open(dir);
    EXPECT_EQ(ws->LoadLadder()->people(), 3);
    EXPECT_GT(fs::file_size(dir / kSnapshotFileName), 100u) << "saved again";
  }
}

// The saved engine is keyed by an id of the store's events that no other
// contents share: a restored backup with a new import, or a snapshot copied
// from another workspace, is rebuilt rather than trusted.
TEST_F(WorkspaceTest, ASavedEngineOfOtherContentsIsNeverTrusted) {
  const fs::path dir = dir_ / "w";
  const fs::path backup = dir_ / "backup.db";
  ASSERT_TRUE(Workspace::Init(dir, {}).ok());
  {
    auto ws = Workspace::Open(dir);
    ASSERT_TRUE(ws->Import(WriteFile("e.csv", kEvents), {}).ok());
  }
  fs::copy_file(dir / kStoreFileName, backup);
  {
    auto ws = Workspace::Open(dir);
    ASSERT_TRUE(
        ws->Import(WriteFile("gone.csv", "ts,channel,person,kind\n2024-03-05T10:00:00Z,mastodon,@gone,like\n"), {})
            .ok());
    EXPECT_EQ(ws->LoadLadder()->people(), 3) << "saves the engine with @gone";
  }
  fs::copy_file(backup, dir / kStoreFileName, fs::copy_options::overwrite_existing);
  {
    auto ws = Workspace::Open(dir);
    ASSERT_TRUE(
        ws->Import(WriteFile("new.csv", "ts,channel,person,kind\n2024-03-06T10:00:00Z,mastodon,@new,like\n"), {}).ok());
  }
  {
    auto ws = Workspace::Open(dir);
    auto ladder = ws->LoadLadder();
    ASSERT_TRUE(ladder.ok());
    EXPECT_EQ(ladder->people(), 3) << "@ana, ben and @new; @gone went with the restore";
    EXPECT_FALSE(ladder->Person("@gone", 20000).has_value());
    EXPECT_TRUE(ladder->Person("@new", 20000).has_value());
  }
  // A second workspace with as many imports takes none of this one's engine.
  const fs::path other = dir_ / "other";
  ASSERT_TRUE(Workspace::Init(other, {}).ok());
  {
    auto ws = Workspace::Open(other);
    ASSERT_TRUE(
        ws->Import(WriteFile("o1.csv", "ts,channel,person,kind\n2024-03-01T10:00:00Z,crm,x@y.org,open\n"), {}).ok());
    ASSERT_TRUE(
        ws->Import(WriteFile("o2.csv", "ts,channel,person,kind\n2024-03-02T10:00:00Z,crm,z@y.org,open\n"), {}).ok());
  }
  fs::copy_file(dir / kSnapshotFileName, other / kSnapshotFileName, fs::copy_options::overwrite_existing);
  auto ws = Workspace::Open(other);
  EXPECT_EQ(ws->LoadLadder()->people(), 2);
}

// Only init creates a store: a truncated learnloop.db is reported as
// damaged, not read as a new, empty workspace.
TEST_F(WorkspaceTest, ATruncatedStoreIsDamagedNotEmpty) {
  const fs::path dir = dir_ / "w";
  ASSERT_TRUE(Workspace::Init(dir, {}).ok());
  fs::resize_file(dir / kStoreFileName, 0);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto ws = Workspace::Open(dir);
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.status().code(), StatusCode::kCorrupt);
    EXPECT_NE(ws.status().message().find("damaged or not a learnloop workspace"), std::string::npos)
        << ws.status().message();
  }
  EXPECT_EQ(fs::file_size(dir / kStoreFileName), 0u) << "opening wrote nothing into it";
}

// Init never writes through a link someone left in the directory.
TEST_F(WorkspaceTest, InitLeavesLinksAndTheirTargetsAlone) {
  const fs::path dir = dir_ / "w";
  fs::create_directories(dir);
  fs::create_symlink(dir_ / "elsewhere.toml", dir / "tactics.toml");
  ASSERT_TRUE(Workspace::Init(dir, {}).ok());
  EXPECT_FALSE(fs::exists(dir_ / "elsewhere.toml"));
  EXPECT_TRUE(fs::is_symlink(dir / "tactics.toml"));
  EXPECT_TRUE(fs::is_regular_file(dir / kLadderFileName));
}

TEST_F(WorkspaceTest, BrokenLadderFileIsReportedByName) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  std::ofstream(dir_ / "w" / kLadderFileName) << "window_days = -1\n";
  auto ladder = ws->LoadLadder();
  ASSERT_FALSE(ladder.ok());
  EXPECT_NE(ladder.status().message().find("ladder.toml"), std::string::npos) << ladder.status().message();
}

TEST_F(WorkspaceTest, MetricsFromEventsAndObservations) {
  auto ws = Workspace::Init(dir_ / "w", {"Europe/Berlin", ""});
  ASSERT_TRUE(ws.ok());
  EXPECT_TRUE(fs::exists(dir_ / "w" / kMetricsFileName));
  ASSERT_TRUE(ws->Import(WriteFile("events.csv", kEvents), {}).ok());
  fs::path observations = WriteFile("obs.csv",
                                    "day,channel,content,metric,value\n"
                                    "2024-03-02,mastodon,post-1,reach,40\n"
                                    "2024-03-02T23:30:00Z,mastodon,post-1,reach,10\n");
  auto counts = ws->ImportObservations(observations);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->added, 2);
  std::ofstream(dir_ / "w" / kMetricsFileName, std::ios::app) << R"(
[[metric]]
name = "reach"
type = "observation"
observation = "reach"
)";
  auto metrics = ws->LoadMetrics();
  ASSERT_TRUE(metrics.ok()) << metrics.status().message();
  auto donations = metrics->Series("donation_amount", *ParseDate("2024-03-02"), *ParseDate("2024-03-03"));
  ASSERT_TRUE(donations.ok());
  EXPECT_EQ(donations->values, (std::vector<std::optional<double>>{0, 25.5}));
  // 23:30 UTC on Mar 2 is Mar 3 in Berlin.
  auto reach = metrics->Series("reach", *ParseDate("2024-03-02"), *ParseDate("2024-03-03"));
  ASSERT_TRUE(reach.ok());
  EXPECT_EQ(reach->values, (std::vector<std::optional<double>>{40, 10}));
}

TEST_F(WorkspaceTest, MetricsFallBackToDefaultsAndReportBadFiles) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  fs::remove(dir_ / "w" / kMetricsFileName);
  auto defaults = ws->LoadMetrics();
  ASSERT_TRUE(defaults.ok()) << defaults.status().message();
  EXPECT_EQ(defaults->List().front().name, "engagements");
  std::ofstream(dir_ / "w" / kMetricsFileName) << "[[metric]]\nname = \"x\"\ntype = \"count\"\nkind = [\"like\"]\n";
  auto bad = ws->LoadMetrics();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("metrics.toml:4: metric[1] 'x'.kind"), std::string::npos)
      << bad.status().message();
  auto missing = ws->ImportObservations(dir_ / "none.csv");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(WorkspaceTest, PersonAttributesFilterMetricsAndSummarize) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE(ws->Import(WriteFile("events.csv", kEvents), {}).ok());
  std::ofstream(dir_ / "w" / kMetricsFileName, std::ios::app) << R"(
[[metric]]
name = "member_events"
type = "count"
person = { tier = ["member"] }
)";
  // Before any attributes are stored the filter cannot match anyone: an error.
  auto early = ws->LoadMetrics();
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.status().message().find("'member_events'.person.tier: no person attributes are stored yet"),
            std::string::npos)
      << early.status().message();

  PersonAttributeImportOptions options;
  options.person_column = "email";
  auto done = ws->ImportPersonAttributes(
      WriteFile("crm.csv", "email,tier,city\n@ana,member,Berlin\nben@example.org,friend,Berlin\nzoe@x.org,member,\n"),
      options);
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->counts,
            (PersonAttributeCounts{.rows = 6, .people = 3, .people_with_events = 2, .added = 5, .unchanged = 1}));

  auto metrics = ws->LoadMetrics();
  ASSERT_TRUE(metrics.ok()) << metrics.status().message();
  auto series = metrics->Series("member_events", *ParseDate("2024-03-01"), *ParseDate("2024-03-03"));
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(series->values, (std::vector<std::optional<double>>{1, 2, 0}));  // @ana's 3 events, not ben's

  auto summary = ws->SummarizePersonAttributes();
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->size(), 2u);
  EXPECT_EQ((*summary)[0].attribute, "city");
  EXPECT_EQ((*summary)[0].people, 2);
  EXPECT_EQ((*summary)[1].attribute, "tier");
  EXPECT_EQ((*summary)[1].people, 3);
  EXPECT_EQ((*summary)[1].people_with_events, 2);
  ASSERT_EQ((*summary)[1].top_values.size(), 2u);
  EXPECT_EQ((*summary)[1].top_values[0].value, "member");
  EXPECT_EQ((*summary)[1].top_values[0].people, 2);

  // The ladder of a group: only @ana (a member with events; zoe has none).
  auto members = ws->LoadLadder({{"tier", {"member"}}});
  ASSERT_TRUE(members.ok()) << members.status().message();
  EXPECT_EQ(members->people(), 1);
  EXPECT_EQ(members->CountsAsOf(*ParseDate("2024-03-31")).rungs[2].people, 1);  // @ana at engagement
  auto berliners = ws->LoadLadder({{"city", {"Berlin"}}, {"tier", {"member", "friend"}}});
  ASSERT_TRUE(berliners.ok());
  EXPECT_EQ(berliners->people(), 2);
  auto typo = ws->LoadLadder({{"tier", {"Member"}}});
  EXPECT_EQ(typo.status().code(), StatusCode::kNotFound);
  EXPECT_NE(typo.status().message().find("no person has 'Member' as tier; stored values: friend, member"),
            std::string::npos)
      << typo.status().message();
  EXPECT_EQ(ws->LoadLadder({{"town", {"Berlin"}}}).status().code(), StatusCode::kNotFound);

  std::ostringstream exported;
  ASSERT_TRUE(ws->ExportPersonAttributes(exported).ok());
  EXPECT_EQ(exported.str(),
            "person,attribute,value\n@ana,city,Berlin\n@ana,tier,member\nben@example.org,city,Berlin\n"
            "ben@example.org,tier,friend\nzoe@x.org,tier,member\n");
}

// Records what long work reports.
class RecordingProgress final : public Progress {
 public:
  struct Report {
    std::string what;
    int64_t done;
    int64_t total;
  };
  void Update(std::string_view what, int64_t done, int64_t total) override {
    updates.push_back({std::string(what), done, total});
  }
  void Done() override { ++done_calls; }
  void Note(std::string_view message) override { notes.emplace_back(message); }
  std::vector<Report> updates;
  std::vector<std::string> notes;
  int done_calls = 0;
};

std::string ManyEvents(int n) {
  std::string csv = "ts,channel,person,kind,content,value,tags\n";
  for (int i = 0; i < n; ++i) csv += fmt::format("2024-03-01T10:00:00Z,mastodon,@p{},follow,,,\n", i);
  return csv;
}

TEST_F(WorkspaceTest, ImportAndTheFirstEngineLoadReportProgress) {
  auto ws = Workspace::Init(dir_ / "w", {});
  ASSERT_TRUE(ws.ok());
  RecordingProgress progress;
  ws->SetProgress(&progress);
  const fs::path file = WriteFile("many.csv", ManyEvents(3000));
  ASSERT_TRUE(ws->Import(file, {}).ok());
  ASSERT_EQ(progress.updates.size(), 2u);  // every 1,024 rows
  EXPECT_EQ(progress.updates[0].what, file.string() + ": rows read");
  EXPECT_EQ(progress.updates[0].done, 1024);
  EXPECT_EQ(progress.updates[1].done, 2048);
  EXPECT_EQ(progress.done_calls, 1);

  progress.updates.clear();
  ASSERT_TRUE(ws->LoadLadder().ok());
  ASSERT_EQ(progress.updates.size(), 2u);
  EXPECT_EQ(progress.updates[0].what, "events read into the engine");
  EXPECT_EQ(progress.updates[1].done, 2048);
  EXPECT_EQ(progress.done_calls, 2);

  // The engine is loaded: a second read has nothing to report.
  ASSERT_TRUE(ws->LoadMetrics().ok());
  EXPECT_EQ(progress.updates.size(), 2u);
  // A rejected file still ends its step.
  EXPECT_FALSE(
      ws->Import(WriteFile("bad.csv", "ts,channel,person,kind,content,value,tags\nnope,mastodon,@x,follow,,,\n"), {})
          .ok());
  EXPECT_EQ(progress.done_calls, 3);
  ws->SetProgress(nullptr);
  ASSERT_TRUE(ws->Import(file, {}).ok());
  EXPECT_EQ(progress.done_calls, 3);
}

}  // namespace
}  // namespace learnloop

namespace learnloop {
namespace {

// A kind in ladder.toml that no event has and learnloop does not know is
// most likely a typo; the user hears of it.
TEST_F(WorkspaceTest, ALadderKindNobodyKnowsIsNoted) {
  const fs::path dir = dir_ / "w";
  ASSERT_TRUE(Workspace::Init(dir, {}).ok());
  auto ws = Workspace::Open(dir);
  ASSERT_TRUE(ws->Import(WriteFile("e.csv", kEvents), {}).ok());
  RecordingProgress progress;
  ws->SetProgress(&progress);
  ASSERT_TRUE(ws->LoadLadder().ok());
  EXPECT_TRUE(progress.notes.empty()) << "the default rules name only known kinds: " << progress.notes.front();
  std::ifstream in(dir / kLadderFileName);
  std::string rules((std::istreambuf_iterator<char>(in)), {});
  const size_t at = rules.find("\"comment\"");
  ASSERT_NE(at, std::string::npos);
  rules.replace(at, 9, "\"comentt\"");
  std::ofstream(dir / kLadderFileName, std::ios::trunc) << rules;
  ASSERT_TRUE(ws->LoadLadder().ok());
  ASSERT_EQ(progress.notes.size(), 1u);
  EXPECT_NE(progress.notes[0].find("names the kind 'comentt', which no event has"), std::string::npos)
      << progress.notes[0];
}

}  // namespace
}  // namespace learnloop

namespace learnloop {
namespace {

// @cara talks with the organization on Mastodon, and donates by email;
// the CRM row for contact 1432 says both are her.
constexpr char kCaraEvents[] =
    "ts,channel,person,kind,content,value,tags\n"
    "2024-03-01T10:00:00Z,mastodon,@cara@mastodon.social,follow,,,\n"
    "2024-03-02T10:00:00Z,mastodon,@cara@mastodon.social,comment,post-1,,\n"
    "2024-03-02T12:00:00Z,mastodon,@cara@mastodon.social,org_reply,post-1,,\n"
    "2024-03-10T10:00:00Z,actblue,cara@example.org,donation,gift-1,25,\n"
    "2024-03-11T10:00:00Z,mastodon,@dan@mastodon.social,like,post-1,,\n";
constexpr char kCaraCrm[] =
    "person,email,mastodon,city\n"
    "civicrm:1432,Cara@Example.org,https://mastodon.social/@cara,Berlin\n";

class LinkingTest : public WorkspaceTest {
 protected:
  Workspace Make() {
    auto ws = Workspace::Init(dir_ / "w", {}, clock_);
    EXPECT_TRUE(ws.ok()) << ws.status().message();
    EXPECT_TRUE(ws->Import(WriteFile("e.csv", kCaraEvents), {}).ok());
    return std::move(ws).value();
  }
  int64_t People(Workspace& ws) { return ws.LoadLadder()->people(); }
  FixedClock clock_{*ParseRfc3339("2024-04-01T09:00:00Z")};
};

TEST_F(LinkingTest, ACrmRowWithHerEmailAndHandleMakesHerOnePersonOnTheTopRung) {
  Workspace ws = Make();
  const Day as_of = *ParseDate("2024-03-31");
  EXPECT_EQ(People(ws), 3);
  ASSERT_TRUE(ws.ImportPersonAttributes(WriteFile("crm.csv", kCaraCrm), {}).ok());
  EXPECT_EQ(People(ws), 2);
  auto ladder = ws.LoadLadder();
  std::optional<PersonStory> cara = ladder->Person("cara@example.org", as_of);
  ASSERT_TRUE(cara.has_value());
  EXPECT_EQ(cara->events, 4);
  EXPECT_EQ(cara->channels, (std::vector<std::string>{"mastodon", "actblue"}));
  EXPECT_FALSE(ladder->Person("@cara@mastodon.social", as_of).has_value()) << "named by her email now";
  // The CRM's city reaches her linked person: a group of Berliners holds her.
  auto berlin = ws.LoadLadder({{"city", {"Berlin"}}});
  ASSERT_TRUE(berlin.ok()) << berlin.status().message();
  EXPECT_EQ(berlin->people(), 1);

  auto person = ws.PersonOf("@Cara@mastodon.social");
  ASSERT_TRUE(person.ok()) << person.status().message();
  EXPECT_EQ(person->person, "cara@example.org");
  ASSERT_EQ(person->identities.size(), 3u);
  EXPECT_EQ(person->identities[0].identity, "cara@example.org");
  EXPECT_EQ(person->identities[0].channels, std::vector<std::string>{"actblue"});
  EXPECT_EQ(person->identities[1].identity, "@cara@mastodon.social");
  EXPECT_EQ(person->identities[1].channels, std::vector<std::string>{"mastodon"});
  EXPECT_EQ(person->identities[2].identity, "civicrm:1432");
  ASSERT_EQ(person->identities[1].how.size(), 1u);
  EXPECT_EQ(person->identities[1].how[0], "with civicrm:1432: civicrm:1432's mastodon");
}

TEST_F(LinkingTest, ALinkIsKeptWithWhoWhenAndWhyAndAnUnlinkUndoesIt) {
  Workspace ws = Make();
  auto linked =
      ws.SetLink({"cara@example.org", "@CARA@mastodon.social", true, "same person at the march", "ana", "", ""});
  ASSERT_TRUE(linked.ok()) << linked.status().message();
  EXPECT_EQ(linked->a, "@cara@mastodon.social");
  EXPECT_EQ(linked->b, "cara@example.org");
  EXPECT_EQ(linked->source, "people link");
  EXPECT_EQ(linked->at, clock_.Now().micros);
  EXPECT_EQ(People(ws), 2);
  auto person = ws.PersonOf("cara@example.org");
  ASSERT_TRUE(person.ok());
  ASSERT_EQ(person->identities.size(), 2u);
  EXPECT_EQ(person->identities[0].how,
            std::vector<std::string>{
                "with @cara@mastodon.social: people link by ana on 2024-04-01 (same person at the march)"});

  // Another process sees the link.
  auto other = Workspace::Open(dir_ / "w", clock_);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(People(*other), 2);

  ASSERT_TRUE(ws.SetLink({"cara@example.org", "@cara@mastodon.social", false, "two Caras", "ben", "", ""}).ok());
  EXPECT_EQ(People(ws), 3);
  auto rules = ws.LinkRules();
  ASSERT_TRUE(rules.ok());
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_TRUE((*rules)[0].link);
  EXPECT_FALSE((*rules)[1].link);
  EXPECT_EQ((*rules)[1].actor, "ben");
  // The unlink holds against the CRM's keys too.
  ASSERT_TRUE(ws.ImportPersonAttributes(WriteFile("crm.csv", kCaraCrm), {}).ok());
  auto ladder = ws.LoadLadder();
  EXPECT_EQ(ladder->people(), 3);  // civicrm:1432 joins the email or the handle, never both
}

TEST_F(LinkingTest, LinksNameKnownIdentitiesAndTwoOfThem) {
  Workspace ws = Make();
  EXPECT_EQ(ws.SetLink({"cara@example.org", "nobody@example.org", true, "", "ana", "", ""}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ws.SetLink({"cara@example.org", " CARA@example.org", true, "", "ana", "", ""}).status().code(),
            StatusCode::kInvalidArgument);
  // A batch with one bad pair keeps none.
  EXPECT_FALSE(ws.SetLinks({{"cara@example.org", "@cara@mastodon.social", true, "", "ana", "", ""},
                            {"cara@example.org", "@zed@mastodon.social", true, "", "ana", "", ""}})
                   .ok());
  EXPECT_TRUE(ws.LinkRules()->empty());
  EXPECT_EQ(ws.PersonOf("@zed@x.social").status().code(), StatusCode::kNotFound);
}

TEST_F(LinkingTest, TheLinkedEngineIsSavedAndRebuiltWhenLinksOrKeysChange) {
  const fs::path w = dir_ / "w";
  const fs::path linked = w / kLinkedSnapshotFileName;
  {
    Workspace ws = Make();
    EXPECT_EQ(People(ws), 3);
    EXPECT_FALSE(fs::exists(linked)) << "nobody is linked yet";
    ASSERT_TRUE(ws.ImportPersonAttributes(WriteFile("crm.csv", kCaraCrm), {}).ok());
    EXPECT_EQ(People(ws), 2);
  }
  ASSERT_TRUE(fs::exists(linked));
  const auto saved_at = fs::last_write_time(linked);
  auto reopen = [&] {
    auto ws = Workspace::Open(w, clock_);
    EXPECT_TRUE(ws.ok()) << ws.status().message();
    return std::move(ws).value();
  };
  {
    Workspace ws = reopen();
    EXPECT_EQ(People(ws), 2);
    auto cara = ws.PersonOf("cara@example.org");
    ASSERT_TRUE(cara.ok());
    EXPECT_EQ(cara->identities[1].channels, std::vector<std::string>{"mastodon"}) << "each identity's own channels";
  }
  EXPECT_EQ(fs::last_write_time(linked), saved_at) << "read, not rebuilt";
  {
    Workspace ws = reopen();
    ASSERT_TRUE(ws.SetLink({"@dan@mastodon.social", "cara@example.org", true, "", "", "", ""}).ok());
  }
  auto people_reopened = [&] {
    Workspace ws = reopen();
    return People(ws);
  };
  EXPECT_EQ(people_reopened(), 1) << "a new link makes it stale";
  std::ofstream(w / kPeopleFileName, std::ios::binary) << "[link_keys]\nmastodon = []\n";
  EXPECT_EQ(people_reopened(), 2) << "so does an edit of the keys";
  {
    Workspace ws = reopen();
    ASSERT_TRUE(ws.SetLink({"@dan@mastodon.social", "cara@example.org", false, "", "", "", ""}).ok());
    EXPECT_EQ(People(ws), 3);
  }
  EXPECT_FALSE(fs::exists(linked)) << "with nobody linked it is gone";
}

TEST_F(LinkingTest, PeopleTomlNamesTheCrmsOwnColumnsAndAnEditIsSeenAtOnce) {
  Workspace ws = Make();
  const fs::path people_toml = dir_ / "w" / kPeopleFileName;
  EXPECT_TRUE(fs::exists(people_toml)) << "init writes the defaults, explained";
  auto write_people_toml = [&](const std::string& text) { std::ofstream(people_toml, std::ios::binary) << text; };
  ASSERT_TRUE(ws.ImportPersonAttributes(WriteFile("crm.csv",
                                                  "person,E-mail address,Mastodon handle\n"
                                                  "civicrm:1432,cara@example.org,@cara@mastodon.social\n"),
                                        {})
                  .ok());
  EXPECT_EQ(People(ws), 3) << "the default keys know neither column";
  write_people_toml("[link_keys]\nemail = [\"E-mail address\"]\nmastodon = [\"Mastodon handle\"]\n");
  EXPECT_EQ(People(ws), 2) << "the same open workspace sees the edit";
  auto person = ws.PersonOf("@cara@mastodon.social");
  ASSERT_TRUE(person.ok()) << person.status().message();
  EXPECT_EQ(person->person, "cara@example.org");
  EXPECT_EQ(person->identities.size(), 3u);
  // An empty list turns a kind off.
  write_people_toml("[link_keys]\nemail = [\"E-mail address\"]\nmastodon = []\n");
  EXPECT_EQ(People(ws), 3);
  // A broken file is an error naming it, not links quietly dropped.
  write_people_toml("[link_keys]\ninstagram = [\"ig\"]\n");
  auto broken = ws.LoadLadder();
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("people.toml:2: link_keys.instagram: unknown kind"), std::string::npos)
      << broken.status().message();
}

}  // namespace
}  // namespace learnloop

namespace learnloop {
namespace {

std::string ReadBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every byte the workspace keeps: the store with its WAL, the saved engine.
std::string StoredBytes(const fs::path& dir) {
  std::string bytes;
  for (const auto& name : {"learnloop.db", "learnloop.db-wal", "engine.snapshot"})
    if (fs::exists(dir / name)) bytes += ReadBytes(dir / name);
  return bytes;
}

class HashedEmailsTest : public LinkingTest {
 protected:
  Workspace MakeHashed() {
    InitOptions options;
    options.hash_emails = true;
    auto ws = Workspace::Init(dir_ / "w", options, clock_);
    EXPECT_TRUE(ws.ok()) << ws.status().message();
    EXPECT_TRUE(ws->Import(WriteFile("e.csv", kCaraEvents), {}).ok());
    EXPECT_TRUE(ws->ImportPersonAttributes(WriteFile("crm.csv", kCaraCrm), {}).ok());
    return std::move(ws).value();
  }
};

TEST_F(HashedEmailsTest, NoEmailIsStoredAsWrittenAndLinkingByEmailStillWorks) {
  Workspace ws = MakeHashed();
  EXPECT_EQ(People(ws), 2) << "the CRM row's hashed email meets the donation's hashed email";
  auto cara = ws.PersonOf(" Cara@Example.org");
  ASSERT_TRUE(cara.ok()) << cara.status().message();
  EXPECT_TRUE(cara->person.ends_with("@hashed.invalid")) << cara->person;
  EXPECT_EQ(cara->person.size(), 32 + std::string_view("@hashed.invalid").size());
  ASSERT_EQ(cara->identities.size(), 3u);
  EXPECT_EQ(cara->identities[0].identity, cara->person);
  EXPECT_EQ(cara->identities[0].channels, std::vector<std::string>{"actblue"});
  EXPECT_EQ(cara->identities[1].identity, "@cara@mastodon.social");
  EXPECT_EQ(cara->identities[2].identity, "civicrm:1432");
  auto attributes = ws.PersonAttributesOf("civicrm:1432");
  ASSERT_TRUE(attributes.ok());
  ASSERT_EQ(attributes->size(), 3u);
  EXPECT_EQ((*attributes)[0].attribute, "city");
  EXPECT_EQ((*attributes)[1].value, cara->person) << "the CRM's email column is hashed too";
  EXPECT_TRUE(ws.Info()->emails_hashed);
  ASSERT_TRUE(ws.LoadLadder().ok());  // saves engine.snapshot

  const std::string stored = StoredBytes(dir_ / "w");
  ASSERT_FALSE(stored.empty());
  EXPECT_EQ(stored.find("example.org"), std::string::npos);
  EXPECT_EQ(stored.find("Example.org"), std::string::npos);
  EXPECT_NE(stored.find("@cara@mastodon.social"), std::string::npos) << "handles are kept";
  EXPECT_EQ(ExportCsv(ws).find("example.org"), std::string::npos);
  EXPECT_EQ(fs::status(dir_ / "w" / kEmailKeyFileName).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);

  // The same files again add nothing: the same address gives the same hash.
  auto again = ws.Import(WriteFile("e.csv", kCaraEvents), {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->duplicates, 5);
  // So does an export imported back, its hashes taken as they are.
  auto exported = ws.Import(WriteFile("exported.csv", ExportCsv(ws)), {});
  ASSERT_TRUE(exported.ok()) << exported.status().message();
  EXPECT_EQ(exported->added, 0);
  // And a link typed by email.
  auto link = ws.SetLink({"cara@example.org", "@dan@mastodon.social", true, "", "", "", ""});
  ASSERT_TRUE(link.ok()) << link.status().message();
  EXPECT_EQ(People(ws), 1);
}

TEST_F(HashedEmailsTest, TheKeyIsNeededForEmailsOnlyAndMustBeTheWorkspacesOwn) {
  { MakeHashed(); }
  const fs::path key = dir_ / "w" / kEmailKeyFileName;
  const std::string own_key = ReadBytes(key);
  fs::remove(key);
  auto ws = Workspace::Open(dir_ / "w", clock_);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  EXPECT_EQ(People(*ws), 2) << "reading needs no key";
  EXPECT_TRUE(ws->PersonOf("@cara@mastodon.social").ok()) << "nor does a handle";
  auto by_email = ws->PersonOf("cara@example.org");
  ASSERT_FALSE(by_email.ok());
  EXPECT_EQ(by_email.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(by_email.status().message().find("email.key, which is missing"), std::string::npos)
      << by_email.status().message();
  auto import =
      ws->Import(WriteFile("more.csv", "ts,channel,person,kind\n2024-03-12T10:00:00Z,crm,eve@x.org,open\n"), {});
  ASSERT_FALSE(import.ok());
  EXPECT_NE(import.status().message().find("missing"), std::string::npos) << import.status().message();
  EXPECT_EQ(ws->Info()->events, 5) << "nothing was imported unhashed";

  // Another workspace's key would make hashes that match nothing stored.
  InitOptions options;
  options.hash_emails = true;
  ASSERT_TRUE(Workspace::Init(dir_ / "other", options, clock_).ok());
  fs::copy_file(dir_ / "other" / kEmailKeyFileName, key);
  auto wrong = Workspace::Open(dir_ / "w", clock_)->PersonOf("cara@example.org");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("another workspace's key"), std::string::npos) << wrong.status().message();
  fs::remove(key);
  std::ofstream(key, std::ios::binary) << "not a key\n";
  auto damaged = Workspace::Open(dir_ / "w", clock_)->PersonOf("cara@example.org");
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.status().message().find("damaged: expected 64 hexadecimal digits"), std::string::npos)
      << damaged.status().message();

  fs::remove(key);
  std::ofstream(key, std::ios::binary) << own_key;
  auto restored = Workspace::Open(dir_ / "w", clock_)->PersonOf("cara@example.org");
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  EXPECT_EQ(restored->identities.size(), 3u);
}

TEST_F(HashedEmailsTest, AWorkspaceWithoutTheOptionKeepsEmailsAsWritten) {
  Workspace ws = Make();
  EXPECT_FALSE(ws.Info()->emails_hashed);
  EXPECT_FALSE(fs::exists(dir_ / "w" / kEmailKeyFileName));
  EXPECT_NE(ExportCsv(ws).find("cara@example.org"), std::string::npos);
}

}  // namespace
}  // namespace learnloop
