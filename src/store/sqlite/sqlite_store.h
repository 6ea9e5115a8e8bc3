// The SQLite store: one database file per workspace, in WAL mode so readers
// never wait for the writer; writers queue on the busy timeout. See store.h
// for what each method promises.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "learnloop/clock.h"
#include "learnloop/status.h"
#include "store/store.h"

namespace learnloop::store {

namespace sqlite {
class Connection;
}

struct SqliteOptions {
  // How long an import waits for another process's write before Busy.
  std::chrono::milliseconds busy_timeout{30'000};
  // Page cache per connection; large so bulk imports stay in memory.
  int64_t cache_kib = int64_t{256} * 1024;
  // Stamps imports and attribute changes; the system clock when null.
  const Clock* clock = nullptr;
};

// OpenSqliteStore (store.h) with explicit options. Besides the errors listed
// there: Corrupt naming the file when it is not a learnloop workspace, and
// FailedPrecondition when a newer learnloop wrote it.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& file, OpenMode mode, const SqliteOptions& options);

// The connection of a store that OpenSqliteStore opened, for modules that
// keep their own tables in the same file (the loop); null for another
// backend. Valid while `store` lives.
sqlite::Connection* SqliteConnectionOf(Store& store);

}  // namespace learnloop::store
