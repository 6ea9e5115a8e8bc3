#include "learnloop/app/demo.h"

#include <sstream>

#include "app/test_workspace.h"
#include "learnloop/app/ladder.h"
#include "learnloop/app/loop.h"
#include "learnloop/app/plans.h"

namespace learnloop::app {
namespace {

class CountingProgress final : public Progress {
 public:
  void Update(std::string_view, int64_t done, int64_t total) override {
    last_done = done;
    last_total = total;
  }
  void Done() override { ++done_calls; }
  int64_t last_done = 0;
  int64_t last_total = 0;
  int done_calls = 0;
};

DemoRequest SmallDemo() {
  DemoRequest request;
  request.options.people = 60;
  request.options.days = 20;
  request.end = "2024-05-10";
  return request;
}

using DemoTest = AppTest;

TEST_F(DemoTest, CreatesAFilledWorkspace) {
  CountingProgress progress;
  auto demo = CreateDemoWorkspace(dir_ / "demo", SmallDemo(), progress);
  ASSERT_TRUE(demo.ok()) << demo.status().message();
  EXPECT_GT(demo->events, 0);
  EXPECT_GT(demo->people_with_attributes, 0);
  // The CRM's handle columns link some supporters' social accounts to
  // their email, and not everyone's.
  EXPECT_GT(demo->linked_people, 0);
  EXPECT_LT(demo->linked_people, demo->people_with_attributes);
  EXPECT_EQ(FormatDate(demo->end_day), "2024-05-10");
  EXPECT_EQ(progress.last_total, 20);
  EXPECT_GE(progress.done_calls, 2);  // generation, then the import
  json::Json doc = json::ToJson(*demo);
  EXPECT_EQ(doc["workspace"], (dir_ / "demo").string());
  EXPECT_EQ(doc["file"], (dir_ / "demo" / "demo-events.csv").string());
  EXPECT_EQ(doc["events"], demo->events);
  // The demo's group metrics read the imported attributes.
  Workspace ws = std::move(Workspace::Open(dir_ / "demo")).value();
  auto members = ShowLadder(ws, {"2024-05-10", "", "today", {"membership=member"}});
  ASSERT_TRUE(members.ok()) << members.status().message();
  EXPECT_GT(members->group.people, 0);
  auto again = CreateDemoWorkspace(dir_ / "demo", SmallDemo());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

TEST_F(DemoTest, ShowsTheLoopInProgress) {
  DemoRequest request = SmallDemo();
  request.options.days = kDemoLoopDays;
  auto demo = CreateDemoWorkspace(dir_ / "demo", request);
  ASSERT_TRUE(demo.ok()) << demo.status().message();
  EXPECT_EQ(demo->loop.goals, 3);
  EXPECT_EQ(demo->loop.plans, 6);
  EXPECT_EQ(demo->loop.decided, 2);
  EXPECT_EQ(demo->loop.ideas, 2);
  EXPECT_EQ(demo->loop.learnings, 2);
  EXPECT_EQ(json::ToJson(*demo)["loop"]["checkins"], demo->loop.checkins);
  Workspace ws = std::move(Workspace::Open(dir_ / "demo")).value();
  Caller caller{"", demo->end_day, ""};
  auto today = Today(ws, caller);
  ASSERT_TRUE(today.ok()) << today.status().message();
  EXPECT_EQ(today->brief.due_for_review.size(), 1U);
  // The adapted plan's next loop runs, with check-ins on recent days, and
  // every change is the demo's.
  auto plans = ListPlans(ws, caller);
  ASSERT_TRUE(plans.ok()) << plans.status().message();
  const Plan* second = nullptr;
  for (const Plan& plan : plans->plans)
    if (plan.loop_number == 2) second = &plan;
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->state, PlanState::kRunning);
  auto detail = ShowPlan(ws, caller, second->id);
  ASSERT_TRUE(detail.ok()) << detail.status().message();
  ASSERT_FALSE(detail->checkins.empty());
  EXPECT_GE(detail->checkins.back().day, demo->end_day - 2);
  EXPECT_EQ(detail->lineage.size(), 2U);
  for (const HistoryEntry& entry : detail->history) EXPECT_EQ(entry.actor, "demo");
  // Without the loop, or with too short a history, the loop is empty.
  request.loop = false;
  auto bare = CreateDemoWorkspace(dir_ / "bare", request);
  ASSERT_TRUE(bare.ok()) << bare.status().message();
  EXPECT_EQ(bare->loop.plans, 0);
  auto short_demo = CreateDemoWorkspace(dir_ / "short", SmallDemo());
  ASSERT_TRUE(short_demo.ok()) << short_demo.status().message();
  EXPECT_EQ(short_demo->loop.goals, 0);
}

TEST_F(DemoTest, GenerateWritesTheSameEventsForASeed) {
  auto options = ResolveDemoOptions(SmallDemo(), clock_);
  ASSERT_TRUE(options.ok()) << options.status().message();
  std::ostringstream first;
  std::ostringstream people;
  CountingProgress progress;
  auto stats = GenerateDemo(*options, {&first, DemoFormat::kCsv, &people}, progress);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(progress.last_done, 20);
  EXPECT_EQ(progress.done_calls, 1);
  EXPECT_TRUE(people.str().starts_with("email,city,membership,mastodon,bluesky\n")) << people.str().substr(0, 60);
  std::ostringstream second;
  ASSERT_TRUE(GenerateDemo(*options, {&second, DemoFormat::kCsv, nullptr}).ok());
  EXPECT_EQ(first.str(), second.str());
}

TEST_F(DemoTest, OptionsOutOfRangeAreNamed) {
  DemoRequest request = SmallDemo();
  request.options.days = 0;
  auto days = ResolveDemoOptions(request, clock_);
  EXPECT_EQ(days.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(days.status().message().find("--days"), std::string::npos);
  request = SmallDemo();
  request.end = "today-3";
  EXPECT_EQ(FormatDate(ResolveDemoOptions(request, clock_)->end_day), "2024-05-07");
  request.end = "later";
  EXPECT_EQ(ResolveDemoOptions(request, clock_).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace learnloop::app
