// Status and Result<T>: how learnloop reports expected failures (bad input,
// missing files, conflicts). Messages are written for the person running the
// command: what went wrong, where (file, line, field) and what was expected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace learnloop {

enum class StatusCode {
  kOk,
  kInvalidArgument,  // bad input: a row, a flag, a config value
  kNotFound,         // a file, workspace or named thing does not exist
  kAlreadyExists,
  kFailedPrecondition,  // the workspace is not in a state that allows this
  kIoError,             // the operating system refused (permissions, disk)
  kBusy,                // another process holds the workspace
  kCorrupt,             // stored data is not what learnloop wrote
  kUnauthenticated,     // a wrong email, password or token: say who you are
  kPermissionDenied,    // known, but the role does not allow this
  kTooManyRequests,     // a limit on attempts was reached: wait, then try again
  kInternal,
};

// The name used in messages, e.g. "invalid argument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prepends where the failure happened: "importing a.csv: " + message.
  Status WithContext(std::string_view context) const;

  // Marks an error as handled on purpose, e.g. in cleanup paths.
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status InvalidArgument(std::string message);
Status NotFound(std::string message);
Status AlreadyExists(std::string message);
Status FailedPrecondition(std::string message);
Status IoError(std::string message);
Status Busy(std::string message);
Status Corrupt(std::string message);
Status Unauthenticated(std::string message);
Status PermissionDenied(std::string message);
Status TooManyRequests(std::string message);
Status Internal(std::string message);

// Where in an input a problem sits. Empty parts are left out of messages.
struct InputLocation {
  std::string file;
  int64_t line = 0;    // 1-based; 0 when unknown
  int64_t column = 0;  // 1-based; 0 when unknown
  std::string field;   // column name or JSON key
};

// "events.csv:12:3: field 'ts': <problem>; expected <expected>"
Status InputError(const InputLocation& where, std::string_view problem, std::string_view expected = {});

// Either a value or a failed Status. [[nodiscard]] like Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(data_).ok()) data_ = Status(StatusCode::kInternal, "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  Status status() const { return ok() ? Status() : std::get<Status>(data_); }

  // Precondition: ok().
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

namespace internal {
inline Status AsStatus(const Status& s) { return s; }
template <typename T>
Status AsStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace learnloop

#define LL_CONCAT_INNER(a, b) a##b
#define LL_CONCAT(a, b) LL_CONCAT_INNER(a, b)

// Returns the failed Status of `expr` (a Status or Result) from the caller.
#define LL_RETURN_IF_ERROR(expr)                                                                      \
  do {                                                                                                \
    if (auto ll_status_ = ::learnloop::internal::AsStatus(expr); !ll_status_.ok()) return ll_status_; \
  } while (false)

// `LL_ASSIGN_OR_RETURN(auto x, MakeX());` unwraps a Result or returns its error.
#define LL_ASSIGN_OR_RETURN(lhs, expr) LL_ASSIGN_OR_RETURN_IMPL(LL_CONCAT(ll_result_, __LINE__), lhs, expr)
#define LL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
