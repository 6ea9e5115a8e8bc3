#include "loop/sqlite/sqlite_loop_store.h"

#include <gtest/gtest.h>

#include "learnloop/workspace.h"
#include "loop/test_util.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"

namespace learnloop::loop::sqlite {
namespace {

std::unique_ptr<LoopStore> StoreOf(const TestWorkspace& ws) {
  auto store = store::OpenSqliteStore((ws.dir() / kStoreFileName).string(), store::OpenMode::kReadWrite);
  EXPECT_TRUE(store.ok()) << store.status().message();
  auto loop_store = MakeSqliteLoopStore(std::shared_ptr<store::Store>(std::move(store).value()));
  EXPECT_TRUE(loop_store.ok()) << loop_store.status().message();
  return std::move(loop_store).value();
}

TEST(SqliteLoopStoreTest, ABadStoredValueIsReportedAsCorrupt) {
  TestWorkspace ws;
  {
    LearningLoop loop = ws.Open();
    auto goal = loop.AddGoal(SampleGoal());
    ASSERT_TRUE(loop.AddPlan(SamplePlan(goal->id)).ok());
  }
  auto db = store::sqlite::Connection::Open((ws.dir() / "learnloop.db").string(), false);
  ASSERT_TRUE(db->Exec("UPDATE loop_plans SET state = 'sleeping'").ok());
  auto plans = StoreOf(ws)->LoadPlans();
  EXPECT_EQ(plans.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(plans.status().message().find("sleeping"), std::string::npos);
}

// The loop runs on the store's connection, which enforces REFERENCES.
TEST(SqliteLoopStoreTest, ForeignKeysAreEnforced) {
  TestWorkspace ws;
  std::unique_ptr<LoopStore> store = StoreOf(ws);
  Plan orphan = SamplePlan(/*goal_id=*/999);
  orphan.step_from = orphan.step_to = "relationship";
  auto saved = store->SavePlan(orphan);
  ASSERT_FALSE(saved.ok()) << "a plan of a goal that does not exist was stored";
  EXPECT_NE(saved.status().message().find("FOREIGN KEY"), std::string::npos) << saved.status().message();
  CheckIn note;
  note.plan_id = 12345;
  note.day = kTestToday;
  note.actor = "alice";
  EXPECT_FALSE(store->AddCheckIn(note, Timestamp{}).ok());
  EXPECT_TRUE(store->LoadPlans()->empty());
}

TEST(SqliteLoopStoreTest, RowsBelongToTheOrgAndHistoryKeepsItsOrder) {
  TestWorkspace ws;
  LearningLoop loop = ws.Open();
  auto goal = loop.AddGoal(SampleGoal());
  auto db = store::sqlite::Connection::Open((ws.dir() / "learnloop.db").string(), false);
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM loop_goals WHERE org_id = 1"), 1);
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM loop_history WHERE org_id = 1 AND object_type = 'goal'"), 6);
  auto history = loop.History("goal", goal->id);
  ASSERT_EQ(history->size(), 6u);  // every field but the empty parent and owner
  EXPECT_EQ((*history)[0].field, "title");
  EXPECT_EQ((*history)[0].actor, "alice");
  EXPECT_EQ((*history)[0].at.micros, int64_t{kTestToday} * 86400 * 1000000);
}

// The loop keeps the store open, so it may outlive the Workspace that
// opened it.
TEST(SqliteLoopStoreTest, TheLoopOutlivesItsWorkspace) {
  TestWorkspace ws;
  LearningLoop loop = ws.Open();
  EXPECT_TRUE(loop.AddGoal(SampleGoal()).ok());
  EXPECT_EQ(loop.Goals()->size(), 1u);
}

}  // namespace
}  // namespace learnloop::loop::sqlite
