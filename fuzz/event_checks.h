// What every event a reader returns must satisfy, whatever the input; the
// fuzzers abort when it does not, so libFuzzer reports the input.
#pragma once

#include <cstdlib>
#include <string>

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
    Require(!ingest::FindInvalidUtf8(text).has_value() && text.find('\0') == std::string_view::npos);
  Require(e.tags.empty() || (e.tags.front() != ';' && e.tags.back() != ';' && e.tags.find(";;") == e.tags.npos));
}

// Reads `bytes` to the end or the first error, checking each event and
// that every error carries a message.
inline void ReadEverything(std::string bytes, const ingest::ReadOptions& options) {
  auto reader = ingest::OpenEventBuffer(std::move(bytes), options);
  if (!reader.ok()) {
    Require(!reader.status().message().empty());
    return;
  }
  EventView event;
  int64_t rows = 0;
  while (true) {
    Result<bool> more = (*reader)->Next(&event);
    if (!more.ok()) {
      Require(!more.status().message().empty());
      return;
    }
    if (!*more) break;
    CheckEvent(event);
    ++rows;
  }
  Require((*reader)->counts().rows == rows);
}

}  // namespace learnloop::fuzz
