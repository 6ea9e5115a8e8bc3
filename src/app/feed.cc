#include "learnloop/app/feed.h"

#include "ingest/feed.h"
#include "ingest/input_text.h"

namespace learnloop::app {

Result<FeedInspection> InspectFeed(const std::filesystem::path& file) {
  const std::string name = file.string();
  LL_ASSIGN_OR_RETURN(std::string bytes, ingest::ReadWholeFile(file, ingest::kMaxFeedBytes));
  const std::string_view view = ingest::WithoutBom(bytes);
  // A file that opens like JSON is a JSON Feed or nothing; the XML reader's
  // message would only confuse.
  const size_t first = view.find_first_not_of(" \t\r\n");
  const bool json = first != std::string_view::npos && view[first] == '{';
  ingest::ReadReport report;
  LL_ASSIGN_OR_RETURN(ingest::Feed feed,
                      json ? ingest::ReadJsonFeed(view, name, report) : ingest::ReadXmlFeed(view, name, report));
  FeedInspection out{name,
                     std::string(json ? ingest::kJsonFeedFormat.name : ingest::kFeedFormat.name),
                     std::move(feed.kind),
                     std::move(feed.title),
                     std::move(feed.link),
                     std::move(feed.id),
                     {},
                     std::move(report.skipped),
                     std::move(report.warnings),
                     report.more_warnings};
  for (ingest::FeedItem& item : feed.items)
    out.items.push_back(
        {std::move(item.id), std::move(item.title), std::move(item.link), item.published, std::move(item.text)});
  return out;
}

}  // namespace learnloop::app
