#include "core/output_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <random>
#include <streambuf>
#include <utility>

namespace learnloop {
namespace fs = std::filesystem;
namespace {

std::string ErrnoText() { return std::strerror(errno); }

Status WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError(ErrnoText());
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

// A stream buffer over a file descriptor that remembers its first error.
class FdBuffer final : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

  Status Flush() {
    if (error_.ok()) error_ = WriteAll(fd_, pbase(), static_cast<size_t>(pptr() - pbase()));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_;
  }
  const Status& error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!Flush().ok()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    if (size <= 0) return 0;  // data may be null then
    const auto room = static_cast<std::streamsize>(epptr() - pptr());
    if (size <= room) {
      std::memcpy(pptr(), data, static_cast<size_t>(size));
      pbump(static_cast<int>(size));
      return size;
    }
    if (!Flush().ok()) return 0;
    if (static_cast<size_t>(size) >= buffer_.size()) {
      error_ = WriteAll(fd_, data, static_cast<size_t>(size));
      return error_.ok() ? size : 0;
    }
    std::memcpy(pptr(), data, static_cast<size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  int sync() override { return Flush().ok() ? 0 : -1; }

 private:
  int fd_;
  Status error_;
  std::array<char, 1 << 16> buffer_{};
};

// Opens a new file next to `file` under a name nobody can have planted.
Result<std::pair<int, fs::path>> OpenTemporary(const fs::path& file, mode_t mode) {
  std::random_device random;
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  for (int attempt = 0; attempt < 100; ++attempt) {
    const fs::path temp = dir / fmt::format(".{}.{:08x}{:08x}.tmp", file.filename().string(), random(), random());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd >= 0) return std::pair{fd, temp};
    if (errno != EEXIST) return IoError(fmt::format("{}: cannot be written: {}", file.string(), ErrnoText()));
  }
  return IoError(fmt::format("{}: no free temporary name beside it", file.string()));
}

}  // namespace

struct OutputFile::State {
  fs::path target;
  fs::path temp;  // empty: writing the target in place
  int fd = -1;
  bool durable = false;
  bool committed = false;
  FdBuffer buffer{-1};
  std::ostream stream{nullptr};

  State(fs::path target_file, fs::path temp_file, int file, bool sync)
      : target(std::move(target_file)), temp(std::move(temp_file)), fd(file), durable(sync), buffer(file) {
    stream.rdbuf(&buffer);
  }
  ~State() {
    if (fd >= 0) ::close(fd);
    if (!committed && !temp.empty()) ::unlink(temp.c_str());
  }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
};

Result<OutputFile> OutputFile::Create(const fs::path& file, Options options) {
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    if (S_ISDIR(info.st_mode)) return IoError(fmt::format("{} is a directory", file.string()));
    // A terminal, a pipe or a device takes the bytes as they come.
    int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return IoError(fmt::format("{}: cannot be written: {}", file.string(), ErrnoText()));
    return OutputFile(std::make_unique<State>(file, fs::path(), fd, false));
  }
  LL_ASSIGN_OR_RETURN(auto opened, OpenTemporary(file, options.mode));
  return OutputFile(std::make_unique<State>(file, std::move(opened.second), opened.first, options.durable));
}

OutputFile::OutputFile(std::unique_ptr<State> state) : state_(std::move(state)) {}
OutputFile::OutputFile(OutputFile&&) noexcept = default;
OutputFile& OutputFile::operator=(OutputFile&&) noexcept = default;
OutputFile::~OutputFile() = default;

std::ostream& OutputFile::stream() { return state_->stream; }

Status OutputFile::Commit() {
  State& s = *state_;
  const std::string name = s.target.string();
  if (Status flushed = s.buffer.Flush(); !flushed.ok())
    return IoError(fmt::format("{}: cannot be written: {}", name, flushed.message()));
  if (s.durable && ::fsync(s.fd) != 0) return IoError(fmt::format("{}: cannot be written: {}", name, ErrnoText()));
  const int fd = std::exchange(s.fd, -1);
  if (::close(fd) != 0) return IoError(fmt::format("{}: cannot be written: {}", name, ErrnoText()));
  if (!s.temp.empty() && ::rename(s.temp.c_str(), s.target.c_str()) != 0)
    return IoError(fmt::format("{}: cannot be replaced: {}", name, ErrnoText()));
  s.committed = true;
  return Status::Ok();
}

Status CreateNewFile(const fs::path& file, std::string_view text, mode_t mode) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) return AlreadyExists(fmt::format("{} already exists", file.string()));
    return IoError(fmt::format("{}: cannot be created: {}", file.string(), ErrnoText()));
  }
  Status written = WriteAll(fd, text.data(), text.size());
  if (::close(fd) != 0 && written.ok()) written = IoError(ErrnoText());
  if (!written.ok()) {
    ::unlink(file.c_str());
    return IoError(fmt::format("{}: cannot be written: {}", file.string(), written.message()));
  }
  return Status::Ok();
}

}  // namespace learnloop
