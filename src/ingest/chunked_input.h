// Input text read in bounded chunks, so that no reader holds a whole file:
// the bytes a reader has not consumed stay in a window of at most one record
// plus one chunk. Only regular files are read; a device, FIFO, socket or
// directory is refused before a byte is read, since it may never end or
// never deliver.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop::ingest {

// The longest record (a line, or a CSV row whose quoted fields hold line
// breaks) any reader accepts: longer means a broken file, not data.
inline constexpr size_t kMaxRecordBytes = size_t{1} << 20;
// How much a file read asks for at once.
inline constexpr size_t kDefaultChunkBytes = size_t{256} << 10;

class ChunkedInput {
 public:
  // Opens `file`: NotFound when it does not exist, InvalidArgument naming
  // its type for anything but a regular file, IoError when it cannot be
  // read. `name` names it in messages (the path when empty).
  static Result<std::unique_ptr<ChunkedInput>> Open(const std::filesystem::path& file, std::string name = {},
                                                    size_t chunk_bytes = kDefaultChunkBytes);
  // Hands out `bytes` `chunk_bytes` at a time, like a file (tests, fuzzers).
  static std::unique_ptr<ChunkedInput> FromBytes(std::string bytes, std::string name,
                                                 size_t chunk_bytes = kDefaultChunkBytes);
  // The same over bytes the caller keeps: `bytes` must outlive the input,
  // which copies none of them.
  static std::unique_ptr<ChunkedInput> FromView(std::string_view bytes, std::string name,
                                                size_t chunk_bytes = kDefaultChunkBytes);

  ChunkedInput(const ChunkedInput&) = delete;
  ChunkedInput& operator=(const ChunkedInput&) = delete;
  ~ChunkedInput();

  // The bytes read and not yet dropped; valid until the next ReadMore.
  std::string_view window() const {
    return fd_ < 0 ? source_.substr(window_begin_, window_end_ - window_begin_) : std::string_view(buffer_);
  }
  // True once the source has no more bytes to give.
  bool at_end() const { return at_end_; }

  // Drops the first `consumed` bytes of the window and appends the next
  // chunk, or as many bytes as the window still holds when that is more
  // (so a long record is read in a few steps, not one chunk at a time).
  // Returns false, with only the drop done, at the end of the input.
  Result<bool> ReadMore(size_t consumed);

  // Starts over at the first byte, for a reader that reads in passes.
  Status Rewind();

  // Where window offset `offset` sits in the whole input (1-based line,
  // counting LF, and byte column).
  InputLocation LocationAt(size_t offset, std::string_view field = {}) const;

  const std::string& name() const { return name_; }

 private:
  ChunkedInput(int fd, std::string bytes, std::string name, size_t chunk_bytes);
  Result<size_t> ReadFile(char* out, size_t size);
  void Drop(size_t consumed);

  int fd_;  // -1 when reading from memory
  // In memory, the window is source_[window_begin_, window_end_): a view,
  // not a copy. source_ is owned_ or the caller's bytes.
  std::string owned_;
  std::string_view source_;
  size_t window_begin_ = 0;
  size_t window_end_ = 0;
  std::string name_;
  size_t chunk_bytes_;
  std::string buffer_;  // a file's window
  bool at_end_ = false;
  // Lines ended before the window, and bytes since the last of them.
  int64_t lines_before_ = 0;
  int64_t column_before_ = 0;
};

// The rest of `input` as one string, for a format that must hold its
// document whole (a feed): InvalidArgument "NAME is larger than any WHAT
// learnloop reads (N MiB)" beyond `max_bytes`, before more is held.
Result<std::string> ReadRest(ChunkedInput& input, size_t max_bytes, std::string_view what);

// Reads the start of `input` (at least its first KiB) and says why it
// cannot be text: "it holds NUL bytes, so it is probably binary" or "it is
// not UTF-8 text"; nullopt when it may be.
Result<std::optional<std::string_view>> ReadStartOfText(ChunkedInput& input);

// InvalidArgument "NAME is not a text file (why); expected EXPECTED" when
// ReadStartOfText finds `input` is not text.
Status RequireText(ChunkedInput& input, std::string_view expected);

// Checks one record of `input`'s window, [begin, end): UTF-8 without NUL
// bytes, else an error naming its line and column.
Status CheckRecordText(const ChunkedInput& input, size_t begin, size_t end);

}  // namespace learnloop::ingest
