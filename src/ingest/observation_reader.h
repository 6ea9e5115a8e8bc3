// Reads an observations file: CSV (RFC 4180, UTF-8, optional BOM) with a
// header naming the columns day, channel, content, metric and value in any
// order (content may be left out; `ts` may name the day column). A day is
// YYYY-MM-DD or an RFC 3339 instant, which counts on its local day in the
// workspace time zone. The whole file is read or, on the first bad row,
// nothing is, with an error naming file, line and column.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "learnloop/metrics.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::ingest {

// `file` names the input in messages.
Result<std::vector<Observation>> ParseObservationsCsv(std::string_view text, std::string_view file,
                                                      const TimeZone& zone);

// NotFound or IoError when the file cannot be read.
Result<std::vector<Observation>> ReadObservationsFile(const std::filesystem::path& file, const TimeZone& zone);

}  // namespace learnloop::ingest
