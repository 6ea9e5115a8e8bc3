#include <gtest/gtest.h>

#include "engine/event_table.h"
#include "ladder/ladder_rules.h"
#include "learnloop/event.h"
#include "learnloop/loop.h"
#include "loop/test_util.h"

namespace learnloop::loop {
namespace {

Event At(Day day, std::string person, std::string kind) {
  Timestamp ts{int64_t{day} * 86'400'000'000 + 12 * 3'600'000'000LL};
  return Event{ts, "mastodon", std::move(person), std::move(kind), "", std::nullopt, ""};
}

// bob follows long ago and likes yesterday; cat donates today.
Ladder SampleLadder() {
  engine::EventTableBuilder builder;
  for (const Event& e :
       {At(kTestToday - 10, "bob", "follow"), At(kTestToday - 1, "bob", "like"), At(kTestToday, "cat", "donation")})
    EXPECT_TRUE(builder.Add(e.view()).ok());
  auto table = std::make_shared<const engine::EventTable>(std::move(builder).Build(TimeZone::Utc()));
  return Ladder(table, *ladder::ParseLadderRules(ladder::DefaultLadderToml(), "ladder.toml"));
}

TEST(TodayBriefTest, MovementRunningPlansReviewsAndBlockers) {
  TestWorkspace ws;
  LearningLoop loop = ws.Open();
  const int64_t goal = loop.AddGoal(SampleGoal())->id;
  Plan plan = SamplePlan(goal);
  plan.metric = "rung:engagement";
  const int64_t running = loop.AddPlan(plan)->id;
  const int64_t ended = loop.AddPlan(plan)->id;
  ASSERT_TRUE(loop.StartPlan(ended, kTestToday - 20).ok());
  ASSERT_TRUE(loop.StartPlan(running, kTestToday - 3).ok());
  ASSERT_TRUE(loop.AddCheckIn({0, running, kTestToday - 2, "", "", "waiting for photos", ""}).ok());
  ASSERT_TRUE(loop.AddCheckIn({0, running, kTestToday - 3, "kick-off", "", "", ""}).ok());

  Ladder ladder = SampleLadder();
  auto brief = BuildTodayBrief(loop, ladder, MetricReader(ladder));
  ASSERT_TRUE(brief.ok()) << brief.status().message();
  EXPECT_EQ(brief->since, kTestToday - 2);
  EXPECT_EQ(brief->moved_up, 2);
  EXPECT_EQ(brief->moved_down, 0);
  ASSERT_EQ(brief->moves.size(), 2u);
  EXPECT_EQ(brief->moves[0].from + " -> " + brief->moves[0].to, "network -> engagement");
  EXPECT_EQ(brief->moves[1].from + " -> " + brief->moves[1].to, "audience -> action");
  EXPECT_TRUE(brief->moves[0].up && brief->moves[1].up);
  ASSERT_EQ(brief->running.size(), 1u);
  EXPECT_EQ(brief->running[0].plan.id, running);
  EXPECT_EQ(brief->running[0].day_number, 4);
  EXPECT_EQ(brief->running[0].reading.baseline, 0);
  EXPECT_EQ(brief->running[0].reading.current, 1);
  ASSERT_EQ(brief->due_for_review.size(), 1u);
  EXPECT_EQ(brief->due_for_review[0].id, ended);
  ASSERT_EQ(brief->blockers.size(), 1u);
  EXPECT_EQ(brief->blockers[0].blocked, "waiting for photos");
}

TEST(TodayBriefTest, WithoutCheckInsLooksBackOneDay) {
  TestWorkspace ws;
  LearningLoop loop = ws.Open();
  auto brief = BuildTodayBrief(loop, SampleLadder(), MetricReader(std::nullopt));
  ASSERT_TRUE(brief.ok());
  EXPECT_EQ(brief->since, kTestToday - 1);
  EXPECT_EQ(brief->moved_up, 1);  // cat's donation; bob liked yesterday
  EXPECT_TRUE(brief->running.empty());
  EXPECT_TRUE(brief->blockers.empty());
}

}  // namespace
}  // namespace learnloop::loop
