// Streams a workspace's events in scan order: (ts, channel, person, kind,
// content), names compared byte-wise. Rows come from the events key in
// (ts, ids) order; names come from in-memory copies of the dictionaries and
// each run of equal ts is re-sorted by name, so a scan costs the
// dictionaries plus one run of memory and no database sort or joins.
#pragma once

#include <functional>

#include "learnloop/event.h"
#include "learnloop/status.h"
#include "store/sqlite/connection.h"

namespace learnloop::store::sqlite {

// Calls `visit` for every event of org `org_id`; stops at and returns the
// first error of `visit`. Corrupt when an event names a missing id.
Status ScanEventsInOrder(Connection& db, int64_t org_id, const std::function<Status(const EventView&)>& visit);

}  // namespace learnloop::store::sqlite
