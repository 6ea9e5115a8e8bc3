// Mobilize's API answer for an organization's attendances
// (GET /api/v1/organizations/:id/attendances) as saved, one page per file:
// each registration an `event_signup` at the time it was made, and each
// attendance marked as attended an `event_attend` at its timeslot's start,
// both of the person's email; cancelled registrations are skipped. The
// person's first and last name and ZIP code become person attributes;
// phone numbers are never read.
#pragma once

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kMobilizeFormat;

}  // namespace learnloop::ingest
