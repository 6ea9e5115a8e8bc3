#include "learnloop/status.h"

#include <gtest/gtest.h>

namespace learnloop {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  LL_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

Status CheckEven(int x) {
  LL_RETURN_IF_ERROR(Half(x));
  return Status::Ok();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
}

TEST(StatusTest, ContextIsPrepended) {
  Status s = NotFound("no such file").WithContext("importing a.csv");
  EXPECT_EQ(s.message(), "importing a.csv: no such file");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

TEST(StatusTest, InputErrorNamesFileLineColumnFieldAndExpectation) {
  Status s = InputError({"events.csv", 12, 3, "ts"}, "bad timestamp 'x'", "RFC 3339");
  EXPECT_EQ(s.message(), "events.csv:12:3: field 'ts': bad timestamp 'x'; expected RFC 3339");
  EXPECT_EQ(InputError({"a.jsonl", 2, 0, ""}, "not JSON").message(), "a.jsonl:2: not JSON");
}

TEST(ResultTest, PropagatesErrorsThroughMacros) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());
  EXPECT_EQ(Quarter(6).status().message(), "odd");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_FALSE(CheckEven(5).ok());
}

TEST(ResultTest, OkStatusIsNotAValue) {
  Result<int> r = Status::Ok();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace learnloop
