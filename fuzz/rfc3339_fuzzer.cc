// Parses arbitrary text as RFC 3339; whatever parses into the years 0000 to
// 9999 UTC (the range the event readers accept) must format and parse back
// to the same instant. Outside it FormatRfc3339 writes years like -001 or
// 10000 that ParseRfc3339 rejects; the readers reject those instants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "learnloop/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ts = learnloop::ParseRfc3339(text);
  constexpr int64_t kMicrosPerDay = 86'400'000'000;
  if (!ts.ok() || ts->micros < -719'528 * kMicrosPerDay || ts->micros >= 2'932'897 * kMicrosPerDay) return 0;
  std::string formatted = learnloop::FormatRfc3339(*ts);
  auto again = learnloop::ParseRfc3339(formatted);
  if (!again.ok() || *again != *ts) std::abort();
  return 0;
}
