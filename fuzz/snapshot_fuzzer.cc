// Feeds arbitrary bytes to the engine.snapshot reader: it must return a table
// or nothing, never crash, and a table it returns must be safe to read
// everywhere a query reads (every row, every id, every person range). The
// input's checksum is made to match first, so the structural checks behind
// it are reached.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/snapshot.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace engine = learnloop::engine;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  engine::ResealSnapshotBytes(bytes);
  std::optional<engine::EventTable> table = engine::ReadSnapshotBytes(bytes, engine::SnapshotKey{"a/1", "UTC"});
  if (!table) return 0;
  Require(table->person_offsets.size() == table->people() + 1);
  for (engine::PersonId p = 0; p < table->people(); ++p) {
    Require(table->PersonBegin(p) <= table->PersonEnd(p) && table->PersonEnd(p) <= table->size());
  }
  for (size_t row = 0; row < table->size(); ++row) {
    learnloop::Event e = table->EventAt(row);
    Require(table->FindKind(e.kind).has_value() && table->FindChannel(e.channel).has_value());
  }
  return 0;
}
