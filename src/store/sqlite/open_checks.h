// Checks made before SQLite touches a workspace file, so the common
// mistakes get messages naming the path: no such workspace, a parent that
// is missing or not a directory, a file or directory that is not writable.
#pragma once

#include <string>

#include "learnloop/status.h"

namespace learnloop::store::sqlite {

// OK when `file` can be opened for writing (or created, with `create`),
// together with the WAL files SQLite keeps beside it.
Status CheckCanOpen(const std::string& file, bool create);

}  // namespace learnloop::store::sqlite
