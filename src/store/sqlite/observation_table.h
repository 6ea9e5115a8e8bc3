// The observations table of a SQLite workspace: aggregate numbers keyed by
// (channel, content, metric, day), channels shared with events. See
// Store::AddObservations and Store::ScanObservations for the contracts.
#pragma once

#include <functional>
#include <vector>

#include "learnloop/metrics.h"
#include "learnloop/status.h"
#include "store/sqlite/connection.h"

namespace learnloop::store::sqlite {

// Upserts inside the caller's write transaction.
Result<ObservationCounts> UpsertObservations(Connection& db, int64_t org_id,
                                             const std::vector<Observation>& observations);

Status ScanObservationsInOrder(Connection& db, int64_t org_id, const std::function<Status(const Observation&)>& visit);

}  // namespace learnloop::store::sqlite
