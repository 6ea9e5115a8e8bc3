#include "server/http_errors.h"

#include <gtest/gtest.h>

namespace learnloop::server {
namespace {

TEST(HttpErrorsTest, MapsEveryStatusCodeOnce) {
  EXPECT_EQ(HttpStatus(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatus(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatus(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatus(StatusCode::kTooManyRequests), 429);
  EXPECT_EQ(HttpStatus(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatus(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatus(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatus(StatusCode::kBusy), 503);
  EXPECT_EQ(HttpStatus(StatusCode::kCorrupt), 500);
}

TEST(HttpErrorsTest, BodyHasCodeMessageAndField) {
  json::Json body = ErrorBody(InvalidArgument("as-of: not a day"));
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["message"], "as-of: not a day");
  EXPECT_TRUE(body["error"]["field"].is_null());
  EXPECT_EQ(ErrorBody("too_large", "big", "file")["error"]["field"], "file");
}

}  // namespace
}  // namespace learnloop::server
