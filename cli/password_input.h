// How the account commands take a password without it reaching argv, the
// shell history or the terminal's scrollback.
#pragma once

#include <string>

#include "cli_context.h"

namespace learnloop::cli {

// With `from_stdin`, the first line of standard input without its line
// end (for scripts: `printf %s "$pw" | learnloop user add ...`). Else, when
// standard input is a terminal, the password typed twice with echo off.
// InvalidArgument when neither applies or the two do not match.
Result<std::string> ReadPassword(const CliContext& ctx, bool from_stdin);

}  // namespace learnloop::cli
