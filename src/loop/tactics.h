// The tactics library: plan templates for networked nonprofits, kept in
// DIR/tactics.toml so a team can edit them (see docs/loops.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "learnloop/loop.h"

namespace learnloop::loop {

// The built-in library written to tactics.toml on first use.
std::string_view DefaultTacticsToml();

// InvalidArgument naming the file, the tactic and the key at fault.
Result<std::vector<Tactic>> ParseTactics(std::string_view text, const std::string& file_name);

}  // namespace learnloop::loop
