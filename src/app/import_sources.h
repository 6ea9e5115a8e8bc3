// What the paths given to `learnloop import` stand for: a file is itself;
// a directory is every regular file under it; a .zip or tar archive
// (gzip, bzip2 or xz compressed, or not) is every regular member. Each file
// found is handed on one at a time, an archive member as a private
// temporary copy that lives only while it is visited.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "learnloop/app/workspace.h"  // PassedOverFile
#include "learnloop/status.h"

namespace learnloop::app {

struct ImportSource {
  std::filesystem::path path;  // where its bytes are now
  std::string name;            // for people: "export.zip/data/tweets.js"
  bool found = false;          // in a directory or archive, not named itself
};

// The most one archive member, and one archive in all, may unpack to: a
// larger one is refused, so a small crafted archive cannot fill the disk.
inline constexpr int64_t kMaxMemberBytes = int64_t{4} << 30;
inline constexpr int64_t kMaxArchiveBytes = int64_t{16} << 30;

// Calls `visit` for each file `path` stands for, in name order, and
// `pass_over` for each entry it leaves out: hidden files and folders (a
// name starting with '.', and macOS's __MACOSX folder), links and other
// non-regular files, archives inside an archive, and binary archive members
// (images, video). An archive inside a directory is read as an archive.
// The first error of `visit` stops the walk and is returned; a damaged
// archive is an error naming it.
Status ForEachImportSource(const std::filesystem::path& path, const std::function<Status(const ImportSource&)>& visit,
                           const std::function<void(PassedOverFile)>& pass_over);

}  // namespace learnloop::app
