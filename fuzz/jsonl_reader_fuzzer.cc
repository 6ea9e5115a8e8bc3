// Feeds arbitrary bytes to the event reader as JSON Lines: a leading '{'
// is added when missing so that the JSON path sees every input.
#include <cstddef>
#include <cstdint>

#include "event_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.empty() || bytes[0] != '{') bytes.insert(0, "{");
  learnloop::fuzz::ReadEverything(bytes, {.mapping = nullptr, .display_name = "fuzz.jsonl"});
  return 0;
}
