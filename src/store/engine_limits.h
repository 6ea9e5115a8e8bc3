// The analysis engine encodes channels and kinds in 16 bits and rows in 32
// (kMaxChannels, kMaxKinds, kMaxEvents in learnloop/event.h). Stores check
// each import against them inside its transaction, so a file that would
// pass one is refused whole and the workspace stays analysable.
#pragma once

#include <cstdint>

#include "learnloop/status.h"

namespace learnloop::store {

// What a workspace holds of what the engine encodes in fixed widths.
struct EngineCounts {
  int64_t channels = 0;  // distinct channels named by events
  int64_t kinds = 0;     // distinct kinds named by events
  int64_t events = 0;
};

// InvalidArgument when `after` (the workspace with an import's events)
// passes a limit; the message says how many the workspace holds (`before`),
// how many the file adds and what to do instead.
Status CheckEngineLimits(const EngineCounts& before, const EngineCounts& after);

}  // namespace learnloop::store
