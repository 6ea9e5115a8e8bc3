#include "learnloop/app/feed.h"

namespace learnloop::json {

Json ToJson(const app::FeedInspection& feed) {
  Json items = Json::array();
  for (const app::FeedEntry& item : feed.items)
    items.push_back({{"id", item.id},
                     {"title", item.title},
                     {"link", item.link},
                     {"published", item.published ? Json(FormatRfc3339(*item.published)) : Json(nullptr)},
                     {"text", item.text}});
  Json skipped = Json::array();
  for (const auto& [reason, count] : feed.skipped) skipped.push_back({{"reason", reason}, {"records", count}});
  return {{"file", feed.file},
          {"format", feed.format},
          {"kind", feed.kind},
          {"title", feed.title},
          {"link", feed.link},
          {"id", feed.id},
          {"items", items},
          {"skipped", skipped},
          {"warnings", feed.warnings},
          {"more_warnings", feed.more_warnings}};
}

}  // namespace learnloop::json
