// The JSON Lines side of OpenEventBuffer: one event object per line.
#pragma once

#include <memory>
#include <string>

#include "ingest/event_reader.h"

namespace learnloop::ingest {

// Reads JSON Lines from `input`, starting at window offset `start` (past any
// BOM). Keys: ts, channel, person, kind (strings, required); content (string
// or null); value (number, numeric string or null; a number reads by the
// same rule as in CSV); tags (";"-separated string or array of strings).
// Keys are matched exactly, as JSON keys are case-sensitive; any other key
// is an error. Errors name the line and the key at fault.
std::unique_ptr<EventReader> OpenJsonlReader(std::unique_ptr<ChunkedInput> input, size_t start);

}  // namespace learnloop::ingest
