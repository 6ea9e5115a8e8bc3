// Text put into an HTML page: every piece of data goes through HtmlEscape,
// so a name or a note that looks like markup stays text.
#pragma once

#include <string>
#include <string_view>

namespace learnloop::app {

// `text` safe inside an element and inside a quoted attribute: & < > " '
// become entities; bytes that are not UTF-8, and NUL, become U+FFFD.
std::string HtmlEscape(std::string_view text);

}  // namespace learnloop::app
