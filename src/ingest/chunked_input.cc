#include "ingest/chunked_input.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ingest/input_text.h"

namespace learnloop::ingest {
namespace {

std::string_view FileType(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Counts a byte-wide sum per block of 255, which vectorizes without
// widening every lane to 64 bits as std::count does.
int64_t CountLineFeeds(std::string_view text) {
  constexpr size_t kBlock = 255;
  int64_t total = 0;
  while (!text.empty()) {
    const size_t n = std::min(text.size(), kBlock);
    unsigned char block = 0;
    for (size_t i = 0; i < n; ++i) block += static_cast<unsigned char>(text[i] == '\n');
    total += block;
    text.remove_prefix(n);
  }
  return total;
}

}  // namespace

ChunkedInput::ChunkedInput(int fd, std::string bytes, std::string name, size_t chunk_bytes)
    : fd_(fd), owned_(std::move(bytes)), name_(std::move(name)), chunk_bytes_(std::max<size_t>(chunk_bytes, 1)) {
  source_ = owned_;
}

ChunkedInput::~ChunkedInput() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<ChunkedInput>> ChunkedInput::Open(const std::filesystem::path& file, std::string name,
                                                         size_t chunk_bytes) {
  if (name.empty()) name = file.string();
  // Non-blocking, so that opening a FIFO with no writer returns at once
  // and is refused below instead of waiting forever.
  int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    if (error == ENOENT) return NotFound(fmt::format("{} does not exist", name));
    return IoError(fmt::format("cannot open {}: {}", name, std::strerror(error)));
  }
  auto input = std::unique_ptr<ChunkedInput>(new ChunkedInput(fd, {}, std::move(name), chunk_bytes));
  struct stat info {};
  if (::fstat(fd, &info) != 0) return IoError(fmt::format("cannot read {}: {}", input->name_, std::strerror(errno)));
  if (!S_ISREG(info.st_mode))
    return InvalidArgument(fmt::format("{} is {}; expected a regular file (save the data to a file first)",
                                       input->name_, FileType(info.st_mode)));
  return input;
}

std::unique_ptr<ChunkedInput> ChunkedInput::FromBytes(std::string bytes, std::string name, size_t chunk_bytes) {
  return std::unique_ptr<ChunkedInput>(new ChunkedInput(-1, std::move(bytes), std::move(name), chunk_bytes));
}

std::unique_ptr<ChunkedInput> ChunkedInput::FromView(std::string_view bytes, std::string name, size_t chunk_bytes) {
  auto input = std::unique_ptr<ChunkedInput>(new ChunkedInput(-1, {}, std::move(name), chunk_bytes));
  input->source_ = bytes;
  return input;
}

Result<size_t> ChunkedInput::ReadFile(char* out, size_t size) {
  while (true) {
    ssize_t n = ::read(fd_, out, size);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno != EINTR) return IoError(fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
  }
}

void ChunkedInput::Drop(size_t consumed) {
  const std::string_view dropped = window().substr(0, consumed);
  consumed = dropped.size();
  size_t last_lf = dropped.rfind('\n');
  if (last_lf == std::string_view::npos) {
    column_before_ += static_cast<int64_t>(consumed);
  } else {
    lines_before_ += CountLineFeeds(dropped);
    column_before_ = static_cast<int64_t>(consumed - last_lf - 1);
  }
  if (fd_ < 0) {
    window_begin_ += consumed;
  } else {
    buffer_.erase(0, consumed);
  }
}

Result<bool> ChunkedInput::ReadMore(size_t consumed) {
  Drop(consumed);
  if (at_end_) return false;
  // At least as much again as the window holds: a reader that scans a long
  // record again from its start after each read then scans it a bounded
  // number of times, not once per chunk.
  const size_t want = std::max(chunk_bytes_, window().size());
  if (fd_ < 0) {
    const size_t n = std::min(want, source_.size() - window_end_);
    window_end_ += n;
    if (n == 0) at_end_ = true;
    return n > 0;
  }
  size_t old_size = buffer_.size();
  buffer_.resize(old_size + want);
  Result<size_t> read = ReadFile(buffer_.data() + old_size, want);
  buffer_.resize(old_size + (read.ok() ? *read : 0));
  LL_RETURN_IF_ERROR(read.status());
  if (*read == 0) at_end_ = true;
  return *read > 0;
}

Status ChunkedInput::Rewind() {
  if (fd_ >= 0) {
    if (::lseek(fd_, 0, SEEK_SET) != 0)
      return IoError(fmt::format("cannot read {} again: {}", name_, std::strerror(errno)));
    buffer_.clear();
  } else {
    window_begin_ = window_end_ = 0;
  }
  at_end_ = false;
  lines_before_ = column_before_ = 0;
  return Status::Ok();
}

InputLocation ChunkedInput::LocationAt(size_t offset, std::string_view field) const {
  InputLocation at = learnloop::LocationAt(window(), offset, name_, field);
  if (at.line == 1) at.column += column_before_;
  at.line += lines_before_;
  return at;
}

Result<std::string> ReadRest(ChunkedInput& input, size_t max_bytes, std::string_view what) {
  std::string all;
  while (true) {
    const std::string_view window = input.window();
    if (all.size() + window.size() > max_bytes)
      return InvalidArgument(
          fmt::format("{} is larger than any {} learnloop reads ({} MiB)", input.name(), what, max_bytes >> 20));
    all += window;
    LL_ASSIGN_OR_RETURN(bool more, input.ReadMore(window.size()));
    if (!more) return all;
  }
}

Result<std::optional<std::string_view>> ReadStartOfText(ChunkedInput& input) {
  // Binary files show a NUL early or start with a byte no text starts with.
  constexpr size_t kSniffBytes = 1024;
  while (input.window().size() < kSniffBytes) {
    LL_ASSIGN_OR_RETURN(bool more, input.ReadMore(0));
    if (!more) break;
  }
  std::string_view start = input.window().substr(0, kSniffBytes);
  using Reason = std::optional<std::string_view>;
  if (start.find('\0') != std::string_view::npos) return Reason("it holds NUL bytes, so it is probably binary");
  if (!start.empty() && FindInvalidUtf8(start.substr(0, 4)) == 0) return Reason("it is not UTF-8 text");
  return Reason();
}

Status RequireText(ChunkedInput& input, std::string_view expected) {
  LL_ASSIGN_OR_RETURN(std::optional<std::string_view> reason, ReadStartOfText(input));
  if (!reason) return Status::Ok();
  return InvalidArgument(fmt::format("{} is not a text file ({}); expected {}", input.name(), *reason, expected));
}

Status CheckRecordText(const ChunkedInput& input, size_t begin, size_t end) {
  std::string_view text = input.window().substr(begin, end - begin);
  if (const void* nul = std::memchr(text.data(), '\0', text.size()))
    return InputError(input.LocationAt(begin + (static_cast<const char*>(nul) - text.data())), "NUL byte",
                      "text without NUL bytes");
  if (simdjson::validate_utf8(text.data(), text.size())) return Status::Ok();
  size_t offset = FindInvalidUtf8(text).value_or(0);
  return InputError(input.LocationAt(begin + offset),
                    fmt::format("byte 0x{:02x} is not valid UTF-8", static_cast<unsigned char>(text[offset])),
                    "UTF-8 text (save the file as UTF-8)");
}

}  // namespace learnloop::ingest
