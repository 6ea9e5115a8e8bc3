#include "store/sqlite/transaction.h"

namespace learnloop::store::sqlite {

Result<Transaction> Transaction::BeginImmediate(Connection& db) {
  LL_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(db);
}

Transaction::~Transaction() {
  // A rollback only fails when there is nothing left to roll back.
  if (db_ != nullptr) db_->Exec("ROLLBACK").IgnoreError();
}

Status Transaction::Commit() {
  Connection* db = db_;
  db_ = nullptr;
  Status status = db->Exec("COMMIT");
  if (!status.ok()) db->Exec("ROLLBACK").IgnoreError();
  return status;
}

}  // namespace learnloop::store::sqlite
