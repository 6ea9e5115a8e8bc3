// Bluesky (AT Protocol) API JSON as saved: the output of
// app.bsky.notification.listNotifications (likes, reposts, replies, quotes,
// mentions, follows as events), app.bsky.feed.getAuthorFeed (per-post
// counts as observations, the organization's replies as org_reply events)
// and app.bsky.feed.searchPosts (each post a mention by its author).
#pragma once

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kBlueskyFormat;

}  // namespace learnloop::ingest
