// Files that learnloop writes: whole or not at all, and never through a
// link someone planted. A new file is written under a temporary name made
// beside it with O_CREAT | O_EXCL (which refuses any existing name, links
// included) and renamed over the target when complete; a reader sees the
// old file or the whole new one. A target that exists and is not a regular
// file (a terminal, a pipe, /dev/stdout) is written in place instead.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop {

class OutputFile {
 public:
  struct Options {
    mode_t mode = 0666;    // of a new file, before the umask
    bool durable = false;  // fsync before the rename (exports; not caches)
  };
  // IoError naming `file` when its directory cannot be written.
  static Result<OutputFile> Create(const std::filesystem::path& file, Options options);
  static Result<OutputFile> Create(const std::filesystem::path& file) { return Create(file, Options()); }

  OutputFile(OutputFile&&) noexcept;
  OutputFile& operator=(OutputFile&&) noexcept;
  // Removes the temporary file unless Commit succeeded.
  ~OutputFile();

  // Where to write; buffered.
  std::ostream& stream();
  // Flushes, and renames the temporary file over the target. IoError (disk
  // full, ...) leaves the target as it was.
  Status Commit();

 private:
  struct State;
  explicit OutputFile(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Creates `file` holding `text` only if no file, directory or link (even a
// dangling one) has that name: AlreadyExists otherwise. For files a
// workspace creates once (init's ladder.toml); `mode` before the umask.
Status CreateNewFile(const std::filesystem::path& file, std::string_view text, mode_t mode = 0666);

}  // namespace learnloop
