// Input that every front end reads the same way: day words and the group
// of people a report is for. The CLI's flags and the server's query
// parameters go through these, so both accept and reject the same text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "learnloop/json.h"
#include "learnloop/people.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::app {

// A day: "YYYY-MM-DD", "today", "today-N" (N days ago) or "today+N".
// InvalidArgument naming `field` (e.g. "--from") when it does not parse.
Result<Day> ParseDay(std::string_view field, const std::string& text, Day today);

// The group named by `specs`, each "ATTRIBUTE=VALUE[,VALUE...]" (e.g.
// "membership=member", "city=Berlin,Hamburg"): the people who pass every
// filter. InvalidArgument for a malformed spec or an attribute named twice.
Result<std::vector<AttributeFilter>> ParseGroup(const std::vector<std::string>& specs);

}  // namespace learnloop::app

namespace learnloop::json {

// A report's "group": {"membership": ["member"], ...}.
Json GroupJson(const std::vector<AttributeFilter>& group);

}  // namespace learnloop::json
