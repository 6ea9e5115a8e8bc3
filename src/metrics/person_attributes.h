// Stored person attributes resolved to the people of an event table, so a
// metric's person filters become one pass over the people instead of a
// lookup per event.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/event_table.h"
#include "learnloop/people.h"
#include "learnloop/status.h"
#include "metrics/metric_defs.h"

namespace learnloop::metrics {

class PersonAttributeIndex {
 public:
  // Feeds every attribute to its visitor; the store's scan, for example.
  using Scan = std::function<Status(const std::function<Status(const PersonAttribute&)>&)>;

  // An index where nobody has any attribute.
  explicit PersonAttributeIndex(size_t people = 0) : people_(people) {}

  // Reads the attributes named in `wanted` from those `scan` yields.
  // Attributes of people without events are left out: no metric can count
  // them. A later row of the same person and attribute wins.
  static Result<PersonAttributeIndex> Build(const engine::EventTable& table, const Scan& scan,
                                            const std::set<std::string, std::less<>>& wanted);

  // Per PersonId, whether the person passes every filter. Empty (everyone
  // passes) when `filters` is empty.
  std::vector<char> Mask(const std::vector<PersonFilter>& filters) const;

 private:
  // One attribute: its distinct values, and per person the index of their
  // value plus one (0 when the person lacks the attribute).
  struct Column {
    std::map<std::string, uint32_t, std::less<>> ids;
    std::vector<uint32_t> value_of;
  };
  std::map<std::string, Column, std::less<>> columns_;
  size_t people_ = 0;
};

}  // namespace learnloop::metrics
