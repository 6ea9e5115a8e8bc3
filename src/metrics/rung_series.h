// Daily series of ladder movement, from one PersonSweep per person over the
// compiled ladder: people entering or leaving a rung, and the conversion
// between two rungs over a window. Rung indices count from the highest (0);
// "at rung r or higher" is a state <= r.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/event_table.h"
#include "ladder/compiled_ladder.h"
#include "learnloop/time.h"

namespace learnloop::metrics {

// Per day d of [from, to]: with `enter`, the people at `rung` or higher on
// d but not on d-1 (people without events yet count as lower); otherwise
// the reverse. Precondition: from <= to.
// Both series count only the people whose entry in `people` (per PersonId)
// is set; an empty `people` counts everyone.
std::vector<double> RungMoves(const ladder::CompiledLadder& ladder, const engine::EventTable& table, size_t rung,
                              bool enter, Day from, Day to, const std::vector<char>& people);

// Per day d of [from, to]: of the people exactly on `from_rung` on
// d - window, the share at `to_rung` or higher on d; missing when nobody
// stood on `from_rung` then. Precondition: from <= to, window >= 1.
std::vector<std::optional<double>> ConversionSeries(const ladder::CompiledLadder& ladder,
                                                    const engine::EventTable& table, size_t from_rung, size_t to_rung,
                                                    int32_t window, Day from, Day to, const std::vector<char>& people);

}  // namespace learnloop::metrics
