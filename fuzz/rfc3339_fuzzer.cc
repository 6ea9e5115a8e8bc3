// Parses arbitrary text as RFC 3339; whatever parses must format and parse
// back to the same instant (the parser refuses instants whose UTC year has
// more than four digits, since they could not be written back).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "learnloop/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ts = learnloop::ParseRfc3339(text);
  if (!ts.ok()) return 0;
  auto again = learnloop::ParseRfc3339(learnloop::FormatRfc3339(*ts));
  if (!again.ok() || *again != *ts) std::abort();
  return 0;
}
