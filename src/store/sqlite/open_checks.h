// Checks made before SQLite touches a workspace file, so the common
// mistakes get messages naming the path: no such workspace, a parent that
// is missing or not a directory, a file or directory that is not writable.
#pragma once

#include <string>

#include "learnloop/status.h"

namespace learnloop::store::sqlite {

enum class Access { kReadWrite, kReadOnly };

// How `file` can be opened: for writing when it and its directory (where
// SQLite keeps the WAL files) can be written, else read-only. With
// `create`, a missing file is checked for creation and an unwritable
// directory is an error.
Result<Access> CheckCanOpen(const std::string& file, bool create);

}  // namespace learnloop::store::sqlite
