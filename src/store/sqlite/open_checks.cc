#include "store/sqlite/open_checks.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
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

// chattr +i: even root cannot write, though access() says it may. Asked
// with statx, by name: opening the database file and closing that
// descriptor would drop every POSIX lock this process holds on it, those
// of its open SQLite connections too (fcntl locks belong to the process,
// not the descriptor). Another process closing its connection would then
// take itself for the last one and delete the WAL under this process's
// connections, whose later commits would be lost (`learnloop serve` opens
// each workspace more than once). A file system that cannot say counts as
// not immutable; a write then fails with the system's reason.
bool IsImmutable(const fs::path& path) {
  struct statx info {};
  if (::statx(AT_FDCWD, path.c_str(), AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &info) != 0) return false;
  return (info.stx_attributes_mask & STATX_ATTR_IMMUTABLE) != 0 && (info.stx_attributes & STATX_ATTR_IMMUTABLE) != 0;
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
