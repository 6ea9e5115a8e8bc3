// LoopStore on the workspace's SQLite file, through the store's connection
// wrappers. Rows are written for org 1, like the rest of a SQLite workspace.
#pragma once

#include <string>

#include "loop/loop_store.h"
#include "store/sqlite/connection.h"

namespace learnloop::loop::sqlite {

class SqliteLoopStore : public LoopStore {
 public:
  explicit SqliteLoopStore(store::sqlite::Connection db) : db_(std::move(db)) {}

  Status InTransaction(const std::function<Status()>& body) override;
  Result<int64_t> SaveGoal(const Goal& goal) override;
  Result<std::vector<Goal>> LoadGoals() override;
  Status DeleteGoal(int64_t id) override { return DeleteRow("loop_goals", id); }
  Result<int64_t> SavePlan(const Plan& plan) override;
  Result<std::vector<Plan>> LoadPlans() override;
  Status DeletePlan(int64_t id) override { return DeleteRow("loop_plans", id); }
  Result<int64_t> AddCheckIn(const CheckIn& note, Timestamp at) override;
  Result<std::vector<CheckIn>> LoadCheckIns() override;
  Status SaveReflection(const Reflection& reflection, const std::string& plan_title, Timestamp at) override;
  Result<std::vector<Reflection>> LoadReflections() override;
  Result<std::vector<LearningHit>> SearchLearnings(const std::string& query, int limit) override;
  Status AddHistory(const HistoryEntry& entry) override;
  Result<std::vector<HistoryEntry>> LoadHistory(const std::string& object_type, int64_t object_id) override;

 private:
  Status DeleteRow(std::string_view table, int64_t id);

  store::sqlite::Connection db_;
  int transaction_depth_ = 0;  // InTransaction inside InTransaction joins the outer one
};

}  // namespace learnloop::loop::sqlite
