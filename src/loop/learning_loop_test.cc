#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <latch>
#include <thread>
#include <vector>

#include "learnloop/loop.h"
#include "learnloop/workspace.h"
#include "loop/test_util.h"
#include "store/sqlite/connection.h"

namespace learnloop::loop {
namespace {

class LearningLoopTest : public ::testing::Test {
 protected:
  int64_t AddGoal(LearningLoop& loop) {
    auto goal = loop.AddGoal(SampleGoal());
    EXPECT_TRUE(goal.ok()) << goal.status().message();
    return goal.ok() ? goal->id : 0;
  }
  // A plan added and started `days_ago` days before today.
  Plan Started(LearningLoop& loop, int64_t goal_id, Day days_ago, const std::string& title = "Reply week") {
    Plan plan = SamplePlan(goal_id);
    plan.title = title;
    auto added = loop.AddPlan(plan);
    EXPECT_TRUE(added.ok()) << added.status().message();
    auto started = loop.StartPlan(added->id, kTestToday - days_ago);
    EXPECT_TRUE(started.ok()) << started.status().message();
    return started.ok() ? *started : Plan{};
  }

  TestWorkspace ws_;
};

TEST_F(LearningLoopTest, GoalRefusals) {
  LearningLoop loop = ws_.Open();
  Goal goal = SampleGoal();
  goal.metric = "rung:fans";
  EXPECT_EQ(loop.AddGoal(goal).status().code(), StatusCode::kInvalidArgument);
  goal = SampleGoal();
  goal.deadline = goal.start - 1;
  EXPECT_NE(loop.AddGoal(goal).status().message().find("before the goal's start"), std::string::npos);
  goal = SampleGoal();
  goal.target = 0;
  EXPECT_FALSE(loop.AddGoal(goal).ok());
  goal = SampleGoal();
  goal.parent_id = 42;
  EXPECT_NE(loop.AddGoal(goal).status().message().find("parent goal"), std::string::npos);
  EXPECT_TRUE(loop.Goals()->empty());
}

TEST_F(LearningLoopTest, GoalsKeepTheirFieldsAndParent) {
  LearningLoop loop = ws_.Open();
  const int64_t parent = AddGoal(loop);
  Goal child = SampleGoal();
  child.parent_id = parent;
  child.target_kind = TargetKind::kReach;
  ASSERT_TRUE(loop.AddGoal(child).ok());
  auto goals = loop.Goals();
  ASSERT_EQ(goals->size(), 2u);
  EXPECT_EQ((*goals)[1].parent_id, parent);
  EXPECT_EQ((*goals)[1].target_kind, TargetKind::kReach);
  EXPECT_EQ((*goals)[1].deadline, kTestToday + 180);
  EXPECT_EQ(loop.GetGoal(99).status().code(), StatusCode::kNotFound);
}

TEST_F(LearningLoopTest, EditGoalChecksFieldsAndRefusesCycles) {
  LearningLoop loop = ws_.Open();
  const int64_t top = AddGoal(loop);
  Goal middle = SampleGoal();
  middle.parent_id = top;
  middle = *loop.AddGoal(middle);
  Goal bottom = SampleGoal();
  bottom.parent_id = middle.id;
  bottom = *loop.AddGoal(bottom);

  Goal edited = *loop.GetGoal(top);
  edited.title = "  400 more at relationship ";
  edited.target = 400;
  auto saved = loop.EditGoal(edited);
  ASSERT_TRUE(saved.ok()) << saved.status().message();
  EXPECT_EQ(loop.GetGoal(top)->title, "400 more at relationship");
  EXPECT_EQ(loop.GetGoal(top)->target, 400);
  auto history = loop.History("goal", top);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(std::any_of(history->begin(), history->end(),
                          [](const HistoryEntry& h) { return h.field == "target" && h.new_value == "400"; }));

  edited.parent_id = bottom.id;  // top under its own grandchild
  EXPECT_NE(loop.EditGoal(edited).status().message().find("cannot sit under goal"), std::string::npos);
  edited.parent_id = top;
  EXPECT_EQ(loop.EditGoal(edited).status().code(), StatusCode::kInvalidArgument);
  edited.parent_id.reset();
  edited.deadline = edited.start - 1;
  EXPECT_NE(loop.EditGoal(edited).status().message().find("before the goal's start"), std::string::npos);
  edited.id = 99;
  EXPECT_EQ(loop.EditGoal(edited).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(loop.GetGoal(top)->target, 400) << "refused edits change nothing";
}

TEST_F(LearningLoopTest, NamedMetricsMustBeDeclared) {
  LearningLoop loop = ws_.Open();
  Goal goal = SampleGoal();
  goal.metric = "metric:new_folowers";
  EXPECT_NE(loop.AddGoal(goal).status().message().find("no metric is named 'new_folowers'; known metrics: engagements"),
            std::string::npos);
  goal.metric = "metric:new_followers";  // a default metric, without metrics.toml
  const int64_t goal_id = loop.AddGoal(goal)->id;
  Plan plan = SamplePlan(goal_id);
  plan.guardrails = {"unsubscribe"};
  Status refused = loop.AddPlan(plan).status();
  EXPECT_NE(refused.message().find("guardrail"), std::string::npos) << refused.message();
  EXPECT_NE(refused.message().find("no metric is named 'unsubscribe'"), std::string::npos) << refused.message();
  plan.guardrails = {"unsubscribes"};
  EXPECT_TRUE(loop.AddPlan(plan).ok());

  // A metrics.toml that does not read stops only goals and plans naming its metrics.
  std::ofstream(ws_.dir() / kMetricsFileName) << "[[metric]]\nname = 1\n";
  LearningLoop broken = ws_.Open();
  EXPECT_NE(broken.AddGoal(goal).status().message().find("reading metrics.toml for the metric names"),
            std::string::npos);
  EXPECT_TRUE(broken.AddGoal(SampleGoal()).ok()) << "rung goals do not need metrics.toml";
}

TEST_F(LearningLoopTest, DeleteOnlyWhatHoldsNoLearning) {
  LearningLoop loop = ws_.Open();
  const int64_t goal = AddGoal(loop);
  Goal child = SampleGoal();
  child.parent_id = goal;
  const int64_t child_id = loop.AddGoal(child)->id;
  const Plan idea = *loop.AddPlan(SamplePlan(goal));
  const Plan ran = Started(loop, goal, 3);

  Status in_use = loop.DeleteGoal(goal);
  EXPECT_EQ(in_use.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(in_use.message().find(fmt::format("plan {}, plan {}, goal {}", idea.id, ran.id, child_id)),
            std::string::npos)
      << in_use.message();
  EXPECT_EQ(loop.DeletePlan(ran.id).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(loop.DeletePlan(idea.id).ok());
  EXPECT_EQ(loop.GetPlan(idea.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(loop.Plans()->size(), 1u);
  ASSERT_TRUE(loop.DeleteGoal(child_id).ok());
  EXPECT_EQ(loop.Goals()->size(), 1u);
  auto history = loop.History("plan", idea.id);
  ASSERT_TRUE(history.ok());
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().field, "deleted");
  EXPECT_EQ(history->back().old_value, idea.title);
  EXPECT_EQ(loop.DeletePlan(idea.id).code(), StatusCode::kNotFound);
}

TEST_F(LearningLoopTest, PlanRefusalsExplainThemselves) {
  LearningLoop loop = ws_.Open();
  const int64_t goal = AddGoal(loop);
  Plan plan = SamplePlan(0);
  EXPECT_NE(loop.AddPlan(plan).status().message().find("must serve a goal"), std::string::npos);
  plan.goal_id = 77;
  EXPECT_EQ(loop.AddPlan(plan).status().code(), StatusCode::kNotFound);
  plan = SamplePlan(goal);
  plan.hypothesis = "post more";
  EXPECT_NE(loop.AddPlan(plan).status().message().find("if we"), std::string::npos);
  plan = SamplePlan(goal);
  plan.timebox_days = 28;
  EXPECT_NE(loop.AddPlan(plan).status().message().find("--long"), std::string::npos);
  plan.long_reason = "a monthly newsletter cycle";
  EXPECT_TRUE(loop.AddPlan(plan).ok());
  plan = SamplePlan(goal);
  plan.step_from = "network -> action";
  EXPECT_FALSE(loop.AddPlan(plan).ok());
  plan = SamplePlan(goal);
  plan.metric = "";
  EXPECT_FALSE(loop.AddPlan(plan).ok());
  plan = SamplePlan(goal);
  plan.guardrails = {"rung:nope"};
  EXPECT_NE(loop.AddPlan(plan).status().message().find("guardrail"), std::string::npos);
}

TEST_F(LearningLoopTest, PlanDefaultsFollowTheMetric) {
  LearningLoop loop = ws_.Open();
  auto plan = loop.AddPlan(SamplePlan(AddGoal(loop)));
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->step_from, "engagement");
  EXPECT_EQ(plan->step_to, "relationship");
  EXPECT_EQ(plan->timebox_days, kDefaultTimeboxDays);
  EXPECT_EQ(plan->state, PlanState::kIdea);
  EXPECT_EQ(plan->created_on, kTestToday);
  Plan scheduled = SamplePlan(plan->goal_id);
  scheduled.start = kTestToday + 3;
  EXPECT_EQ(loop.AddPlan(scheduled)->state, PlanState::kPlanned);
}

TEST_F(LearningLoopTest, LifecycleFromIdeaToDecision) {
  LearningLoop loop = ws_.Open();
  Plan plan = Started(loop, AddGoal(loop), 3);
  EXPECT_EQ(plan.state, PlanState::kRunning);
  EXPECT_EQ(*plan.baseline_from, kTestToday - 3 - 14);
  EXPECT_EQ(*plan.baseline_to, kTestToday - 4);
  EXPECT_EQ(loop.StartPlan(plan.id, std::nullopt).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(loop.DecidePlan(plan.id, Decision::kAdopt, "works").status().message().find("still running"),
            std::string::npos);
  auto reviewed = loop.ReviewPlan(plan.id, ReviewVerdict::kWin);
  ASSERT_TRUE(reviewed.ok());
  EXPECT_EQ(reviewed->state, PlanState::kReviewing);
  EXPECT_EQ(reviewed->reviewed_on, kTestToday);
  EXPECT_NE(loop.DecidePlan(plan.id, Decision::kAdopt, " ").status().message().find("--reason"), std::string::npos);
  auto decided = loop.DecidePlan(plan.id, Decision::kAdopt, "more replies, more talk");
  ASSERT_TRUE(decided.ok());
  EXPECT_EQ(decided->state, PlanState::kDecided);
  EXPECT_FALSE(decided->next_id.has_value());
  EXPECT_NE(loop.DecidePlan(plan.id, Decision::kAbandon, "again").status().message().find("already decided"),
            std::string::npos);
  EXPECT_NE(loop.ReviewPlan(plan.id, ReviewVerdict::kLoss).status().message().find("already decided"),
            std::string::npos);
}

TEST_F(LearningLoopTest, RefusesToActOnPlansNeverStarted) {
  LearningLoop loop = ws_.Open();
  auto plan = loop.AddPlan(SamplePlan(AddGoal(loop)));
  EXPECT_NE(loop.DecidePlan(plan->id, Decision::kAdopt, "x").status().message().find("never started"),
            std::string::npos);
  EXPECT_NE(loop.ReviewPlan(plan->id, ReviewVerdict::kWin).status().message().find("never started"), std::string::npos);
  EXPECT_FALSE(loop.Reflect({plan->id, 0, "", "", "", "something", {}, ""}).ok());
  EXPECT_FALSE(loop.AddCheckIn({0, plan->id, 0, "did", "", "", ""}).ok());
  EXPECT_FALSE(loop.StartPlan(plan->id, kTestToday + 1).ok());
  EXPECT_EQ(loop.NextPlan(plan->id).status().code(), StatusCode::kFailedPrecondition);
}

// Reading never writes: a running plan past its end reads as reviewing,
// and only the next change to the loop stores that.
TEST_F(LearningLoopTest, APlanPastItsEndReadsAsReviewingAndTheNextChangeStoresIt) {
  const int64_t id = [&] {
    LearningLoop loop = ws_.Open();
    return Started(loop, AddGoal(loop), 10).id;
  }();
  EXPECT_EQ(ws_.Open(kTestToday + 3).GetPlan(id)->state, PlanState::kRunning);
  LearningLoop later = ws_.Open(kTestToday + 4, "bob");
  EXPECT_EQ(later.GetPlan(id)->state, PlanState::kReviewing);
  EXPECT_EQ(later.Plans()->front().state, PlanState::kReviewing);
  auto stored_running = [&] {
    auto db = store::sqlite::Connection::Open((ws_.dir() / kStoreFileName).string(), false);
    return *db->QueryInt("SELECT count(*) FROM loop_plans WHERE state = 'running'");
  };
  EXPECT_EQ(stored_running(), 1) << "reading stored the new state";
  EXPECT_NE(later.History("plan", id)->back().new_value, "reviewing");

  ASSERT_TRUE(later.AddGoal(SampleGoal()).ok());
  EXPECT_EQ(stored_running(), 0);
  auto history = later.History("plan", id);
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().field, "state");
  EXPECT_EQ(history->back().old_value, "running");
  EXPECT_EQ(history->back().new_value, "reviewing");
  EXPECT_EQ(history->back().actor, kSystemActor);
  EXPECT_EQ(history->front().actor, "alice");
}

TEST_F(LearningLoopTest, WorkInProgressLimitIsEnforcedAndConfigurable) {
  LearningLoop loop = ws_.Open();
  const int64_t goal = AddGoal(loop);
  for (int i = 0; i < kDefaultWipLimit; ++i) Started(loop, goal, 1);
  auto extra = loop.AddPlan(SamplePlan(goal));
  Status refused = loop.StartPlan(extra->id, std::nullopt).status();
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("work-in-progress limit is 3"), std::string::npos);
  ws_.WriteFile(std::string(kLoopConfigFileName), "wip_limit = 4\n");
  LearningLoop raised = ws_.Open();
  EXPECT_EQ(raised.wip_limit(), 4);
  EXPECT_TRUE(raised.StartPlan(extra->id, std::nullopt).ok());
  ws_.WriteFile(std::string(kLoopConfigFileName), "wip_limit = 0\n");
  EXPECT_FALSE(ws_.TryOpen().ok());
}

// Several processes may start plans at once; the limit must hold anyway.
TEST_F(LearningLoopTest, ConcurrentStartsCannotBothPassTheLimit) {
  ws_.WriteFile(std::string(kLoopConfigFileName), "wip_limit = 1\n");
  std::vector<int64_t> ids;
  {
    LearningLoop loop = ws_.Open();
    const int64_t goal = AddGoal(loop);
    for (int i = 0; i < 4; ++i) ids.push_back(loop.AddPlan(SamplePlan(goal))->id);
  }
  std::vector<LearningLoop> loops;
  for (size_t i = 0; i < ids.size(); ++i) loops.push_back(ws_.Open());
  std::vector<Status> results(ids.size());
  std::latch ready(static_cast<std::ptrdiff_t>(ids.size()));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < ids.size(); ++i) {
    threads.emplace_back([&, i] {
      ready.arrive_and_wait();
      results[i] = loops[i].StartPlan(ids[i], std::nullopt).status();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(std::count_if(results.begin(), results.end(), [](const Status& s) { return s.ok(); }), 1);
  LearningLoop loop = ws_.Open();
  auto plans = loop.Plans();
  EXPECT_EQ(std::count_if(plans->begin(), plans->end(), [](const Plan& p) { return p.state == PlanState::kRunning; }),
            1);
}

TEST_F(LearningLoopTest, AdaptAndExtendChainTheNextLoop) {
  LearningLoop loop = ws_.Open();
  Plan first = Started(loop, AddGoal(loop), 20);
  auto decided = loop.DecidePlan(first.id, Decision::kAdapt, "replies work, but slower than hoped");
  ASSERT_TRUE(decided.ok()) << decided.status().message();
  ASSERT_TRUE(decided->next_id.has_value());
  auto second = loop.GetPlan(*decided->next_id);
  EXPECT_EQ(second->title, "Reply week (loop 2)");
  EXPECT_EQ(second->parent_id, first.id);
  EXPECT_EQ(second->loop_number, 2);
  EXPECT_EQ(second->state, PlanState::kIdea);
  EXPECT_EQ(second->hypothesis, first.hypothesis);
  ASSERT_TRUE(loop.StartPlan(second->id, kTestToday - 16).ok());
  auto extended = loop.DecidePlan(second->id, Decision::kExtend, "needs more time");
  ASSERT_TRUE(extended.ok());
  auto chain = loop.Lineage(second->id);
  ASSERT_EQ(chain->size(), 3u);
  EXPECT_EQ((*chain)[0].id, first.id);
  EXPECT_EQ((*chain)[2].title, "Reply week (loop 3)");
  EXPECT_EQ(loop.NextPlan(first.id)->id, second->id);
}

TEST_F(LearningLoopTest, NextPlanAfterAdoptCreatesOneOnce) {
  LearningLoop loop = ws_.Open();
  Plan first = Started(loop, AddGoal(loop), 20);
  ASSERT_TRUE(loop.DecidePlan(first.id, Decision::kAdopt, "works").ok());
  auto next = loop.NextPlan(first.id);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(loop.NextPlan(first.id)->id, next->id);
  EXPECT_EQ(loop.Plans()->size(), 2u);
}

TEST_F(LearningLoopTest, EditChangesPlansUntilTheyStart) {
  LearningLoop loop = ws_.Open();
  auto plan = loop.AddPlan(SamplePlan(AddGoal(loop)));
  Plan changed = *plan;
  changed.hypothesis = "if we answer within an hour then more people reply because speed signals care";
  changed.start = kTestToday + 2;
  changed.state = PlanState::kDecided;  // not the caller's to set
  auto edited = loop.EditPlan(changed);
  ASSERT_TRUE(edited.ok()) << edited.status().message();
  EXPECT_EQ(edited->state, PlanState::kPlanned);
  EXPECT_EQ(loop.GetPlan(plan->id)->hypothesis, changed.hypothesis);
  auto history = loop.History("plan", plan->id);
  EXPECT_EQ(history->back().field, "state");
  EXPECT_EQ(history->back().new_value, "planned");
  changed.hypothesis = "no form";
  EXPECT_EQ(loop.EditPlan(changed).status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(loop.StartPlan(plan->id, kTestToday).ok());
  EXPECT_NE(loop.EditPlan(*edited).status().message().find("has started"), std::string::npos);
}

TEST_F(LearningLoopTest, CheckInsOnRunningPlansOnly) {
  LearningLoop loop = ws_.Open();
  Plan plan = Started(loop, AddGoal(loop), 2);
  EXPECT_FALSE(loop.AddCheckIn({0, plan.id, 0, "", " ", "", ""}).ok());
  EXPECT_FALSE(loop.AddCheckIn({0, plan.id, kTestToday - 5, "early", "", "", ""}).ok());
  auto note = loop.AddCheckIn({0, plan.id, 0, "replied to 40 comments", "ask two questions", "no designer", ""});
  ASSERT_TRUE(note.ok()) << note.status().message();
  EXPECT_EQ(note->day, kTestToday);
  EXPECT_EQ(note->actor, "alice");
  auto notes = loop.CheckIns(plan.id);
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].blocked, "no designer");
  EXPECT_EQ(loop.History("checkin", note->id)->size(), 5u);
  ASSERT_TRUE(loop.ReviewPlan(plan.id, ReviewVerdict::kInconclusive).ok());
  EXPECT_NE(loop.AddCheckIn({0, plan.id, 0, "more", "", "", ""}).status().message().find("no longer running"),
            std::string::npos);
}

TEST_F(LearningLoopTest, ReflectionsAreSearchableByRank) {
  LearningLoop loop = ws_.Open();
  const int64_t goal = AddGoal(loop);
  Plan a = Started(loop, goal, 20, "Volunteer stories");
  Plan b = Started(loop, goal, 20, "Live Q&A");
  EXPECT_NE(loop.Reflect({a.id, 0, "x", "y", "z", "", {}, ""}).status().message().find("--learned"), std::string::npos);
  ASSERT_TRUE(loop.Reflect({a.id,
                            0,
                            "more volunteers",
                            "a few signed up",
                            "stories were long",
                            "short volunteer stories with a photo work; volunteers love being asked",
                            {"volunteers", "stories"},
                            ""})
                  .ok());
  ASSERT_TRUE(loop.Reflect({b.id,
                            0,
                            "many questions",
                            "few came",
                            "bad hour",
                            "evening hours suit our volunteers better",
                            {"events"},
                            ""})
                  .ok());
  auto hits = loop.SearchLearnings("volunteers", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().message();
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].plan_id, a.id);
  EXPECT_GT((*hits)[0].score, (*hits)[1].score);
  EXPECT_NE((*hits)[0].snippet.find("[volunteers]"), std::string::npos);
  EXPECT_EQ((*hits)[0].tags, (std::vector<std::string>{"volunteers", "stories"}));
  EXPECT_EQ(loop.SearchLearnings("evening", 10)->size(), 1u);
  EXPECT_TRUE(loop.SearchLearnings("\"quoted\" OR NEAR(", 10).ok());
  EXPECT_EQ(loop.SearchLearnings("   ", 10).status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(loop.Reflect({b.id, 0, "", "", "", "mornings are dead", {}, ""}).ok());
  EXPECT_TRUE(loop.SearchLearnings("evening", 10)->empty());
  EXPECT_EQ(loop.Reflections()->size(), 2u);
}

TEST_F(LearningLoopTest, TacticsAreWrittenOnFirstUseAndEditable) {
  LearningLoop loop = ws_.Open();
  auto tactics = loop.Tactics();
  ASSERT_TRUE(tactics.ok()) << tactics.status().message();
  EXPECT_GE(tactics->size(), 7u);
  EXPECT_TRUE(std::filesystem::exists(ws_.dir() / kTacticsFileName));
  ws_.WriteFile(std::string(kTacticsFileName),
                "[[tactic]]\nname = \"x\"\ntitle = \"X\"\nhypothesis = \"if a then b because c\"\nmetric = "
                "\"rung:action\"\nstep = \"action\"\ntimebox_days = 5\neffort = \"S\"\n");
  EXPECT_EQ(loop.Tactics()->size(), 1u);
  ws_.WriteFile(std::string(kTacticsFileName), "[[tactic]]\nname = \"x\"\n");
  EXPECT_NE(loop.Tactics().status().message().find("tactic 'x'"), std::string::npos);
}

TEST_F(LearningLoopTest, EveryDefaultTacticMakesAValidPlan) {
  LearningLoop loop = ws_.Open();
  const int64_t goal = AddGoal(loop);
  auto tactics = loop.Tactics();
  ASSERT_TRUE(tactics.ok());
  for (const Tactic& t : *tactics) {
    Plan plan;
    plan.goal_id = goal;
    plan.title = t.title;
    plan.hypothesis = t.hypothesis;
    plan.metric = t.metric;
    plan.step_from = t.step;
    plan.timebox_days = t.timebox_days;
    EXPECT_TRUE(loop.AddPlan(plan).ok()) << t.name;
  }
}

TEST_F(LearningLoopTest, ReopeningKeepsTheSchemaAndData) {
  { ASSERT_TRUE(ws_.Open().AddGoal(SampleGoal()).ok()); }
  EXPECT_EQ(ws_.Open().Goals()->size(), 1u);
}

}  // namespace
}  // namespace learnloop::loop
