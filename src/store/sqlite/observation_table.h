// The observations table of a SQLite workspace: aggregate numbers keyed by
// (channel, content, metric, day), channels shared with events. See
// Store::AddObservations and Store::ScanObservations for the contracts.
#pragma once

#include <functional>
#include <memory>

#include "learnloop/metrics.h"
#include "learnloop/status.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace learnloop::store::sqlite {

// Adds observations one at a time inside the caller's write transaction
// (see Store::AddObservations).
class ObservationWriter {
 public:
  static Result<std::unique_ptr<ObservationWriter>> Prepare(Connection& db, int64_t org_id);
  ~ObservationWriter();
  ObservationWriter(const ObservationWriter&) = delete;
  ObservationWriter& operator=(const ObservationWriter&) = delete;

  Status Add(const Observation& observation);
  ObservationCounts counts() const;

 private:
  struct Parts;
  explicit ObservationWriter(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

// Upserts what `fill` hands on, inside the caller's write transaction.
Result<ObservationCounts> UpsertObservations(Connection& db, int64_t org_id,
                                             const std::function<Status(const ObservationSink&)>& fill);

Status ScanObservationsInOrder(Connection& db, int64_t org_id, const std::function<Status(const Observation&)>& visit);

}  // namespace learnloop::store::sqlite
