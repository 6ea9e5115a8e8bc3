#include "engine/event_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace learnloop::engine {
namespace {

template <typename T>
size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// What a workspace holds too much of for the engine; the import that
// brought it in predates the import-time check.
Status OverLimit(std::string_view what, int64_t limit) {
  return FailedPrecondition(fmt::format(
      "the workspace holds more than {} {}, the most learnloop can analyse; it was filled before imports checked "
      "this limit, so re-create it from files that map their columns onto fewer channels and kinds",
      limit, what));
}

// Rows grouped by person (a stable counting sort: person ids are dense),
// then each person's rows ordered by ts. Returns the row order and fills
// `offsets`.
std::vector<uint32_t> SortByPersonThenTime(const std::vector<PersonId>& person, const std::vector<int64_t>& ts,
                                           size_t people, std::vector<uint32_t>& offsets) {
  offsets.assign(people + 1, 0);
  for (PersonId p : person) ++offsets[p + 1];
  for (size_t p = 0; p < people; ++p) offsets[p + 1] += offsets[p];
  std::vector<uint32_t> order(person.size());
  std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
  for (uint32_t row = 0; row < person.size(); ++row) order[next[person[row]]++] = row;
  auto earlier = [&ts](uint32_t a, uint32_t b) { return ts[a] < ts[b] || (ts[a] == ts[b] && a < b); };
  for (size_t p = 0; p < people; ++p) {
    auto begin = order.begin() + offsets[p];
    auto end = order.begin() + offsets[p + 1];
    // Imports usually arrive in time order, so most runs are sorted already.
    if (!std::is_sorted(begin, end, earlier)) std::sort(begin, end, earlier);
  }
  return order;
}

template <typename T>
std::vector<T> Gather(std::vector<T>& column, const std::vector<uint32_t>& order) {
  std::vector<T> sorted(order.size());
  for (size_t i = 0; i < order.size(); ++i) sorted[i] = column[order[i]];
  std::vector<T>().swap(column);
  return sorted;
}

}  // namespace

std::optional<KindId> EventTable::FindKind(std::string_view name) const {
  auto id = kinds.Find(name);
  if (!id) return std::nullopt;
  return static_cast<KindId>(*id);
}

std::optional<ChannelId> EventTable::FindChannel(std::string_view name) const {
  auto id = channels.Find(name);
  if (!id) return std::nullopt;
  return static_cast<ChannelId>(*id);
}

std::optional<PersonId> EventTable::FindPerson(std::string_view name) const { return persons.Find(name); }

Event EventTable::EventAt(size_t row) const {
  std::optional<double> v;
  if (!std::isnan(value[row])) v = value[row];
  return Event{Timestamp{ts[row]},
               std::string(ChannelName(channel[row])),
               std::string(PersonName(person[row])),
               std::string(KindName(kind[row])),
               std::string(ContentName(content[row])),
               v,
               std::string(TagsText(tags[row]))};
}

size_t EventTable::MemoryBytes() const {
  return VectorBytes(person) + VectorBytes(ts) + VectorBytes(day) + VectorBytes(channel) + VectorBytes(kind) +
         VectorBytes(content) + VectorBytes(value) + VectorBytes(tags) + VectorBytes(person_offsets) +
         persons.MemoryBytes() + channels.MemoryBytes() + kinds.MemoryBytes() + contents.MemoryBytes() +
         tag_lists.MemoryBytes() + arena.MemoryBytes() + time_zone.capacity();
}

Status EventTableBuilder::Add(const EventView& event) {
  if (static_cast<int64_t>(ts_.size()) >= kMaxEvents) return OverLimit("events", kMaxEvents);
  const std::optional<uint32_t> person = persons_.Intern(event.person, arena_);
  const std::optional<uint32_t> channel = channels_.Intern(event.channel, arena_);
  const std::optional<uint32_t> kind = kinds_.Intern(event.kind, arena_);
  const std::optional<uint32_t> content = contents_.Intern(event.content, arena_);
  const std::optional<uint32_t> tags = tag_lists_.Intern(event.tags, arena_);
  if (!channel || *channel >= kMaxChannels) return OverLimit("channels", kMaxChannels);
  if (!kind || *kind >= kMaxKinds) return OverLimit("kinds", kMaxKinds);
  // Fewer events than 2^32 intern fewer strings than that, so only a string
  // of 4 GiB fails here.
  if (!person || !content || !tags) return FailedPrecondition("an event's person, content or tags is 4 GiB or longer");
  person_.push_back(*person);
  ts_.push_back(event.ts.micros);
  channel_.push_back(static_cast<ChannelId>(*channel));
  kind_.push_back(static_cast<KindId>(*kind));
  content_.push_back(*content);
  value_.push_back(event.value.value_or(std::numeric_limits<double>::quiet_NaN()));
  tags_.push_back(*tags);
  return Status::Ok();
}

