#include "loop/files.h"

#include <fmt/format.h>

#include "config/toml_text.h"
#include "ingest/input_text.h"
#include "learnloop/loop.h"

namespace learnloop::loop {
namespace fs = std::filesystem;

Result<std::optional<std::string>> ReadTextFile(const fs::path& file) {
  Result<std::string> text = ingest::ReadWholeFile(file);
  if (text.status().code() == StatusCode::kNotFound) return std::optional<std::string>();
  LL_RETURN_IF_ERROR(text.status());
  return std::optional<std::string>(std::move(*text));
}

Result<int> ReadWipLimit(const fs::path& dir) {
  const fs::path file = dir / kLoopConfigFileName;
  LL_ASSIGN_OR_RETURN(auto text, ReadTextFile(file));
  if (!text) return kDefaultWipLimit;
  return ParseWipLimit(*text, file.string());
}

Result<int> ParseWipLimit(std::string_view text, const std::string& file_name) {
  LL_ASSIGN_OR_RETURN(toml::table root, config::ParseToml(text, file_name, "TOML like wip_limit = 3"));
  const toml::node* node = root.get("wip_limit");
  if (node == nullptr) return kDefaultWipLimit;
  std::optional<int64_t> limit = node->value_exact<int64_t>();  // value<>() on a huge float is UB in toml++
  if (!limit || *limit < 1 || *limit > 100)
    return InvalidArgument(
        fmt::format("{}: wip_limit must be a whole number from 1 to 100 (running plans at once)", file_name));
  return static_cast<int>(*limit);
}

}  // namespace learnloop::loop
