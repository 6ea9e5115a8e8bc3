// The Metrics of a golden case folder, built the way a workspace builds
// them but from files only:
//   events.csv        canonical events (optional)
//   series.csv        daily numbers, one column per metric (optional): the
//                     header is `day,NAME,...`; a count column becomes that
//                     many events of kind NAME a day, a `NAME:observation`
//                     column an observation per non-empty cell
//   observations.csv  day,channel,content,metric,value (optional)
//   people.csv        person,attribute,value (optional)
//   ladder.toml       the case's own ladder (else the default ladder)
//   metrics.toml      the metrics; without it, one metric per series column
#pragma once

#include <filesystem>

#include "learnloop/metrics.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::golden {

// Errors name the case file, line and field that is wrong.
Result<Metrics> LoadMetrics(const std::filesystem::path& dir, const TimeZone& zone);

}  // namespace learnloop::golden