EventTable EventTableBuilder::Build(const TimeZone& zone) && {
  EventTable table;
  table.time_zone = zone.name();
  // Days are computed in arrival order, which is usually time order, where
  // the cache hits almost always; person order would jump back in time.
  std::vector<Day> days(ts_.size());
  LocalDayCache cache(zone);
  for (size_t i = 0; i < ts_.size(); ++i) days[i] = cache.LocalDay(Timestamp{ts_[i]});

  std::vector<uint32_t> order = SortByPersonThenTime(person_, ts_, persons_.size(), table.person_offsets);
  table.person.resize(order.size());
  for (PersonId p = 0; p < persons_.size(); ++p) {
    std::fill(table.person.begin() + table.person_offsets[p], table.person.begin() + table.person_offsets[p + 1], p);
  }
  std::vector<PersonId>().swap(person_);
  table.ts = Gather(ts_, order);
  table.day = Gather(days, order);
  table.channel = Gather(channel_, order);
  table.kind = Gather(kind_, order);
  table.content = Gather(content_, order);
  table.value = Gather(value_, order);
  table.tags = Gather(tags_, order);

  table.persons = std::move(persons_).Freeze();
  table.channels = std::move(channels_).Freeze();
  table.kinds = std::move(kinds_).Freeze();
  table.contents = std::move(contents_).Freeze();
  table.tag_lists = std::move(tag_lists_).Freeze();
  table.arena = std::move(arena_);
  return table;
}

namespace {

StringDictionary CopyInto(const StringDictionary& from, StringArena& arena) {
  std::vector<std::string_view> values;
  values.reserve(from.size());
  for (size_t id = 0; id < from.size(); ++id) values.push_back(arena.Copy(from[id]));
  return StringDictionary(std::move(values));
}

// A table without events or people that has `table`'s time zone and
// channel, kind, content and tag dictionaries, copied into its own arena.
EventTable WithDictionariesOf(const EventTable& table) {
  EventTable out;
  out.time_zone = table.time_zone;
  out.channels = CopyInto(table.channels, out.arena);
  out.kinds = CopyInto(table.kinds, out.arena);
  out.contents = CopyInto(table.contents, out.arena);
  out.tag_lists = CopyInto(table.tag_lists, out.arena);
  return out;
}

template <typename T>
void AppendRange(std::vector<T>& to, const std::vector<T>& from, uint32_t begin, uint32_t end) {
  to.insert(to.end(), from.begin() + begin, from.begin() + end);
}

}  // namespace

EventTable SelectPeople(const EventTable& table, const std::vector<char>& keep) {
  EventTable out = WithDictionariesOf(table);
  std::vector<std::string_view> persons;
  out.person_offsets.push_back(0);
  for (PersonId p = 0; p < table.people(); ++p) {
    if (!keep[p]) continue;
    const uint32_t begin = table.PersonBegin(p);
    const uint32_t end = table.PersonEnd(p);
    out.person.insert(out.person.end(), end - begin, static_cast<PersonId>(persons.size()));
    persons.push_back(out.arena.Copy(table.PersonName(p)));
    AppendRange(out.ts, table.ts, begin, end);
    AppendRange(out.day, table.day, begin, end);
    AppendRange(out.channel, table.channel, begin, end);
    AppendRange(out.kind, table.kind, begin, end);
    AppendRange(out.content, table.content, begin, end);
    AppendRange(out.value, table.value, begin, end);
    AppendRange(out.tags, table.tags, begin, end);
    out.person_offsets.push_back(static_cast<uint32_t>(out.ts.size()));
  }
  out.persons = StringDictionary(std::move(persons));
  return out;
}

EventTable RenamePeople(const EventTable& table, const std::vector<std::string_view>& names) {
  // New person ids by first old id, and each new person's old people.
  std::unordered_map<std::string_view, PersonId> id_of;
  std::vector<std::vector<PersonId>> members;
  for (PersonId p = 0; p < table.people(); ++p) {
    auto [it, added] = id_of.try_emplace(names[p], static_cast<PersonId>(members.size()));
    if (added) members.emplace_back();
    members[it->second].push_back(p);
  }
  // The new row order: each new person's rows, merged by ts.
  std::vector<uint32_t> order;
  order.reserve(table.size());
  EventTable out = WithDictionariesOf(table);
  std::vector<std::string_view> persons;
  persons.reserve(members.size());
  out.person.reserve(table.size());
  out.person_offsets.reserve(members.size() + 1);
  out.person_offsets.push_back(0);
  for (const std::vector<PersonId>& group : members) {
    const size_t first = order.size();
    for (PersonId p : group)
      for (uint32_t row = table.PersonBegin(p); row < table.PersonEnd(p); ++row) order.push_back(row);
    if (group.size() > 1)
      std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(first), order.end(),
                       [&](uint32_t x, uint32_t y) { return table.ts[x] < table.ts[y]; });
    out.person.insert(out.person.end(), order.size() - first, static_cast<PersonId>(persons.size()));
    persons.push_back(out.arena.Copy(names[group.front()]));
    out.person_offsets.push_back(static_cast<uint32_t>(order.size()));
  }
  out.persons = StringDictionary(std::move(persons));
  auto gather = [&order](const auto& from) {
    std::remove_cvref_t<decltype(from)> to;
    to.reserve(order.size());
    for (uint32_t row : order) to.push_back(from[row]);
    return to;
  };
  out.ts = gather(table.ts);
  out.day = gather(table.day);
  out.channel = gather(table.channel);
  out.kind = gather(table.kind);
  out.content = gather(table.content);
  out.value = gather(table.value);
  out.tags = gather(table.tags);
  return out;
}

}  // namespace learnloop::engine
