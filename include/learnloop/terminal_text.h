// Text shown on a terminal. Data from outside (a person's name, an org
// name, a file name) may hold bytes a terminal obeys: ESC sequences move
// the cursor or recolour, BEL rings, CR and LF redraw or fake lines. These
// render them visibly instead:
//   C0 controls as \a \b \t \n \v \f \r or \x1b, DEL as \x7f;
//   C1 controls, U+2028/U+2029 and bidirectional overrides (U+202A-U+202E,
//   U+2066-U+2069) as \u009b, \u202e, ...;
//   each byte that is not part of valid UTF-8 as \xff.
// Everything else, backslashes included, is left as it is.
#pragma once

#include <string>
#include <string_view>

namespace learnloop {

// For one field (a table cell, a name in a sentence): tabs and newlines are
// escaped too, so a field cannot break the layout around it.
std::string EscapeForTerminal(std::string_view text);

// For whole lines of output whose tabs and newlines are the output's own:
// those are kept, everything else is escaped as EscapeForTerminal does.
std::string EscapeLinesForTerminal(std::string_view text);

}  // namespace learnloop
