// Where the learning loop keeps its goals, plans, check-ins, reflections and
// history. The SQLite implementation lives in sqlite/; a PostgreSQL one can
// follow behind the same interface. Every row belongs to one org.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/loop.h"
#include "learnloop/status.h"

namespace learnloop::store {
class Store;
}

namespace learnloop::loop {

class LoopStore {
 public:
  virtual ~LoopStore() = default;

  // Runs `body` in one write transaction: every write in it lands, or none.
  virtual Status InTransaction(const std::function<Status()>& body) = 0;

  // Insert when id is 0 (returning the new id), update otherwise.
  virtual Result<int64_t> SaveGoal(const Goal& goal) = 0;
  virtual Result<std::vector<Goal>> LoadGoals() = 0;
  virtual Status DeleteGoal(int64_t id) = 0;
  virtual Result<int64_t> SavePlan(const Plan& plan) = 0;
  // Plans in id order, with next_id filled in.
  virtual Result<std::vector<Plan>> LoadPlans() = 0;
  virtual Status DeletePlan(int64_t id) = 0;

  virtual Result<int64_t> AddCheckIn(const CheckIn& note, Timestamp at) = 0;
  virtual Result<std::vector<CheckIn>> LoadCheckIns() = 0;

  // Replaces the plan's reflection and its entry in the learnings index.
  virtual Status SaveReflection(const Reflection& reflection, const std::string& plan_title, Timestamp at) = 0;
  virtual Result<std::vector<Reflection>> LoadReflections() = 0;
  // `query` is an FTS5 query; best match first.
  virtual Result<std::vector<LearningHit>> SearchLearnings(const std::string& query, int limit) = 0;

  virtual Status AddHistory(const HistoryEntry& entry) = 0;
  virtual Result<std::vector<HistoryEntry>> LoadHistory(const std::string& object_type, int64_t object_id) = 0;
};

// The loop tables of a SQLite `store`, on its own connection (the store's
// migrations create them); the result keeps the store open.
// FailedPrecondition for a store of another backend.
Result<std::unique_ptr<LoopStore>> MakeSqliteLoopStore(std::shared_ptr<store::Store> store);

}  // namespace learnloop::loop
