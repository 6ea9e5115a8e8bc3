// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): an object with
// version, title, home_page_url, feed_url and items, each with id, url,
// title, content_html or content_text, summary, date_published,
// date_modified and tags. A member of the wrong type is left out of its
// item, as if absent; an id written as a number is read as its digits.
#include <fmt/format.h>
#include <libxml/uri.h>
#include <simdjson.h>

#include <memory>
#include <string>

#include "ingest/feed.h"
#include "ingest/html_text.h"
#include "ingest/input_text.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

namespace dom = simdjson::dom;

std::string StringOf(dom::object object, std::string_view key) {
  return std::string(Lenient<std::string_view>(object, key).value_or(""));
}

// JSON Feed links are meant to be absolute; a relative one is resolved
// against the site's address.
std::string Resolve(const std::string& href, const std::string& base) {
  if (href.empty() || base.empty()) return href;
  std::unique_ptr<xmlChar, void (*)(void*)> resolved(
      xmlBuildURI(reinterpret_cast<const xmlChar*>(href.c_str()), reinterpret_cast<const xmlChar*>(base.c_str())),
      xmlFree);
  return resolved ? std::string(reinterpret_cast<const char*>(resolved.get())) : href;
}

std::string IdOf(dom::object item) {
  std::optional<dom::element> id = Member(item, "id");
  if (!id) return "";
  if (std::string_view text; id->get(text) == simdjson::SUCCESS) return std::string(TrimAscii(text));
  if (int64_t number = 0; id->get(number) == simdjson::SUCCESS) return std::to_string(number);
  if (uint64_t number = 0; id->get(number) == simdjson::SUCCESS) return std::to_string(number);
  return "";
}

std::string TagsOf(dom::object item) {
  std::string tags;
  std::optional<dom::element> list = Member(item, "tags");
  dom::array array;
  if (!list || list->get(array) != simdjson::SUCCESS) return tags;
  for (dom::element tag : array) {
    std::string_view text;
    if (tag.get(text) != simdjson::SUCCESS || text.empty()) continue;
    std::string clean = LowerAscii(text);
    for (char& c : clean)
      if (c == ';' || static_cast<unsigned char>(c) < 0x20) c = ',';
    if (!tags.empty()) tags.push_back(';');
    tags += clean;
  }
  return tags;
}

FeedItem ReadItem(dom::object item, const Feed& feed, std::string_view file, size_t index, ReadReport& report) {
  FeedItem out;
  out.id = IdOf(item);
  out.title = NormalizeNfc(CollapseWhitespace(StringOf(item, "title")));
  out.link = Resolve(std::string(TrimAscii(StringOf(item, "url"))), feed.link);
  if (out.link.empty()) out.link = Resolve(std::string(TrimAscii(StringOf(item, "external_url"))), feed.link);
  if (std::string html = StringOf(item, "content_html"); !html.empty()) {
    out.text = HtmlToText(html);
  } else if (std::string text = StringOf(item, "content_text"); !text.empty()) {
    out.text = NormalizeNfc(std::string(TrimAscii(text)));
  } else {
    out.text = NormalizeNfc(CollapseWhitespace(StringOf(item, "summary")));
  }
  out.tags = TagsOf(item);
  for (std::string_view key : {"date_published", "date_modified"}) {
    std::optional<std::string_view> date = Lenient<std::string_view>(item, key);
    if (!date) continue;
    out.published = ParseFeedDate(*date);
    if (!out.published)
      report.Warn(
          fmt::format("{}: items[{}].{}: '{}' is not a date learnloop can read; the item is kept without a time", file,
                      index, key, Excerpt(*date)));
    break;
  }
  return out;
}

bool SniffJsonFeed(std::string_view head) {
  const size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || head[start] != '{') return false;
  const size_t version = head.find("\"version\"");
  return version != std::string_view::npos && head.find("jsonfeed.org", version) != std::string_view::npos;
}

Status ReadJsonFeedFormat(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  LL_ASSIGN_OR_RETURN(std::string bytes, ReadRest(input, kMaxFeedBytes, "feed"));
  LL_ASSIGN_OR_RETURN(Feed feed, ReadJsonFeed(WithoutBom(bytes), context.file, report));
  return EmitFeedContents(feed, context, sink, report);
}

}  // namespace

Result<Feed> ReadJsonFeed(std::string_view bytes, std::string_view file, ReadReport& report) {
  if (bytes.size() > kMaxFeedBytes)
    return InvalidArgument(fmt::format("{}: {} bytes is larger than any feed learnloop reads ({} MiB)", file,
                                       bytes.size(), kMaxFeedBytes >> 20));
  simdjson::padded_string padded(bytes);
  dom::parser parser;
  dom::element root;
  if (simdjson::error_code error = parser.parse(padded).get(root); error != simdjson::SUCCESS)
    return InvalidArgument(fmt::format("{}: {}; expected a JSON Feed", file, JsonSyntaxError(error)));
  std::optional<dom::object> object = AsObject(root);
  if (!object)
    return InvalidArgument(fmt::format("{}: expected a JSON Feed object, found {}", file, DescribeJson(root)));
  const std::string version = StringOf(*object, "version");
  if (version.find("jsonfeed.org/version/") == std::string::npos)
    return InvalidArgument(
        fmt::format("{}: version: expected \"https://jsonfeed.org/version/1.1\", found '{}'", file, Excerpt(version)));
  Feed feed;
  feed.kind = fmt::format("JSON Feed {}", version.substr(version.rfind('/') + 1));
  feed.title = NormalizeNfc(CollapseWhitespace(StringOf(*object, "title")));
  feed.link = std::string(TrimAscii(StringOf(*object, "home_page_url")));
  feed.id = std::string(TrimAscii(StringOf(*object, "feed_url")));
  std::optional<dom::element> items = Member(*object, "items");
  dom::array array;
  if (!items || items->get(array) != simdjson::SUCCESS)
    return InvalidArgument(fmt::format("{}: items: expected an array of items", file));
  size_t index = 0;
  for (dom::element element : array) {
    ++report.records;
    std::optional<dom::object> item = AsObject(element);
    if (!item) {
      report.Skip("not an object (a damaged entry)");
      report.Warn(fmt::format("{}: items[{}]: expected an object, found {}", file, index, DescribeJson(element)));
    } else {
      feed.items.push_back(ReadItem(*item, feed, file, index, report));
    }
    ++index;
  }
  return feed;
}

const PlatformFormat kJsonFeedFormat = {
    .name = "json-feed",
    .title = "JSON Feed 1.0/1.1 (a website's or blog's posts)",
    .default_channel = "web",
    .sniff = SniffJsonFeed,
    .read = ReadJsonFeedFormat,
};

}  // namespace learnloop::ingest
