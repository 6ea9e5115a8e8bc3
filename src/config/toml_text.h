// The text of TOML config files (ladder.toml, metrics.toml, a column
// mapping, loop.toml, tactics.toml): parsing with the one syntax-error form
// every config file shares,
//   "ladder.toml:3:7: not valid TOML: <problem>; expected <expected>",
// and writing the pieces the default files are built from.
#pragma once

#include <toml++/toml.h>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop::config {

// Bounds on what reaches the TOML parser, which recurses once per level and
// would overflow the stack on a hostile file. No config file a person
// writes comes near them.
inline constexpr size_t kMaxTomlBytes = size_t{1} << 20;  // 1 MiB
// Levels of nesting: each dotted-key part, each [table.header] part and
// each inline table or array a value opens counts one.
inline constexpr int kMaxTomlDepth = 64;

// InvalidArgument naming `file_name`, the line and the column of a syntax
// error; `expected` (may be empty) says what the file should look like. A
// text over kMaxTomlBytes or nested deeper than kMaxTomlDepth is refused
// before parsing, naming the limit (and, for depth, the line and column).
Result<toml::table> ParseToml(std::string_view text, std::string_view file_name, std::string_view expected = {});

// `items` as a TOML array of strings: ["like", "share"]. Precondition: no
// item needs escaping (kind and rung names never do).
std::string TomlStringList(std::span<const std::string_view> items);

}  // namespace learnloop::config
