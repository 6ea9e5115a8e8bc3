// What every event a reader returns must satisfy, whatever the input; the
// fuzzers abort when it does not, so libFuzzer reports the input.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

#include "ingest/event_reader.h"
#include "ingest/input_text.h"

namespace learnloop::fuzz {

inline void Require(bool condition) {
  if (!condition) std::abort();
}

inline void CheckEvent(const EventView& e) {
  Require(!e.channel.empty() && !e.person.empty());
  Require(KindProblem(e.kind).empty());
  Require(ingest::TrimAscii(e.channel) == e.channel && ingest::TrimAscii(e.person) == e.person);
  for (std::string_view text : {e.channel, e.person, e.kind, e.content, e.tags})
    Require(!learnloop::FindInvalidUtf8(text).has_value() && text.find('\0') == std::string_view::npos);
  Require(e.tags.empty() || (e.tags.front() != ';' && e.tags.back() != ';' && e.tags.find(";;") == e.tags.npos));
}

// What reading `bytes` gives: every event up to the end or the first error,
// and that error's message ("" at a clean end). Checks each event and that
// every error carries a message.
inline std::pair<std::vector<Event>, std::string> ReadThrough(std::string bytes, const ingest::ReadOptions& options) {
  auto reader = ingest::OpenEventBuffer(std::move(bytes), options);
  if (!reader.ok()) {
    Require(!reader.status().message().empty());
    return {{}, reader.status().message()};
  }
  std::vector<Event> events;
  EventView event;
  while (true) {
    Result<bool> more = (*reader)->Next(&event);
    if (!more.ok()) {
      Require(!more.status().message().empty());
      return {std::move(events), more.status().message()};
    }
    if (!*more) break;
    CheckEvent(event);
    events.push_back(Event::From(event));
  }
  Require((*reader)->counts().rows == static_cast<int64_t>(events.size()));
  return {std::move(events), ""};
}

// Reads `bytes` whole and again a few bytes at a time: where the chunks
// split records must not change a single event or message.
inline void ReadEverything(const std::string& bytes, ingest::ReadOptions options) {
  auto whole = ReadThrough(bytes, options);
  options.chunk_bytes = 1 + bytes.size() % 13;
  Require(ReadThrough(bytes, options) == whole);
}

}  // namespace learnloop::fuzz
