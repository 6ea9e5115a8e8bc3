#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "learnloop/loop.h"
#include "loop/names.h"

namespace learnloop {
namespace {

std::string EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : loop::Trim(value);
}

Timestamp Now() {
  auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  return Timestamp{now.time_since_epoch().count()};
}

}  // namespace

Result<LoopOptions> ResolveLoopOptions(std::string_view as_flag, std::string_view today_flag, Day workspace_today) {
  LoopOptions options;
  options.now = Now();
  options.actor = loop::Trim(as_flag);
  if (options.actor.empty()) options.actor = EnvOrEmpty("USER");
  if (options.actor.empty()) options.actor = "unknown";
  options.today = workspace_today;
  std::string today = loop::Trim(today_flag);
  std::string source = "--today";
  if (today.empty()) {
    today = EnvOrEmpty("LEARNLOOP_TODAY");
    source = "LEARNLOOP_TODAY";
  }
  if (!today.empty()) {
    auto day = ParseDate(today);
    if (!day.ok()) return InvalidArgument(fmt::format("{} '{}': expected a date like 2024-05-01", source, today));
    options.today = *day;
  }
  return options;
}

}  // namespace learnloop
