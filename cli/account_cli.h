// What the account commands (user, token, audit) share: --as, the caller
// they record, and a time as the tables print it.
#pragma once

#include <string>

#include "cli_context.h"
#include "learnloop/app/members.h"

namespace learnloop::cli {

// Changes made here are recorded as --as (else $USER) from "cli".
inline app::Caller CliCaller(const std::string& as_flag) {
  return app::Caller{ResolveActor(as_flag), std::nullopt, "cli"};
}

inline void AddAsFlag(CLI::App& cmd, std::string& as) {
  cmd.add_option("--as", as, "Who makes the change, for the audit log (default: $USER)");
}

// "2024-05-01 10:00" (UTC) for tables.
inline std::string MinuteText(Timestamp at) { return FormatRfc3339(at).substr(0, 16).replace(10, 1, " "); }

}  // namespace learnloop::cli
