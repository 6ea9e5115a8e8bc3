#include "loop/sqlite/sqlite_loop_store.h"

#include <gtest/gtest.h>

#include "loop/test_util.h"
#include "store/sqlite/connection.h"

namespace learnloop::loop::sqlite {
namespace {

TEST(SqliteLoopStoreTest, ABadStoredValueIsReportedAsCorrupt) {
  TestWorkspace ws;
  {
    LearningLoop loop = ws.Open();
    auto goal = loop.AddGoal(SampleGoal());
    ASSERT_TRUE(loop.AddPlan(SamplePlan(goal->id)).ok());
  }
  auto db = store::sqlite::Connection::Open((ws.dir() / "learnloop.db").string(), false);
  ASSERT_TRUE(db->Exec("UPDATE loop_plans SET state = 'sleeping'").ok());
  auto store = OpenSqliteLoopStore((ws.dir() / "learnloop.db").string());
  ASSERT_TRUE(store.ok());
  auto plans = (*store)->LoadPlans();
  EXPECT_EQ(plans.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(plans.status().message().find("sleeping"), std::string::npos);
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

TEST(SqliteLoopStoreTest, OpeningAMissingFileFails) {
  TestWorkspace ws;
  EXPECT_FALSE(OpenSqliteLoopStore((ws.dir() / "nope" / "learnloop.db").string()).ok());
}

}  // namespace
}  // namespace learnloop::loop::sqlite
