#include "learnloop/app/input.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace learnloop::app {

Result<Day> ParseDay(std::string_view field, const std::string& text, Day today) {
  if (text == "today") return today;
  if (text.rfind("today-", 0) == 0 || text.rfind("today+", 0) == 0) {
    std::string_view n(text.data() + 6, text.size() - 6);
    int days = 0;
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), days);
    if (ec == std::errc() && end == n.data() + n.size() && !n.empty() && days >= 0 && days <= 36500)
      return text[5] == '-' ? today - days : today + days;
  }
  auto day = ParseDate(text);
  if (!day.ok())
    return InvalidArgument(
        fmt::format("{} '{}': expected a date like 2024-05-01, 'today', 'today-30' or 'today+7'", field, text));
  return day;
}

namespace {

Result<AttributeFilter> ParseFilter(const std::string& spec) {
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
    return InvalidArgument(
        fmt::format("--person '{}': expected ATTRIBUTE=VALUE or ATTRIBUTE=VALUE,VALUE (e.g. membership=member)", spec));
  return filter;
}

}  // namespace

Result<std::vector<AttributeFilter>> ParseGroup(const std::vector<std::string>& specs) {
  std::vector<AttributeFilter> group;
  for (const std::string& spec : specs) {
    LL_ASSIGN_OR_RETURN(AttributeFilter filter, ParseFilter(spec));
    for (const AttributeFilter& earlier : group) {
      if (earlier.attribute == filter.attribute)
        return InvalidArgument(
            fmt::format("--person names '{}' twice; list its values once, separated by commas", filter.attribute));
    }
    group.push_back(std::move(filter));
  }
  return group;
}

}  // namespace learnloop::app

namespace learnloop::json {

Json GroupJson(const std::vector<AttributeFilter>& group) {
  auto doc = Json::object();
  for (const AttributeFilter& f : group) doc[f.attribute] = f.values;
  return doc;
}

}  // namespace learnloop::json
