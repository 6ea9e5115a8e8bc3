// Web feeds as the organization's own content history: RSS 0.9x, RSS 1.0
// (RDF) and RSS 2.0, Atom 1.0 (and 0.3), and JSON Feed 1.0/1.1. Each item
// is one post the organization published: a ContentItem on the channel
// "web" (or the context's), keyed by its id (guid, Atom id, JSON Feed id)
// or else its link. Feeds yield no events.
//
// Real feeds are often broken; what is repaired rather than refused is
// listed in feed.cc. A feed is refused only when no feed can be found in it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/platform.h"

namespace learnloop::ingest {

struct FeedItem {
  std::string id;                      // guid / id / rdf:about as written; empty when absent
  std::string title;                   // plain text
  std::string link;                    // absolute when a base was known (xml:base, the feed's link)
  std::optional<Timestamp> published;  // published, else updated; absent when unreadable
  std::string text;                    // the body as plain text (content, else description or summary)
  std::string tags;                    // categories, ';'-joined
};

struct Feed {
  std::string kind;  // "RSS 2.0", "RSS 1.0", "RSS 0.91", "Atom 1.0", "JSON Feed 1.1", ...
  std::string title;
  std::string link;  // the site's address
  std::string id;    // Atom's id or JSON Feed's feed_url; empty when absent
  std::vector<FeedItem> items;
};

// The largest feed read: no real feed comes near it, and it bounds the
// memory a hostile file can take.
inline constexpr size_t kMaxFeedBytes = size_t{64} << 20;

// Reads an RSS or Atom feed. Problems that do not stop the read (a date
// that cannot be read, repaired bytes, damaged XML) are warnings in
// `report`; InvalidArgument naming `file` when it holds no feed at all.
Result<Feed> ReadXmlFeed(std::string_view bytes, std::string_view file, ReadReport& report);

// Reads a JSON Feed (https://jsonfeed.org/version/1.1) the same way.
Result<Feed> ReadJsonFeed(std::string_view bytes, std::string_view file, ReadReport& report);

// A feed's date: RFC 3339 and W3C-DTF (date only, minutes only), RFC 822
// with or without the weekday, 2- or 4-digit years, numeric or named zones
// (GMT, EST, Z, ...), and common broken forms ("June 10, 2003 4:00 PM").
// A time without a zone is UTC. nullopt when no date can be found.
std::optional<Timestamp> ParseFeedDate(std::string_view text);

// Hands each item of `feed` to `sink` as a ContentItem on the context's
// channel (default "web"): keyed by its id, else its link (an item with
// neither is skipped), its text the title, a blank line and the body.
Status EmitFeedContents(const Feed& feed, const PlatformContext& context, RecordSink& sink, ReadReport& report);

extern const PlatformFormat kFeedFormat;
extern const PlatformFormat kJsonFeedFormat;

}  // namespace learnloop::ingest
