// A built EventTable saved to a file, so that a command can start from the
// engine's own columns instead of re-reading and re-sorting every event from
// the store (about 9 s for 10 million events). The file is a cache: it holds
// a key naming the data it was built from, and a reader that finds another
// key, another format or anything inconsistent ignores the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "engine/event_table.h"
#include "learnloop/status.h"

namespace learnloop::engine {

// What a table was built from: the store's events version (it changes
// whenever events are added) and the time zone of its local days.
struct SnapshotKey {
  int64_t events_version = 0;
  std::string time_zone;
  bool operator==(const SnapshotKey&) const = default;
};

// Writes `table` to `file` through a temporary file in the same directory
// renamed into place, so readers see the old file or the whole new one.
// IoError when the directory cannot be written.
Status WriteSnapshot(const EventTable& table, const SnapshotKey& key, const std::filesystem::path& file);

// The table saved in `file`; nullopt when there is no file, it was saved for
// another key or format, or it is damaged (checked: sizes, ids within their
// dictionaries, person ranges).
std::optional<EventTable> ReadSnapshot(const std::filesystem::path& file, const SnapshotKey& key);

// The same for a snapshot's bytes already in memory (tests, the fuzzer).
std::optional<EventTable> ReadSnapshotBytes(std::string_view bytes, const SnapshotKey& key);

}  // namespace learnloop::engine
