// The loop module's own schema versions in a shared workspace file. Each
// module records its version in module_migrations(module, version), so the
// loop tables evolve apart from the store's PRAGMA user_version.
#pragma once

#include <cstdint>

#include "learnloop/status.h"
#include "store/sqlite/connection.h"

namespace learnloop::loop::sqlite {

inline constexpr int64_t kLoopSchemaVersion = 1;

// Brings the loop tables to kLoopSchemaVersion in one BEGIN IMMEDIATE
// transaction. FailedPrecondition when the file holds a newer version.
Status MigrateLoopSchema(store::sqlite::Connection& db);

}  // namespace learnloop::loop::sqlite
