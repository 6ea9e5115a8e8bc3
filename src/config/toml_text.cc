#include "config/toml_text.h"

#include <fmt/format.h>

#include <string>

namespace learnloop::config {

Result<toml::table> ParseToml(std::string_view text, std::string_view file_name, std::string_view expected) {
  try {
    return toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    return InputError({std::string(file_name), e.source().begin.line, e.source().begin.column, ""},
                      fmt::format("not valid TOML: {}", e.description()), expected);
  }
}

std::string TomlStringList(std::span<const std::string_view> items) {
  std::string list = "[";
  for (std::string_view item : items) list += fmt::format("{}\"{}\"", list.size() > 1 ? ", " : "", item);
  return list + "]";
}

}  // namespace learnloop::config
