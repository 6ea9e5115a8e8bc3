// Writes events in the canonical format (CSV or JSON Lines) to a stream.
// What a writer writes, a reader reads back as the same events.
#pragma once

#include <memory>
#include <ostream>
#include <string_view>

#include "learnloop/event.h"
#include "learnloop/status.h"

namespace learnloop::ingest {

class EventWriter {
 public:
  virtual ~EventWriter() = default;
  // Writes one event; IoError when the stream fails.
  virtual Status Write(const EventView& event) = 0;
  // Flushes the stream; IoError when any write failed.
  virtual Status Finish() = 0;
};

// The CSV writer writes the header at once; rows end in LF; fields are
// quoted only when they must be (separator, quote, line break, edge space).
std::unique_ptr<EventWriter> MakeEventWriter(EventFormat format, std::ostream& out);

// Appends `field` as one CSV field, quoted only when it must be.
void AppendCsvField(std::string_view field, std::string& out);

// Appends `text` as a JSON string literal (with quotes) to `out`.
void AppendJsonString(std::string_view text, std::string& out);

}  // namespace learnloop::ingest
