// Feeds arbitrary bytes to the observations CSV reader: it must return
// observations or a clean error naming the file, and every observation it
// accepts must have a channel, a metric and a finite value.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/observation_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto observations = learnloop::ingest::ParseObservationsCsv(text, "reach.csv", learnloop::TimeZone::Utc());
  if (!observations.ok()) {
    if (observations.status().message().find("reach.csv") == std::string::npos) std::abort();
    return 0;
  }
  for (const auto& o : *observations) {
    if (o.channel.empty() || o.metric.empty() || !std::isfinite(o.value)) std::abort();
  }
  return 0;
}
