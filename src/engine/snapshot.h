// A built EventTable saved to a file, so that a command can start from the
// engine's own columns instead of re-reading and re-sorting every event from
// the store (about 9 s for 10 million events). The file is a cache: it holds
// a key naming the data it was built from and a checksum of its bytes, and
// a reader that finds another key, another format, a checksum that does
// not match or anything inconsistent ignores the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "engine/event_table.h"
#include "learnloop/status.h"

namespace learnloop::engine {

// What a table was built from: the store's events version (an id that no
// other contents of any store share, see Store::EventsVersion) and the time
// zone of its local days.
struct SnapshotKey {
  std::string events_version;
  std::string time_zone;
  bool operator==(const SnapshotKey&) const = default;
};

// Writes `table` to `file` through an OutputFile (a new temporary file
// renamed into place; a link at `file` is replaced, never followed), so
// readers see the old file or the whole new one. IoError when the directory
// cannot be written.
Status WriteSnapshot(const EventTable& table, const SnapshotKey& key, const std::filesystem::path& file);

// The table saved in `file`; nullopt when there is no file, it was saved for
// another key or format, or it is damaged (checked: the checksum, sizes, ids
// within their dictionaries, person ranges).
std::optional<EventTable> ReadSnapshot(const std::filesystem::path& file, const SnapshotKey& key);

// Rewrites the checksum at the end of a snapshot's bytes to match the rest,
// so that tests and the fuzzer can reach the checks behind it.
void ResealSnapshotBytes(std::string& bytes);

// The same for a snapshot's bytes already in memory (tests, the fuzzer).
std::optional<EventTable> ReadSnapshotBytes(std::string_view bytes, const SnapshotKey& key);

}  // namespace learnloop::engine
