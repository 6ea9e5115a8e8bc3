// The CSV side of OpenEventBuffer: canonical CSV, or any CSV through a
// ColumnMapping.
#pragma once

#include <memory>
#include <string>

#include "ingest/event_reader.h"

namespace learnloop::ingest {

// Reads CSV from `input`, starting at window offset `start` (past any BOM).
// Checks the header before returning.
Result<std::unique_ptr<EventReader>> OpenCsvReader(std::unique_ptr<ChunkedInput> input, size_t start,
                                                   const ColumnMapping* mapping);

}  // namespace learnloop::ingest
