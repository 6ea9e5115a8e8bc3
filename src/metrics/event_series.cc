#include "metrics/event_series.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace learnloop::metrics {
namespace {

// Per dictionary id: whether the name passes `wanted` (everything passes
// an empty list).
std::vector<char> NameMask(const engine::StringDictionary& names, const std::vector<std::string>& wanted) {
  std::vector<char> mask(names.size(), wanted.empty() ? 1 : 0);
  if (wanted.empty()) return mask;
  for (size_t id = 0; id < names.size(); ++id)
    mask[id] = std::find(wanted.begin(), wanted.end(), names[id]) != wanted.end();
  return mask;
}

bool HasAnyTag(std::string_view list, const std::vector<std::string>& wanted) {
  while (!list.empty()) {
    size_t end = std::min(list.find(';'), list.size());
    if (std::find(wanted.begin(), wanted.end(), list.substr(0, end)) != wanted.end()) return true;
    list.remove_prefix(std::min(end + 1, list.size()));
  }
  return false;
}

}  // namespace

std::vector<char> TagMask(const engine::StringDictionary& lists, const std::vector<std::string>& wanted) {
  std::vector<char> mask(lists.size(), wanted.empty() ? 1 : 0);
  if (wanted.empty()) return mask;
  for (size_t id = 0; id < lists.size(); ++id) mask[id] = HasAnyTag(lists[id], wanted);
  return mask;
}

std::vector<double> EventSeries(const engine::EventTable& table, const MetricDef& def, Day from, Day to,
                                const std::vector<char>& people) {
  std::vector<double> values(static_cast<size_t>(to - from) + 1);
  const std::vector<char> kinds = NameMask(table.kinds, def.kinds);
  const std::vector<char> channels = NameMask(table.channels, def.channels);
  const std::vector<char> tags = TagMask(table.tag_lists, def.tags);
  // Rows run by person, then time, so a person's rows of one day are
  // adjacent: remembering the last (person, day) counted is enough.
  engine::PersonId last_person = UINT32_MAX;
  Day last_day = 0;
  for (size_t i = 0; i < table.size(); ++i) {
    const Day day = table.day[i];
    if (day < from || day > to || !kinds[table.kind[i]] || !channels[table.channel[i]] || !tags[table.tags[i]])
      continue;
    if (!people.empty() && !people[table.person[i]]) continue;
    double& slot = values[day - from];
    switch (def.type) {
      case MetricType::kPeople:
        if (table.person[i] == last_person && day == last_day) break;
        last_person = table.person[i];
        last_day = day;
        slot += 1;
        break;
      case MetricType::kSum:
        if (!std::isnan(table.value[i])) slot += table.value[i];
        break;
      default:
        slot += 1;
    }
  }
  return values;
}

}  // namespace learnloop::metrics
