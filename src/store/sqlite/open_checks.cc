#include "store/sqlite/open_checks.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace learnloop::store::sqlite {
namespace {

namespace fs = std::filesystem;

// Both checks, since access() alone passes for root on a read-only mount.
Status CheckWritable(const std::string& file, const fs::path& path) {
  struct statvfs info {};
  if (statvfs(path.c_str(), &info) == 0 && (info.f_flag & ST_RDONLY) != 0) {
    return IoError(fmt::format("workspace {} is not writable: {} is on a read-only file system", file, path.string()));
  }
  if (access(path.c_str(), W_OK) != 0) {
    return IoError(fmt::format("workspace {} is not writable: {}: {}", file, path.string(), std::strerror(errno)));
  }
  return Status::Ok();
}

Status CheckDirectory(const std::string& file, const fs::path& dir) {
  std::error_code error;
  fs::file_status status = fs::status(dir, error);
  if (!fs::exists(status)) {
    return IoError(fmt::format("cannot create workspace {}: directory {} does not exist", file, dir.string()));
  }
  if (!fs::is_directory(status)) {
    return IoError(fmt::format("cannot create workspace {}: {} is not a directory", file, dir.string()));
  }
  return CheckWritable(file, dir);
}

// chattr +i: even root cannot write, though access() says it may.
bool IsImmutable(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  int flags = 0;
  const bool immutable = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 && (flags & FS_IMMUTABLE_FL) != 0;
  ::close(fd);
  return immutable;
}

}  // namespace

Result<Access> CheckCanOpen(const std::string& file, bool create) {
  fs::path path(file);
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code error;
  fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) {
    if (!create) return NotFound(fmt::format("no learnloop workspace database at {}", file));
    LL_RETURN_IF_ERROR(CheckDirectory(file, dir));
    return Access::kReadWrite;
  }
  if (fs::is_directory(status)) {
    return IoError(fmt::format("workspace {} is a directory, not a database file", file));
  }
  if (!fs::is_regular_file(status)) return IoError(fmt::format("workspace {} is not a regular file", file));
  if (access(path.c_str(), R_OK) != 0) {
    return IoError(fmt::format("workspace {} cannot be read: {}", file, std::strerror(errno)));
  }
  // SQLite creates the -wal and -shm files beside the database.
  if (!CheckWritable(file, path).ok() || !CheckWritable(file, dir).ok() || IsImmutable(path)) return Access::kReadOnly;
  return Access::kReadWrite;
}

}  // namespace learnloop::store::sqlite
