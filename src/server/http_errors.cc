#include "server/http_errors.h"

#include <string>

namespace learnloop::server {

int HttpStatus(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kTooManyRequests:
      return 429;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kBusy:
      return 503;
    case StatusCode::kIoError:
    case StatusCode::kCorrupt:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

json::Json ErrorBody(std::string_view code, std::string_view message, std::string_view field) {
  json::Json error;
  error["code"] = code;
  error["message"] = message;
  error["field"] = field.empty() ? json::Json() : json::Json(field);
  return json::Json{{"error", error}};
}

json::Json ErrorBody(const Status& status) {
  // "invalid argument" -> "invalid_argument": codes are identifiers.
  std::string code(StatusCodeName(status.code()));
  for (char& c : code)
    if (c == ' ' || c == '/') c = '_';
  return ErrorBody(code, status.message());
}

}  // namespace learnloop::server
