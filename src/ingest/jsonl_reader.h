// The JSON Lines side of OpenEventBuffer: one event object per line.
#pragma once

#include <memory>
#include <string>

#include "ingest/event_reader.h"

namespace learnloop::ingest {

// Reads JSON Lines from `bytes`, starting at `start` (past any BOM), named
// `file` in messages. Keys: ts, channel, person, kind (strings, required);
// content (string or null); value (number, numeric string or null); tags
// (";"-separated string or array of strings). Keys are matched exactly, as
// JSON keys are case-sensitive; any other key is an error.
std::unique_ptr<EventReader> OpenJsonlReader(std::string bytes, size_t start, std::string file);

}  // namespace learnloop::ingest
