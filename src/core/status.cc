#include "learnloop/status.h"

#include <fmt/format.h>

namespace learnloop {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kAlreadyExists:
      return "already exists";
    case StatusCode::kFailedPrecondition:
      return "failed precondition";
    case StatusCode::kIoError:
      return "i/o error";
    case StatusCode::kBusy:
      return "busy";
    case StatusCode::kCorrupt:
      return "corrupt";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kPermissionDenied:
      return "permission denied";
    case StatusCode::kTooManyRequests:
      return "too many requests";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code_, fmt::format("{}: {}", context, message_));
}

Status InvalidArgument(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
Status AlreadyExists(std::string message) { return {StatusCode::kAlreadyExists, std::move(message)}; }
Status FailedPrecondition(std::string message) { return {StatusCode::kFailedPrecondition, std::move(message)}; }
Status IoError(std::string message) { return {StatusCode::kIoError, std::move(message)}; }
Status Busy(std::string message) { return {StatusCode::kBusy, std::move(message)}; }
Status Corrupt(std::string message) { return {StatusCode::kCorrupt, std::move(message)}; }
Status Unauthenticated(std::string message) { return {StatusCode::kUnauthenticated, std::move(message)}; }
Status PermissionDenied(std::string message) { return {StatusCode::kPermissionDenied, std::move(message)}; }
Status TooManyRequests(std::string message) { return {StatusCode::kTooManyRequests, std::move(message)}; }
Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

Status InputError(const InputLocation& where, std::string_view problem, std::string_view expected) {
  std::string out = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line > 0) out += fmt::format(":{}", where.line);
  if (where.line > 0 && where.column > 0) out += fmt::format(":{}", where.column);
  out += ": ";
  if (!where.field.empty()) out += fmt::format("field '{}': ", where.field);
  out += problem;
  if (!expected.empty()) out += fmt::format("; expected {}", expected);
  return InvalidArgument(std::move(out));
}

}  // namespace learnloop
