// Feeds arbitrary text to the loop.toml reader: it must return a WIP limit
// from 1 to 100 or a clean error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "loop/files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto limit = learnloop::loop::ParseWipLimit(text, "loop.toml");
  if (!limit.ok()) {
    if (limit.status().message().empty()) std::abort();
    return 0;
  }
  if (*limit < 1 || *limit > 100) std::abort();
  return 0;
}
