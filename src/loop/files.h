// The workspace files the loop reads besides the database: loop.toml for
// settings and tactics.toml for plan templates.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/status.h"

namespace learnloop::loop {

// The whole file (see ingest::ReadWholeFile: a regular file of bounded
// size), or nullopt when it does not exist.
Result<std::optional<std::string>> ReadTextFile(const std::filesystem::path& file);

// `wip_limit` of DIR/loop.toml (kDefaultWipLimit when the file or key is
// absent); InvalidArgument naming the file for a bad value.
Result<int> ReadWipLimit(const std::filesystem::path& dir);
// The same for loop.toml's text, read from `file_name`.
Result<int> ParseWipLimit(std::string_view text, const std::string& file_name);

}  // namespace learnloop::loop
