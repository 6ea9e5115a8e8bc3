// Mailchimp exports. kMailchimpAudienceFormat reads one CSV of an audience
// export (subscribed, unsubscribed, cleaned or nonsubscribed members): each
// contact's opt-in becomes a subscribe event, an unsubscribe or a cleaned
// (bouncing) address an unsubscribe event, and the audience's own fields
// (First Name, custom ones) person attributes. kMailchimpActivityFormat reads
// a campaign's per-recipient email activity as saved from the Marketing API
// (opens and clicks as events). See mailchimp.cc for the mapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/platform.h"
#include "ingest/platform_text.h"  // EmailPerson, the person the formats name

namespace learnloop::ingest {

extern const PlatformFormat kMailchimpAudienceFormat;
extern const PlatformFormat kMailchimpActivityFormat;

}  // namespace learnloop::ingest
