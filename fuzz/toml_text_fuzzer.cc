// Feeds arbitrary text to ParseToml, which every config file goes through:
// it must return a table or a clean error, never overflow the stack, and a
// table it returns must be no deeper than its bounds allow (a part of an
// [[array.of.tables]] header may hold two levels, the array and its table).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/toml_text.h"

namespace {

int Depth(const toml::node& node) {
  int deepest = 0;
  if (const toml::table* table = node.as_table()) {
    for (auto&& [key, child] : *table) deepest = std::max(deepest, 1 + Depth(child));
  } else if (const toml::array* array = node.as_array()) {
    for (const toml::node& child : *array) deepest = std::max(deepest, 1 + Depth(child));
  }
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = learnloop::config::ParseToml(text, "fuzz.toml");
  if (!table.ok()) {
    if (table.status().message().empty()) std::abort();
    return 0;
  }
  if (Depth(*table) > 2 * learnloop::config::kMaxTomlDepth) std::abort();
  return 0;
}
