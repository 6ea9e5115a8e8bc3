// Feeds arbitrary bytes to the JSON Feed reader; see feed_checks.h for what
// must hold.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feed_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  learnloop::fuzz::CheckFeedFormat(learnloop::ingest::kJsonFeedFormat, text, "f.json");
  return 0;
}
