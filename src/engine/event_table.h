// The in-memory columnar event table: one column per event field, strings
// dictionary-encoded, rows sorted by (person, ts) so that analyses make one
// pass per person. Built once from a stream of events; read-only afterwards
// and safe to share between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/string_dictionary.h"
#include "learnloop/event.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::engine {

using PersonId = uint32_t;
using ChannelId = uint16_t;
using KindId = uint16_t;
static_assert(kMaxChannels - 1 <= std::numeric_limits<ChannelId>::max());
static_assert(kMaxKinds - 1 <= std::numeric_limits<KindId>::max());
static_assert(kMaxEvents <= std::numeric_limits<uint32_t>::max());

// Row i is one event. Rows of person p are [person_offsets[p],
// person_offsets[p + 1]) and ordered by ts; equal ts keep insertion order.
struct EventTable {
  std::vector<PersonId> person;
  std::vector<int64_t> ts;  // UTC microseconds
  std::vector<Day> day;     // local day in `time_zone`
  std::vector<ChannelId> channel;
  std::vector<KindId> kind;
  std::vector<uint32_t> content;         // "" when the event names no content
  std::vector<double> value;             // NaN when the event has no value
  std::vector<uint32_t> tags;            // the normalized ';'-joined tag list
  std::vector<uint32_t> person_offsets;  // people() + 1 entries

  StringDictionary persons;
  StringDictionary channels;
  StringDictionary kinds;
  StringDictionary contents;
  StringDictionary tag_lists;
  StringArena arena;  // owns the bytes all dictionaries point to
  std::string time_zone;

  size_t size() const { return ts.size(); }
  size_t people() const { return persons.size(); }
  uint32_t PersonBegin(PersonId p) const { return person_offsets[p]; }
  uint32_t PersonEnd(PersonId p) const { return person_offsets[p + 1]; }

  std::string_view PersonName(PersonId id) const { return persons[id]; }
  std::string_view ChannelName(ChannelId id) const { return channels[id]; }
  std::string_view KindName(KindId id) const { return kinds[id]; }
  std::string_view ContentName(uint32_t id) const { return contents[id]; }
  std::string_view TagsText(uint32_t id) const { return tag_lists[id]; }

  // Id lookups by name; nullopt when no event has that name. FindPerson
  // scans all people, so it is for one-off lookups only.
  std::optional<KindId> FindKind(std::string_view name) const;
  std::optional<ChannelId> FindChannel(std::string_view name) const;
  std::optional<PersonId> FindPerson(std::string_view name) const;

  // Row i as an owning event (for tests, exports and debugging).
  Event EventAt(size_t row) const;

  // Heap bytes held: columns, dictionaries and the string arena.
  size_t MemoryBytes() const;
};

// The events of the people whose entry in `keep` (per PersonId) is set, as
// a table of their own: people renumbered densely in their old order, the
// other dictionaries unchanged. Precondition: keep.size() == table.people().
EventTable SelectPeople(const EventTable& table, const std::vector<char>& keep);

// The events with person p renamed `names[p]`: people given one name
// become one person, their events in ts order (equal ts: the old people's
// order, then row order); people numbered in the order of their first old
// id. Precondition: names.size() == table.people().
EventTable RenamePeople(const EventTable& table, const std::vector<std::string_view>& names);

// Collects events, then sorts and freezes them into an EventTable.
class EventTableBuilder {
 public:
  // Copies the event's strings; `event` may be reused by the caller.
  // FailedPrecondition when the event would pass kMaxChannels, kMaxKinds or
  // kMaxEvents (imports refuse such files, so only a workspace filled before
  // that check can); the builder is then unusable and must be dropped.
  [[nodiscard]] Status Add(const EventView& event);
  size_t size() const { return ts_.size(); }

  // Local days follow `zone`. The builder is consumed.
  EventTable Build(const TimeZone& zone) &&;

 private:
  StringArena arena_;
  StringInterner persons_;
  StringInterner channels_;
  StringInterner kinds_;
  StringInterner contents_;
  StringInterner tag_lists_;
  std::vector<PersonId> person_;
  std::vector<int64_t> ts_;
  std::vector<ChannelId> channel_;
  std::vector<KindId> kind_;
  std::vector<uint32_t> content_;
  std::vector<double> value_;
  std::vector<uint32_t> tags_;
};

}  // namespace learnloop::engine
