// Action Network (OSDI) API JSON as saved: one page of an OSDI collection
// of actions (HAL+JSON), such as GET /petitions/:id/signatures. Signatures
// become petition events, attendances event_attend (or event_signup),
// donations donation events with their amount, outreaches and form
// submissions custom kinds. See osdi.cc for the mapping.
#pragma once

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kOsdiFormat;

}  // namespace learnloop::ingest
