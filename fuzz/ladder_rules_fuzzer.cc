// Feeds arbitrary text to the ladder.toml parser: it must return rules or a
// clean error, and any rules it accepts must have at least one rung, each
// with at least one rule and a positive window.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ladder/ladder_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = learnloop::ladder::ParseLadderRules(text, "ladder.toml");
  if (!rules.ok()) {
    if (rules.status().message().empty()) std::abort();
    return 0;
  }
  if (rules->rungs.empty() || rules->window_days < 1) std::abort();
  for (const auto& rung : rules->rungs) {
    if (rung.rules.empty() || rung.name.empty()) std::abort();
  }
  return 0;
}
