// Feeds arbitrary text to the `learnloop stats` input parsers (the first byte
// picks one): each must return a value or a clean error, and what it accepts
// must meet the parser's contract (finite numbers, counts in range).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "learnloop/stats.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

template <typename T>
bool Failed(const learnloop::Result<T>& result) {
  if (result.ok()) return false;
  Require(!result.status().message().empty());
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0: {
      auto s = learnloop::ParseCountSample("--a", text);
      if (!Failed(s)) Require(s->count >= 0 && std::isfinite(s->exposure) && s->exposure > 0);
      break;
    }
    case 1: {
      auto s = learnloop::ParseBinomialSample("--a", text);
      if (!Failed(s)) Require(s->successes >= 0 && s->successes <= s->trials);
      break;
    }
    case 2: {
      auto s = learnloop::ParseMomentSums("--a", text);
      if (!Failed(s)) Require(std::isfinite(s->sum) && std::isfinite(s->sum_sq) && s->n >= 2);
      break;
    }
    case 3: {
      auto s = learnloop::ParseNumberPair("--prior", text);
      if (!Failed(s)) Require(std::isfinite(s->first) && std::isfinite(s->second));
      break;
    }
    default: {
      auto s = learnloop::ParseSeries(text, "series.txt");
      if (!Failed(s)) {
        for (double v : *s) Require(std::isfinite(v));
      }
      break;
    }
  }
  return 0;
}
