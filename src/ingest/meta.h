// Meta Business Suite post exports (Insights, Content, Export): one CSV per
// platform, one row per post (or per post and day), in the language of the
// person who downloaded it (English and German headers are known). Each
// post's reach, reactions, comments, shares, saves, ... become observations
// on the post's local publish day ("Lifetime" rows) or on the row's date.
// kFacebookPostsFormat knows a page's export by its page columns,
// kInstagramPostsFormat an account's by its account columns.
#pragma once

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kFacebookPostsFormat;
extern const PlatformFormat kInstagramPostsFormat;

}  // namespace learnloop::ingest
