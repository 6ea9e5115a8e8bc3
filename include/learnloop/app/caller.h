// Who calls an operation of the application layer.
#pragma once

#include <optional>
#include <string>

#include "learnloop/time.h"

namespace learnloop::app {

// Who asks, from where and for which day: the actor recorded for changes
// ("unknown" when empty), the source the audit log names ("cli",
// "web 192.0.2.7"; "unknown" when empty) and the day taken as today (the
// workspace's today when unset). Front ends resolve them from flags, the
// environment or a login.
struct Caller {
  std::string actor;
  std::optional<Day> today;
  std::string source;
};

}  // namespace learnloop::app
