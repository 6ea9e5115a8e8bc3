// Action Network's CSV downloads. kActionNetworkActivistsFormat reads the
// activist export (a list's or a report's download): each activist's name,
// ZIP, city, state, county, country and custom fields become person
// attributes, and a subscription time a subscribe event tagged with the
// activist's tags; phone numbers and street addresses are never read.
// kActionNetworkActionsFormat reads one action's download (petition
// signatures, event RSVPs, form submissions, letter outreaches, donations):
// one event per row of the kind osdi.cc gives that action. People are named
// as osdi.cc names them, so the API and the CSVs meet on one channel. See
// actionnetwork_csv.cc for the mapping.
#pragma once

#include <string_view>

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kActionNetworkActivistsFormat;
extern const PlatformFormat kActionNetworkActionsFormat;

// The action an action download records, from its file name ("petition",
// "signatures", "rsvps", "attendees", "submissions", "letters",
// "outreaches", "donations", ...): the event kind osdi.cc gives it
// ("petition", "event_attend", "form_submission", "outreach", "donation"),
// empty when the name says none of them.
std::string_view ActionNetworkKindOfFileName(std::string_view file);

}  // namespace learnloop::ingest
