// Reading a web feed to see what learnloop makes of it, without a
// workspace: the tool for a feed that looks wrong after an import.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/json.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::app {

struct FeedEntry {
  std::string id;  // guid / id as written; empty when absent
  std::string title;
  std::string link;                    // absolute when a base was known
  std::optional<Timestamp> published;  // absent when missing or unreadable (see warnings)
  std::string text;                    // the body as plain text
};

struct FeedInspection {
  std::string file;
  std::string format;  // the import format: "feed" or "json-feed"
  std::string kind;    // "RSS 2.0", "Atom 1.0", "JSON Feed 1.1", ...
  std::string title;
  std::string link;
  std::string id;
  std::vector<FeedEntry> items;
  std::map<std::string, int64_t> skipped;  // entries that are no item: why -> how many
  std::vector<std::string> warnings;       // the first few
  int64_t more_warnings = 0;
};

// Reads `file` as an RSS, Atom or JSON feed and writes nothing. NotFound or
// IoError when it cannot be read; InvalidArgument naming the file when it
// holds no feed.
Result<FeedInspection> InspectFeed(const std::filesystem::path& file);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::FeedInspection& feed);

}  // namespace learnloop::json
