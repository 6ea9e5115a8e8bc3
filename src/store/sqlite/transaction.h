// A write transaction that rolls back unless committed, so every early
// return on an error leaves the database as it was.
#pragma once

#include "learnloop/status.h"
#include "store/sqlite/connection.h"

namespace learnloop::store::sqlite {

class Transaction {
 public:
  // Takes the write lock at once (BEGIN IMMEDIATE), waiting for other writers
  // up to the connection's busy timeout; Busy when it is still held then.
  static Result<Transaction> BeginImmediate(Connection& db);

  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // Commits; on failure the transaction is rolled back.
  Status Commit();

 private:
  explicit Transaction(Connection& db) : db_(&db) {}
  Connection* db_;  // null once committed or rolled back
};

}  // namespace learnloop::store::sqlite
