// X (Twitter) exports. kXArchiveFormat reads the data files of an account
// archive (tweets.js, like.js, follower.js, following.js: a JSON array
// assigned to window.YTD.<name>.partN), one file or part at a time: the
// organization's tweets become per-tweet likes/shares observations and its
// replies and mentions org_reply events; likes, followers and followings
// carry no dates and are skipped with a reason. kXAnalyticsFormat reads the
// per-post analytics CSV (impressions, engagements, likes, ...) as
// observations.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/platform.h"
#include "ingest/platform_text.h"  // DecodeHtmlEntities, which tweet text needs
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::ingest {

extern const PlatformFormat kXArchiveFormat;
extern const PlatformFormat kXAnalyticsFormat;

// Parses an archive's created_at, "Sat Feb 18 12:33:11 +0000 2023": English
// weekday and month abbreviations, a two-digit day, the time, a +HHMM or
// -HHMM offset (applied) and a four-digit year, single-spaced. The weekday
// must be that of the date. InvalidArgument saying what is wrong otherwise.
Result<Timestamp> ParseXCreatedAt(std::string_view text);

// "@name" for an X screen name (letters, digits, '_'; X allows 15, old
// accounts have a few more), lower-cased since X ignores case, as the X
// formats name people; nullopt for anything else.
std::optional<std::string> XHandle(std::string_view screen_name);

}  // namespace learnloop::ingest
