// Mastodon's account archive (Preferences > Import and export > Data
// export), each of its JSON files read on its own: outbox.json (the
// account's posts and boosts as ActivityPub activities; its replies to and
// mentions of people as org_reply events), and likes.json, bookmarks.json
// and actor.json, recognized and passed over with their reasons. See
// mastodon_archive.cc for the mapping.
#pragma once

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kMastodonArchiveFormat;

}  // namespace learnloop::ingest
