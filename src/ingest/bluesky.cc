#include "ingest/bluesky.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "ingest/json_stream.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kDefaultChannel = "bluesky";
constexpr std::string_view kExpectedTop =
    "a JSON object with \"notifications\", \"feed\" or \"posts\" (what listNotifications, getAuthorFeed or "
    "searchPosts return)";

// A value's place in the document, "notifications[3].author.handle", kept
// as a chain of stack frames and spelled out only for a message.
struct JsonPath {
  const JsonPath* parent = nullptr;
  std::string_view key;
  int64_t index = -1;

  JsonPath Key(std::string_view k) const { return {this, k, -1}; }
  JsonPath Index(int64_t i) const { return {this, {}, i}; }
  std::string ToString() const {
    std::string prefix = parent ? parent->ToString() : std::string();
    if (index >= 0) return fmt::format("{}[{}]", prefix, index);
    return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
  }
};

template <typename T>
constexpr std::string_view kTypeName = "a number";
template <>
constexpr std::string_view kTypeName<std::string_view> = "a string";
template <>
constexpr std::string_view kTypeName<dom::object> = "an object";
template <>
constexpr std::string_view kTypeName<dom::array> = "an array";

bool IsCharBoundary(std::string_view text, int64_t at) {
  return at == static_cast<int64_t>(text.size()) || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

// The did an at-uri names ("at://did:plc:abc/app.bsky.feed.post/3k" ->
// "did:plc:abc").
std::string_view DidOfUri(std::string_view uri) {
  if (!uri.starts_with("at://")) return {};
  uri.remove_prefix(5);
  return uri.substr(0, uri.find('/'));
}

// What listNotifications' reasons become: a kind, or why they are skipped.
struct ReasonMapping {
  std::string_view reason;
  std::string_view kind;
  std::string_view skip;
};
constexpr std::array<ReasonMapping, 12> kReasons = {{
    {"like", "like", ""},
    {"repost", "share", ""},
    {"reply", "reply", ""},
    {"quote", "share", ""},
    {"mention", "mention", ""},
    {"follow", "follow", ""},
    {"starterpack-joined", "", "someone joined Bluesky through the organization's starter pack"},
    {"verified", "", "Bluesky verified the organization's account (a notice, not a person's action)"},
    {"unverified", "", "Bluesky withdrew the organization's verification (a notice, not a person's action)"},
    {"like-via-repost", "", "a like of the organization's repost of someone else's post"},
    {"repost-via-repost", "", "a repost of the organization's repost of someone else's post"},
    {"subscribed-post", "", "a new post by an account the organization asked to be told about"},
}};

// What a post's facets say: its hashtags and the people it mentions.
struct Facets {
  std::string tags;  // ';'-joined, lower-case
  struct Mention {
    std::string_view did;
    std::string_view text;  // the span as written, "@dana.bsky.social"
  };
  std::vector<Mention> mentions;
};

class BlueskyReader {
 public:
  BlueskyReader(const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : context_(context), sink_(sink), report_(report), channel_(context.ChannelOr(kDefaultChannel)) {}

  Status Read(ChunkedInput& input) {
    const JsonRecordFile file{input, kExpectedTop, {{"notifications"}, {"feed"}, {"posts"}}};
    LL_ASSIGN_OR_RETURN(const std::string outline, OutlineJson(file));
    dom::element root;
    if (auto error = parser_.parse(outline).get(root)) {
      return InvalidArgument(fmt::format("{}: {}; expected {}", context_.file, JsonSyntaxError(error), kExpectedTop));
    }
    dom::object top;
    if (root.get(top) != simdjson::SUCCESS)
      return InvalidArgument(
          fmt::format("{}: the file holds {}; expected {}", context_.file, DescribeJson(root), kExpectedTop));
    const JsonPath none;
    for (std::string_view key : {"notifications", "feed", "posts"}) {
      std::optional<dom::array> items;
      LL_RETURN_IF_ERROR(Get(top, none, key, &items));
      if (!items) continue;
      const JsonPath path = none.Key(key);
      const std::vector<std::string> at = {std::string(key)};
      if (key == "notifications") return ForEach(file, at, path, &BlueskyReader::Notification);
      if (key == "feed") {
        LL_ASSIGN_OR_RETURN(org_did_, MostCommonAuthor(file, at));
        return ForEach(file, at, path, &BlueskyReader::FeedItem);
      }
      return ForEach(file, at, path, &BlueskyReader::SearchedPost);
    }
    return InvalidArgument(
        fmt::format("{}: the object has none of the keys; expected {}", context_.file, kExpectedTop));
  }

 private:
  using ItemReader = Status (BlueskyReader::*)(dom::object, const JsonPath&);

  Status ForEach(const JsonRecordFile& file, const std::vector<std::string>& records, const JsonPath& path,
                 ItemReader read) {
    int64_t i = 0;
    return ForEachJsonRecord(file, records, parser_, [&](dom::element item) {
      const JsonPath at = path.Index(i++);
      ++report_.records;
      dom::object object;
      if (item.get(object) != simdjson::SUCCESS) return TypeError(at, "an object", item);
      return (this->*read)(object, at);
    });
  }

  Status TypeError(const JsonPath& path, std::string_view expected, dom::element found) const {
    return InvalidArgument(
        fmt::format("{}: {}: expected {}, found {}", context_.file, path.ToString(), expected, DescribeJson(found)));
  }

  // A member the API itself writes: absent or null is nullopt, the wrong
  // type means the file is damaged.
  template <typename T>
  Status Get(dom::object object, const JsonPath& path, std::string_view key, std::optional<T>* out) const {
    out->reset();
    std::optional<dom::element> e = Member(object, key);
    if (!e) return Status::Ok();
    T value;
    if (e->get(value) != simdjson::SUCCESS) return TypeError(path.Key(key), kTypeName<T>, *e);
    *out = value;
    return Status::Ok();
  }

  // "@handle", or the did when Bluesky could not verify the handle; empty
  // when neither is usable. The author's displayName becomes the person's
  // display_name attribute, once per file, for people suggest.
  Status PersonOf(dom::object view, const JsonPath& path, std::string* person) {
    person->clear();
    std::optional<dom::object> author;
    LL_RETURN_IF_ERROR(Get(view, path, "author", &author));
    if (!author) return Status::Ok();
    const JsonPath at = path.Key("author");
    std::optional<std::string_view> handle, did;
    LL_RETURN_IF_ERROR(Get(*author, at, "handle", &handle));
    LL_RETURN_IF_ERROR(Get(*author, at, "did", &did));
    if (handle && *handle != "handle.invalid" && IsCleanName(*handle, kMaxNameBytes - 1)) {
      // Built in place: GCC 12 at -O3 warns (-Wrestrict, falsely) about "@" + std::string.
      person->assign(1, '@');
      person->append(LowerAscii(*handle));
    } else if (did && did->starts_with("did:") && IsCleanName(*did, kMaxNameBytes)) {
      *person = std::string(*did);
    }
    if (person->empty()) return Status::Ok();
    return names_.Hand(sink_, *person, Lenient<std::string_view>(author, "displayName").value_or(""));
  }

  // The record's createdAt, else the view's indexedAt.
  Status TimeOf(dom::object view, const JsonPath& path, std::optional<dom::object> record,
                std::optional<Timestamp>* ts) const {
    ts->reset();
    if (auto created = Lenient<std::string_view>(record, "createdAt")) {
      if (Result<Timestamp> parsed = ParseRfc3339(*created); parsed.ok()) {
        *ts = *parsed;
        return Status::Ok();
      }
    }
    std::optional<std::string_view> indexed;
    LL_RETURN_IF_ERROR(Get(view, path, "indexedAt", &indexed));
    if (indexed) {
      if (Result<Timestamp> parsed = ParseRfc3339(*indexed); parsed.ok()) *ts = *parsed;
    }
    return Status::Ok();
  }

  void FacetWarning(const JsonPath& path, std::string_view problem) {
    report_.Warn(fmt::format("{}: {}: {}; the facet is ignored", context_.file, path.ToString(), problem));
  }

  // Facets index record.text by UTF-8 bytes [byteStart, byteEnd).
  Facets FacetsOf(std::optional<dom::object> record, const JsonPath& record_path) {
    Facets facets;
    std::string_view text = Lenient<std::string_view>(record, "text").value_or("");
    std::optional<dom::array> list = Lenient<dom::array>(record, "facets");
    if (!list) return facets;
    const JsonPath list_path = record_path.Key("facets");
    int64_t i = 0;
    for (dom::element element : *list) {
      const JsonPath at = list_path.Index(i++);
      dom::object facet;
      if (element.get(facet) != simdjson::SUCCESS) continue;
      std::optional<dom::object> index = Lenient<dom::object>(facet, "index");
      std::optional<int64_t> start = Lenient<int64_t>(index, "byteStart");
      std::optional<int64_t> end = Lenient<int64_t>(index, "byteEnd");
      if (!start || !end) {
        FacetWarning(at, "no byteStart and byteEnd");
        continue;
      }
      if (*start < 0 || *start >= *end || *end > static_cast<int64_t>(text.size()) || !IsCharBoundary(text, *start) ||
          !IsCharBoundary(text, *end)) {
        FacetWarning(at,
                     fmt::format("bytes {}..{} are not a span of the post's {}-byte text", *start, *end, text.size()));
        continue;
      }
      ReadFeatures(Lenient<dom::array>(facet, "features"), text.substr(*start, *end - *start), &facets);
    }
    if (facets.tags.size() > kMaxTagsBytes) {
      report_.Warn(fmt::format("{}: {}: hashtags longer than {} bytes in all; only the first are kept", context_.file,
                               list_path.ToString(), kMaxTagsBytes));
      facets.tags.resize(facets.tags.rfind(';', kMaxTagsBytes));
    }
    return facets;
  }

  static void ReadFeatures(std::optional<dom::array> features, std::string_view span, Facets* facets) {
    if (!features) return;
    for (dom::element element : *features) {
      dom::object feature;
      if (element.get(feature) != simdjson::SUCCESS) continue;
      std::string_view type = Lenient<std::string_view>(feature, "$type").value_or("");
      if (type == "app.bsky.richtext.facet#tag") {
        std::string tag = LowerAscii(TrimAscii(Lenient<std::string_view>(feature, "tag").value_or("")));
        if (!IsCleanName(tag, kMaxNameBytes) || tag.find(';') != std::string::npos) continue;
        if (fmt::format(";{};", facets->tags).find(fmt::format(";{};", tag)) != std::string::npos) continue;
        facets->tags += (facets->tags.empty() ? "" : ";") + tag;
      } else if (type == "app.bsky.richtext.facet#mention") {
        std::string_view did = Lenient<std::string_view>(feature, "did").value_or("");
        if (!did.empty()) facets->mentions.push_back({did, span});
      }
    }
  }

  Status Emit(Timestamp ts, std::string_view person, std::string_view kind, std::string_view content,
              std::string_view tags) {
    return sink_.Event(EventView{ts, channel_, person, kind, content, std::nullopt, tags});
  }

  // A post link for content: an at-uri that is clean text.
  static std::optional<std::string_view> PostLink(std::optional<std::string_view> uri) {
    if (!uri || !uri->starts_with("at://") || !IsCleanName(*uri, kMaxContentBytes)) return std::nullopt;
    return uri;
  }

  // The organization's post a notification is about ("" for a mention or
  // follow); nullopt when the notification does not say.
  static std::optional<std::string_view> SubjectOf(std::string_view reason, std::optional<std::string_view> subject,
                                                   std::optional<dom::object> record) {
    if (reason == "mention" || reason == "follow") return std::string_view();
    if (reason == "reply") {
      auto reply = Lenient<dom::object>(record, "reply");
      if (auto uri = PostLink(Lenient<std::string_view>(Lenient<dom::object>(reply, "parent"), "uri"))) return uri;
    } else if (reason == "quote") {
      // app.bsky.embed.record holds {record: {uri}}; recordWithMedia one level deeper.
      auto embedded = Lenient<dom::object>(Lenient<dom::object>(record, "embed"), "record");
      if (auto uri = PostLink(Lenient<std::string_view>(embedded, "uri"))) return uri;
      if (auto uri = PostLink(Lenient<std::string_view>(Lenient<dom::object>(embedded, "record"), "uri"))) return uri;
    } else if (!PostLink(subject)) {
      // A like or repost record names its subject too.
      return PostLink(Lenient<std::string_view>(Lenient<dom::object>(record, "subject"), "uri"));
    }
    return PostLink(subject);
  }

  Status Notification(dom::object n, const JsonPath& path) {
    std::optional<std::string_view> reason, subject;
    std::optional<dom::object> record;
    LL_RETURN_IF_ERROR(Get(n, path, "reason", &reason));
    LL_RETURN_IF_ERROR(Get(n, path, "reasonSubject", &subject));
    LL_RETURN_IF_ERROR(Get(n, path, "record", &record));
    if (!reason) {
      report_.Skip("a notification that does not say what happened");
      return Status::Ok();
    }
    auto mapping = std::find_if(kReasons.begin(), kReasons.end(), [&](const auto& m) { return m.reason == *reason; });
    if (mapping == kReasons.end()) {
      report_.Skip(IsCleanName(*reason, 40)
                       ? fmt::format("a kind of notification learnloop does not import ('{}')", *reason)
                       : std::string("a kind of notification learnloop does not import"));
      return Status::Ok();
    }
    if (mapping->kind.empty()) {
      report_.Skip(mapping->skip);
      return Status::Ok();
    }
    LL_RETURN_IF_ERROR(PersonOf(n, path, &person_));
    std::optional<Timestamp> ts;
    LL_RETURN_IF_ERROR(TimeOf(n, path, record, &ts));
    std::optional<std::string_view> content = SubjectOf(*reason, subject, record);
    if (person_.empty()) {
      report_.Skip("a notification without its author's handle");
    } else if (!ts) {
      report_.Skip("a notification without a valid time");
    } else if (!content) {
      report_.Skip("a like, repost, reply or quote that does not say which post it is about");
    } else {
      return Emit(*ts, person_, mapping->kind, *content, FacetsOf(record, path.Key("record")).tags);
    }
    return Status::Ok();
  }

  // The organization of a feed: the author of most of its own posts.
  // A pass of its own over the feed, before the pass that reads it.
  Result<std::string> MostCommonAuthor(const JsonRecordFile& file, const std::vector<std::string>& records) {
    std::unordered_map<std::string, int64_t> counts;
    std::string best;
    LL_RETURN_IF_ERROR(ForEachJsonRecord(file, records, parser_, [&](dom::element item) {
      dom::object object;
      if (item.get(object) != simdjson::SUCCESS || Member(object, "reason")) return Status::Ok();
      auto author = Lenient<dom::object>(Lenient<dom::object>(object, "post"), "author");
      std::string did(Lenient<std::string_view>(author, "did").value_or(""));
      if (!did.empty() && ++counts[did] > counts[best]) best = std::move(did);
      return Status::Ok();
    }));
    return best;
  }

  Status FeedItem(dom::object item, const JsonPath& path) {
    std::optional<dom::object> post, reason;
    LL_RETURN_IF_ERROR(Get(item, path, "post", &post));
    LL_RETURN_IF_ERROR(Get(item, path, "reason", &reason));
    if (reason) {
      std::optional<std::string_view> type;
      LL_RETURN_IF_ERROR(Get(*reason, path.Key("reason"), "$type", &type));
      if (type == "app.bsky.feed.defs#reasonRepost") {
        report_.Skip("the organization's repost of someone else's post");
        return Status::Ok();
      }
    }
    if (!post) {
      report_.Skip("a feed item without its post");
      return Status::Ok();
    }
    const JsonPath at = path.Key("post");
    std::optional<std::string_view> uri;
    std::optional<dom::object> author, record;
    LL_RETURN_IF_ERROR(Get(*post, at, "uri", &uri));
    LL_RETURN_IF_ERROR(Get(*post, at, "author", &author));
    LL_RETURN_IF_ERROR(Get(*post, at, "record", &record));
    std::optional<std::string_view> did;
    if (author) LL_RETURN_IF_ERROR(Get(*author, at.Key("author"), "did", &did));
    std::optional<Timestamp> ts;
    LL_RETURN_IF_ERROR(TimeOf(*post, at, record, &ts));
    if (!PostLink(uri)) {
      report_.Skip("a post without its link (uri)");
    } else if (did.value_or("") != org_did_) {
      report_.Skip("a post by another account in the organization's feed");
    } else if (!ts) {
      report_.Skip("a post without a valid time");
    } else if (!seen_posts_.emplace(*uri).second) {
      report_.Skip("the same post listed again (a pinned post)");
    } else {
      const Facets facets = FacetsOf(record, at.Key("record"));
      const std::string text(TrimAscii(Lenient<std::string_view>(record, "text").value_or("")));
      LL_RETURN_IF_ERROR(sink_.Content({std::string(channel_), std::string(*uri), *ts, text, facets.tags}));
      LL_RETURN_IF_ERROR(Counts(*post, at, *uri, context_.zone.LocalDay(*ts)));
      return OrgReplies(item, path, *uri, *ts, record, facets);
    }
    return Status::Ok();
  }

  Status Counts(dom::object post, const JsonPath& path, std::string_view uri, Day day) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kCounts = {
        {{"likeCount", "likes"}, {"repostCount", "shares"}, {"replyCount", "replies"}, {"quoteCount", "quotes"}}};
    for (const auto& [key, metric] : kCounts) {
      std::optional<double> count;
      LL_RETURN_IF_ERROR(Get(post, path, key, &count));
      if (!count) continue;
      if (*count < 0) {
        report_.Warn(
            fmt::format("{}: {}: a negative count ({}); left out", context_.file, path.Key(key).ToString(), *count));
        continue;
      }
      LL_RETURN_IF_ERROR(
          sink_.Observation({day, std::string(channel_), std::string(uri), std::string(metric), *count}));
    }
    return Status::Ok();
  }

  // The organization answering someone: a reply to another account's post,
  // and each account its post mentions.
  Status OrgReplies(dom::object item, const JsonPath& path, std::string_view uri, Timestamp ts,
                    std::optional<dom::object> record, const Facets& facets) {
    std::string replied_to;
    auto parent_uri =
        Lenient<std::string_view>(Lenient<dom::object>(Lenient<dom::object>(record, "reply"), "parent"), "uri");
    if (parent_uri && DidOfUri(*parent_uri) != org_did_) {
      std::optional<dom::object> reply, parent;
      LL_RETURN_IF_ERROR(Get(item, path, "reply", &reply));
      if (reply) LL_RETURN_IF_ERROR(Get(*reply, path.Key("reply"), "parent", &parent));
      if (parent) LL_RETURN_IF_ERROR(PersonOf(*parent, path.Key("reply").Key("parent"), &replied_to));
      if (replied_to.empty()) {
        report_.Skip("the organization's reply to a post that is deleted, blocked or not in the file");
      } else {
        LL_RETURN_IF_ERROR(Emit(ts, replied_to, "org_reply", uri, facets.tags));
      }
    }
    for (const Facets::Mention& mention : facets.mentions) {
      if (mention.did == org_did_) continue;
      const std::string person = LowerAscii(mention.text);
      if (!person.starts_with('@') || !IsCleanName(person, kMaxNameBytes)) {
        report_.Warn(fmt::format("{}: {}: a mention written '{}', not as @handle; left out", context_.file,
                                 path.Key("post").ToString(), mention.text.substr(0, 64)));
      } else if (person != replied_to) {
        LL_RETURN_IF_ERROR(Emit(ts, person, "org_reply", uri, facets.tags));
      }
    }
    return Status::Ok();
  }

  Status SearchedPost(dom::object post, const JsonPath& path) {
    std::optional<dom::object> record;
    LL_RETURN_IF_ERROR(Get(post, path, "record", &record));
    LL_RETURN_IF_ERROR(PersonOf(post, path, &person_));
    std::optional<Timestamp> ts;
    LL_RETURN_IF_ERROR(TimeOf(post, path, record, &ts));
    if (person_.empty()) {
      report_.Skip("a post without its author's handle");
    } else if (!ts) {
      report_.Skip("a post without a valid time");
    } else {
      return Emit(*ts, person_, "mention", "", FacetsOf(record, path.Key("record")).tags);
    }
    return Status::Ok();
  }

  const PlatformContext& context_;
  RecordSink& sink_;
  ReadReport& report_;
  std::string_view channel_;
  dom::parser parser_;
  std::string org_did_;                            // getAuthorFeed only
  std::set<std::string, std::less<>> seen_posts_;  // copies: each record is parsed over the last
  std::string person_;
  DisplayNames names_;
};

bool SniffBluesky(std::string_view head) {
  std::string_view text = TrimAscii(head);
  if (!text.starts_with('{') || text.find("at://") == std::string_view::npos) return false;
  if (HasJsonKey(text, "notifications"))
    return HasJsonKey(text, "reason") || text.find("\"did:") != std::string_view::npos;
  if (HasJsonKey(text, "feed")) return HasJsonKey(text, "post");
  return HasJsonKey(text, "posts");
}

Status ReadBluesky(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return BlueskyReader(context, sink, report).Read(input);
}

}  // namespace

const PlatformFormat kBlueskyFormat = {
    .name = "bluesky-api",
    .title = "Bluesky API JSON (getAuthorFeed, listNotifications, searchPosts)",
    .default_channel = kDefaultChannel,
    .sniff = SniffBluesky,
    .read = ReadBluesky,
};

}  // namespace learnloop::ingest
