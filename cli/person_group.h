// --person ATTRIBUTE=VALUE[,VALUE...]: the group of people a report is for,
// shared by the ladder, metric and evaluate commands. The library parses
// it (app::ParseGroup) and encodes it (json::GroupJson); here are the flag
// and the group's words in text output.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

#include "cli_context.h"
#include "learnloop/app/input.h"
#include "learnloop/people.h"

namespace learnloop::cli {

// "membership = member, City = Berlin or Hamburg"
inline std::string GroupText(const std::vector<AttributeFilter>& group) {
  std::vector<std::string> parts;
  parts.reserve(group.size());
  for (const AttributeFilter& f : group)
    parts.push_back(fmt::format("{} = {}", f.attribute, fmt::join(f.values, " or ")));
  return fmt::format("{}", fmt::join(parts, ", "));
}

// Adds --person to a command.
inline void AddPersonOption(CLI::App& cmd, std::vector<std::string>& specs) {
  cmd.add_option("--person", specs,
                 "Only people whose CRM attribute holds a value: ATTRIBUTE=VALUE[,VALUE...]; repeat for more "
                 "attributes (see `learnloop people attributes`)");
}

}  // namespace learnloop::cli
