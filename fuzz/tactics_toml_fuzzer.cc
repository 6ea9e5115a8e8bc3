// Feeds arbitrary text to the tactics.toml parser: it must return tactics or
// a clean error, and every tactic it accepts must have a name, a title, a
// hypothesis and a timebox of 1 to 90 days.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "loop/tactics.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tactics = learnloop::loop::ParseTactics(text, "tactics.toml");
  if (!tactics.ok()) {
    if (tactics.status().message().empty()) std::abort();
    return 0;
  }
  for (const auto& tactic : *tactics) {
    if (tactic.name.empty() || tactic.title.empty() || tactic.hypothesis.empty()) std::abort();
    if (tactic.timebox_days < 1 || tactic.timebox_days > 90) std::abort();
  }
  return 0;
}
