// The CSV side of OpenEventBuffer: canonical CSV, or any CSV through a
// ColumnMapping.
#pragma once

#include <memory>
#include <string>

#include "ingest/event_reader.h"

namespace learnloop::ingest {

// Reads CSV from `bytes`, starting at `start` (past any BOM), named `file`
// in messages. Checks the header before returning. `bytes` must already be
// UTF-8 without NUL bytes (CheckText).
Result<std::unique_ptr<EventReader>> OpenCsvReader(std::string bytes, size_t start, std::string file,
                                                   const ColumnMapping* mapping);

}  // namespace learnloop::ingest
