// Reads an observations file: CSV (RFC 4180, UTF-8, optional BOM) with a
// header naming the columns day, channel, content, metric and value in any
// order (content may be left out; `ts` may name the day column). A day is
// YYYY-MM-DD or an RFC 3339 instant, which counts on its local day in the
// workspace time zone. Rows are handed on one at a time as they are read,
// so a file of any length takes constant memory; the first bad row stops
// the read with an error naming file, line and column (the caller's
// transaction then keeps none of the rows it was handed).
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "learnloop/metrics.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::ingest {

// Called for each row in file order; an error it returns stops the read.
using ObservationVisitor = std::function<Status(const Observation&)>;

// NotFound or IoError when the file cannot be read.
Status ReadObservationsFile(const std::filesystem::path& file, const TimeZone& zone, const ObservationVisitor& visit);

// All rows of `text` at once; `file` names the input in messages.
Result<std::vector<Observation>> ParseObservationsCsv(std::string_view text, std::string_view file,
                                                      const TimeZone& zone);

}  // namespace learnloop::ingest
