#include "store/sqlite/statement.h"

#include <gtest/gtest.h>

#include <vector>

#include "store/sqlite/test_workspace.h"

namespace learnloop::store::sqlite {
namespace {

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Connection::Open(dir_.File("t.db"), true);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::make_unique<Connection>(std::move(db).value());
  }
  TempDir dir_;
  std::unique_ptr<Connection> db_;
};

TEST_F(StatementTest, EmptyViewBindsEmptyTextNotNull) {
  auto statement = Statement::Prepare(*db_, "SELECT typeof(?1), length(?1)");
  ASSERT_TRUE(statement.ok());
  statement->Bind(1, std::string_view());
  ASSERT_TRUE(*statement->Step());
  EXPECT_EQ(statement->ColumnText(0), "text");
  EXPECT_EQ(statement->ColumnInt(1), 0);
}

TEST_F(StatementTest, ForEachRowVisitsEveryRowAndStopsAtAnError) {
  auto statement = Statement::Prepare(*db_, "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3");
  ASSERT_TRUE(statement.ok()) << statement.status().message();
  std::vector<int64_t> seen;
  ASSERT_TRUE(statement
                  ->ForEachRow([&](const Statement& row) {
                    seen.push_back(row.ColumnInt(0));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3}));
  Status stopped = statement->ForEachRow([](const Statement&) { return IoError("stop here"); });
  EXPECT_EQ(stopped.message(), "stop here");
  // The statement was reset, so it runs from the first row again.
  ASSERT_TRUE(*statement->Step());
  EXPECT_EQ(statement->ColumnInt(0), 1);
}

TEST_F(StatementTest, OptionalDoubleBindsNullOrNumber) {
  auto statement = Statement::Prepare(*db_, "SELECT ?1");
  ASSERT_TRUE(statement.ok());
  statement->Bind(1, std::optional<double>());
  ASSERT_TRUE(*statement->Step());
  EXPECT_EQ(statement->ColumnDouble(0), std::nullopt);
  statement->Reset();
  statement->Bind(1, std::optional<double>(0.0));
  ASSERT_TRUE(*statement->Step());
  EXPECT_EQ(statement->ColumnDouble(0), 0.0);
}

TEST_F(StatementTest, StepAfterLastRowResetsForReuse) {
  auto statement = Statement::Prepare(*db_, "SELECT ?1 + 1");
  ASSERT_TRUE(statement.ok());
  for (int64_t i : {1, 41}) {
    statement->Bind(1, i);
    ASSERT_TRUE(*statement->Step());
    EXPECT_EQ(statement->ColumnInt(0), i + 1);
    EXPECT_FALSE(*statement->Step());
  }
}

TEST_F(StatementTest, BadSqlNamesTheDatabase) {
  auto statement = Statement::Prepare(*db_, "SELEC 1");
  ASSERT_FALSE(statement.ok());
  EXPECT_NE(statement.status().message().find(dir_.File("t.db")), std::string::npos) << statement.status().message();
}

TEST_F(StatementTest, ConstraintFailureIsReportedAndStatementReusable) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE t (x INTEGER PRIMARY KEY)").ok());
  auto insert = Statement::Prepare(*db_, "INSERT INTO t (x) VALUES (?1)");
  ASSERT_TRUE(insert.ok());
  insert->Bind(1, int64_t{1});
  ASSERT_TRUE(insert->Run().ok());
  Status duplicate = insert->Run();
  EXPECT_FALSE(duplicate.ok());
  EXPECT_NE(duplicate.message().find("UNIQUE"), std::string::npos) << duplicate.message();
  insert->Bind(1, int64_t{2});
  EXPECT_TRUE(insert->Run().ok());
  EXPECT_EQ(*db_->QueryInt("SELECT count(*) FROM t"), 2);
}

}  // namespace
}  // namespace learnloop::store::sqlite
