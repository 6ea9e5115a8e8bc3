// The workspace files the loop reads besides the database: ladder.toml for
// the rungs, loop.toml for settings and tactics.toml for plan templates.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/status.h"

namespace learnloop::loop {

// The whole file, or nullopt when it does not exist; IoError otherwise.
Result<std::optional<std::string>> ReadTextFile(const std::filesystem::path& file);

// The names of the workspace's metrics (metrics.toml, or the built-in
// defaults when it has none), for `rungs` highest first.
Result<std::vector<std::string>> ReadMetricNames(const std::filesystem::path& dir,
                                                 const std::vector<std::string>& rungs);
Status WriteTextFile(const std::filesystem::path& file, std::string_view text);

// The parsed document; InvalidArgument with file and line when malformed.
Result<toml::table> ParseToml(std::string_view text, const std::string& file_name);

// Rung names of DIR/ladder.toml, highest first.
Result<std::vector<std::string>> ReadRungNames(const std::filesystem::path& dir);

// `wip_limit` of DIR/loop.toml (kDefaultWipLimit when the file or key is
// absent); InvalidArgument naming the file for a bad value.
Result<int> ReadWipLimit(const std::filesystem::path& dir);

}  // namespace learnloop::loop
