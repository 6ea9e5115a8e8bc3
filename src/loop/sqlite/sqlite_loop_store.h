// LoopStore on the workspace's SQLite file, on the store's own connection
// (so foreign keys, the busy timeout and the schema are the store's). Rows
// are written for org 1, like the rest of a SQLite workspace.
#pragma once

#include <memory>
#include <string>

#include "loop/loop_store.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace learnloop::loop::sqlite {

class SqliteLoopStore : public LoopStore {
 public:
  // `db` is the connection of `owner`, which stays open while this lives.
  SqliteLoopStore(std::shared_ptr<store::Store> owner, store::sqlite::Connection& db)
      : owner_(std::move(owner)), db_(db) {}

  Status InTransaction(const std::function<Status()>& body) override;
  Result<int64_t> SaveGoal(const Goal& goal) override;
  Result<std::vector<Goal>> LoadGoals() override;
  Status DeleteGoal(int64_t id) override { return DeleteRow("loop_goals", id); }
  Result<int64_t> SavePlan(const Plan& plan) override;
  Result<std::vector<Plan>> LoadPlans() override;
  Status DeletePlan(int64_t id) override { return DeleteRow("loop_plans", id); }
  Result<int64_t> AddCheckIn(const CheckIn& check_in, Timestamp at) override;
  Result<std::vector<CheckIn>> LoadCheckIns() override;
  Status SaveReflection(const Reflection& reflection, const std::string& plan_title, Timestamp at) override;
  Result<std::vector<Reflection>> LoadReflections() override;
  Result<std::vector<LearningHit>> SearchLearnings(const std::string& text, int limit) override;
  Status AddHistory(const HistoryEntry& entry) override;
  Result<std::vector<HistoryEntry>> LoadHistory(const std::string& object_type, int64_t object_id) override;

 private:
  Status DeleteRow(std::string_view table, int64_t id);

  std::shared_ptr<store::Store> owner_;
  store::sqlite::Connection& db_;
  int transaction_depth_ = 0;  // InTransaction inside InTransaction joins the outer one
};

}  // namespace learnloop::loop::sqlite
