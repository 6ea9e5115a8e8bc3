// Reads event files: the canonical CSV or JSON Lines, or another CSV through
// a column mapping. Every problem is reported with file, line, column/key
// and what was expected; callers treat any error as "reject the file".
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "ingest/chunked_input.h"
#include "learnloop/event.h"
#include "learnloop/status.h"

namespace learnloop::ingest {

class ColumnMapping;  // column_mapping.h

struct ReadOptions {
  // Maps a non-canonical CSV's columns onto the canonical ones; CSV only.
  const ColumnMapping* mapping = nullptr;
  // The name used in messages; defaults to the file's path.
  std::string display_name;
  // How many bytes OpenEventBuffer hands the reader at once (tests of
  // records that straddle chunks).
  size_t chunk_bytes = kDefaultChunkBytes;
};

struct ReadCounts {
  int64_t rows = 0;          // data rows read so far
  int64_t custom_kinds = 0;  // rows whose kind is not built in
};

class EventReader {
 public:
  virtual ~EventReader() = default;
  // Reads the next event into *out. Returns false at the end of the input.
  // The views in *out stay valid until the next call. After an error the
  // reader must not be used again.
  virtual Result<bool> Next(EventView* out) = 0;
  virtual const ReadCounts& counts() const = 0;
};

// Opens `file`, detects CSV or JSON Lines from its first bytes, and checks
// the header. Fails with a clear message for an empty or unreadable file,
// anything but a regular file (a device or FIFO), a binary file, a file that
// is neither format, or a header that lacks a required column or names an
// unknown one.
//
// Details: the file is read a chunk at a time (ChunkedInput), so memory
// does not grow with it. A UTF-8 BOM is skipped; the first non-blank byte
// '{' means JSON Lines, anything else CSV. A file with only blanks is
// "empty" (an error); a header without rows is a valid file of zero events.
// Each record must be UTF-8 without NUL bytes and at most kMaxRecordBytes
// long; content at most kMaxContentBytes. Surrounding
// whitespace is trimmed from every field but content; kind is lower-cased;
// tags are normalized ("a; b;" -> "a;b"). `options.mapping` must outlive the
// reader.
Result<std::unique_ptr<EventReader>> OpenEventFile(const std::filesystem::path& file, const ReadOptions& options);

// Same over bytes already in memory (tests, fuzzers, stdin).
Result<std::unique_ptr<EventReader>> OpenEventBuffer(std::string bytes, const ReadOptions& options);

}  // namespace learnloop::ingest
