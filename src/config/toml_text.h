// The text of TOML config files (ladder.toml, metrics.toml, a column
// mapping, loop.toml, tactics.toml): parsing with the one syntax-error form
// every config file shares,
//   "ladder.toml:3:7: not valid TOML: <problem>; expected <expected>",
// and writing the pieces the default files are built from.
#pragma once

#include <toml++/toml.h>

#include <span>
#include <string>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop::config {

// InvalidArgument naming `file_name`, the line and the column of a syntax
// error; `expected` (may be empty) says what the file should look like.
Result<toml::table> ParseToml(std::string_view text, std::string_view file_name, std::string_view expected = {});

// `items` as a TOML array of strings: ["like", "share"]. Precondition: no
// item needs escaping (kind and rung names never do).
std::string TomlStringList(std::span<const std::string_view> items);

}  // namespace learnloop::config
