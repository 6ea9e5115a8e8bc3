// Feeds arbitrary text to the metrics.toml parser: it must return metric
// definitions or a clean error, and every definition it accepts must have a
// unique, non-empty name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "metrics/metric_defs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  learnloop::metrics::ParseOptions options;
  options.rung_names = {"action", "relationship", "engagement", "network"};
  auto defs = learnloop::metrics::ParseMetricsToml(text, options);
  if (!defs.ok()) {
    if (defs.status().message().empty()) std::abort();
    return 0;
  }
  std::set<std::string> names;
  for (const auto& def : *defs) {
    if (def.name.empty() || !names.insert(def.name).second) std::abort();
  }
  return 0;
}
