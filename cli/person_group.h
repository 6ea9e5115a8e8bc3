// --person ATTRIBUTE=VALUE[,VALUE...]: the group of people a report is for,
// shared by the ladder, metric and evaluate commands.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <string_view>
#include <vector>

#include "cli_context.h"
#include "learnloop/people.h"

namespace learnloop::cli {

// The group --person names: "membership=member" "City=Berlin,Hamburg".
inline Result<std::vector<AttributeFilter>> ParseGroup(const std::vector<std::string>& specs) {
  std::vector<AttributeFilter> group;
  for (const std::string& spec : specs) {
    const size_t eq = spec.find('=');
    AttributeFilter filter;
    if (eq != std::string::npos) filter.attribute = spec.substr(0, eq);
    std::string_view rest = eq == std::string::npos ? std::string_view() : std::string_view(spec).substr(eq + 1);
    while (!rest.empty()) {
      const size_t comma = std::min(rest.find(','), rest.size());
      if (comma > 0) filter.values.emplace_back(rest.substr(0, comma));
      rest.remove_prefix(std::min(comma + 1, rest.size()));
    }
    if (filter.attribute.empty() || filter.values.empty())
      return InvalidArgument(fmt::format(
          "--person '{}': expected ATTRIBUTE=VALUE or ATTRIBUTE=VALUE,VALUE (e.g. membership=member)", spec));
    for (const AttributeFilter& earlier : group) {
      if (earlier.attribute == filter.attribute)
        return InvalidArgument(
            fmt::format("--person names '{}' twice; list its values once, separated by commas", filter.attribute));
    }
    group.push_back(std::move(filter));
  }
  return group;
}

// "membership = member, City = Berlin or Hamburg"
inline std::string GroupText(const std::vector<AttributeFilter>& group) {
  std::vector<std::string> parts;
  parts.reserve(group.size());
  for (const AttributeFilter& f : group)
    parts.push_back(fmt::format("{} = {}", f.attribute, fmt::join(f.values, " or ")));
  return fmt::format("{}", fmt::join(parts, ", "));
}

inline nlohmann::ordered_json GroupJson(const std::vector<AttributeFilter>& group) {
  auto doc = nlohmann::ordered_json::object();
  for (const AttributeFilter& f : group) doc[f.attribute] = f.values;
  return doc;
}

// Adds --person to a command.
inline void AddPersonOption(CLI::App& cmd, std::vector<std::string>& specs) {
  cmd.add_option("--person", specs,
                 "Only people whose CRM attribute holds a value: ATTRIBUTE=VALUE[,VALUE...]; repeat for more "
                 "attributes (see `learnloop people attributes`)");
}

}  // namespace learnloop::cli
