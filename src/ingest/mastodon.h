// Mastodon REST API JSON as saved from the API: notifications (mentions,
// replies, favourites, boosts, quotes, follows as events) and an account's
// statuses (per-post counts as observations, the organization's replies as
// org_reply events); followers and following lists are recognized and
// passed over, having no dates. See mastodon.cc for the mapping.
#pragma once

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kMastodonApiFormat;

}  // namespace learnloop::ingest
