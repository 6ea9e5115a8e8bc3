// What the organization published: a post, an email, a page (DESIGN.md's
// "content"). Platform files carry it beside events; a feed carries nothing
// else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "learnloop/time.h"

namespace learnloop {

struct ContentItem {
  std::string channel;
  std::string key;                        // its id on the channel (a feed item's guid, else its link)
  std::optional<Timestamp> published_at;  // absent when the source gives no readable time
  std::string text;                       // plain text, markup removed
  std::string tags;                       // ';'-separated
  bool operator==(const ContentItem&) const = default;
};

// What one import's contents did: of `rows` handed on, `added` keys were
// new, `updated` changed a stored item (the newest import wins) and
// `unchanged` matched it.
struct ContentCounts {
  int64_t rows = 0;
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
};

}  // namespace learnloop
