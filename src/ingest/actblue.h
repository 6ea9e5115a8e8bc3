// ActBlue's contributions CSV (Dashboard, Downloads: the contributions
// report, about 90 columns): each contribution a donation event of its
// donor's email, valued at its amount; a refund a `refund` event of the
// negative amount with the gift's line item as content, so sums net out and
// the donation still counts on the ladder. A few donor fields (name, city,
// state, ZIP, country, employer, occupation) become person attributes;
// phone and street address are never read. Times are US Eastern, as
// ActBlue writes them, whatever the workspace zone.
#pragma once

#include <optional>
#include <string_view>

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kActBlueFormat;

// An amount as ActBlue or a spreadsheet writes it: "25.00", "-25.00",
// "$1,250.00", "-$5" or "$-5"; digits grouped by thousands only in threes.
std::optional<double> ParseActBlueAmount(std::string_view text);

}  // namespace learnloop::ingest
