// The workspace schema as numbered migrations. A database records the last
// one applied in PRAGMA user_version and carries learnloop's application_id,
// so opening brings an older workspace up to date and refuses files that
// another program or a newer learnloop wrote.
#pragma once

#include "learnloop/status.h"
#include "store/sqlite/connection.h"

namespace learnloop::store::sqlite {

// The schema version this build writes.
int LatestSchemaVersion();

// What an empty database (no schema, no application id: a new file, or
// one truncated to 0 bytes) is: a new workspace only when init creates it.
enum class IfEmpty { kRefuse, kCreate };

// Corrupt, as Migrate, for a database that is not a learnloop workspace;
// reads only, so it can run before anything configures the file.
Status CheckWorkspace(Connection& db, IfEmpty if_empty);

// Applies the migrations after the database's version up to `target`, all in
// one write transaction. Corrupt for a database that is not a learnloop
// workspace (an empty one too, with kRefuse), FailedPrecondition for one
// newer than this build.
Status Migrate(Connection& db, IfEmpty if_empty = IfEmpty::kRefuse, int target = LatestSchemaVersion());

}  // namespace learnloop::store::sqlite
