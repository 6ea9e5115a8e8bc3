// Mastodon's account archive, as its backup writes it: outbox.json is an
// ActivityStreams OrderedCollection whose orderedItems are the account's
// Create activities (each with its Note: id, published, inReplyTo, tag
// holding Mention and Hashtag objects) and Announce activities (boosts,
// whose object is only a link); likes.json and bookmarks.json are
// OrderedCollections of post links; actor.json is the account's Person.
//
// The archive is the organization's own: each note is a post of its
// content (its HTML as text, its hashtags as tags), and a note that
// mentions people (a reply always mentions whom it answers) is one
// org_reply per person named, with the post's id as content, as
// mastodon-api reads the same replies from the API. Boosts, likes and
// bookmarks carry no supporter's interaction (likes and bookmarks carry no
// date either) and are passed over with their reasons.
#include "ingest/mastodon_archive.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/event_fields.h"
#include "ingest/html_text.h"
#include "ingest/input_text.h"
#include "ingest/json_stream.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kExpected =
    "a file of a Mastodon account archive: outbox.json, likes.json, bookmarks.json or actor.json";

bool Has(std::string_view head, std::string_view text) { return head.find(text) != std::string_view::npos; }

// The host of "https://host/path"; empty when there is none.
std::string_view HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  return url.substr(0, url.find_first_of("/?#"));
}

// "@name@host", lower-cased (Mastodon ignores the case of both), of a
// Mention tag: its name is "@name@host" for an account of another server
// and "@name" for one of the archive's own, whose host the href gives.
std::optional<std::string> MentionedPerson(std::string_view name, std::string_view href) {
  if (name.starts_with('@')) name.remove_prefix(1);
  if (name.empty()) {
    // No name: the href's last segment, "/users/name" or "/@name".
    std::string_view path = href.substr(0, href.find_first_of("?#"));
    name = path.substr(path.rfind('/') + 1);
    if (name.starts_with('@')) name.remove_prefix(1);
  }
  const size_t at = name.find('@');
  const std::string_view user = name.substr(0, at);
  const std::string_view host = at == std::string_view::npos ? HostOf(href) : name.substr(at + 1);
  if (user.empty() || host.empty() || host.find('@') != std::string_view::npos) return std::nullopt;
  std::string handle = fmt::format("@{}@{}", user, host);
  if (!IsCleanName(handle, kMaxNameBytes)) return std::nullopt;
  return LowerAscii(handle);
}

// The post number of a Mastodon status URI ("https://host/users/name/
// statuses/112371300000000000"), which is the id the API gives the same
// post, so a reply read from the archive and from the API is one event;
// any other id as it is.
std::string_view PostId(std::string_view uri) {
  constexpr std::string_view kStatuses = "/statuses/";
  const size_t at = uri.rfind(kStatuses);
  if (at == std::string_view::npos) return uri;
  const std::string_view number = uri.substr(at + kStatuses.size());
  const bool digits = !number.empty() && std::all_of(number.begin(), number.end(), IsAsciiDigit);
  return digits ? number : uri;
}

class ArchiveReader {
 public:
  ArchiveReader(const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : context_(context), channel_(context.ChannelOr("mastodon")), sink_(sink), report_(report) {}

  Status Read(ChunkedInput& input) {
    const JsonRecordFile file{input, kExpected, {{"orderedItems"}}};
    LL_ASSIGN_OR_RETURN(const std::string outline, OutlineJson(file));
    dom::element root;
    if (simdjson::error_code error = parser_.parse(outline).get(root); error != simdjson::SUCCESS) {
      return InvalidArgument(fmt::format("{}: {}; expected {}", context_.file, JsonSyntaxError(error), kExpected));
    }
    std::optional<dom::object> object = AsObject(root);
    if (!object)
      return InvalidArgument(fmt::format("{}: {}; expected {}", context_.file, DescribeJson(root), kExpected));
    if (std::optional<dom::element> items = Member(*object, "orderedItems")) {
      dom::array array;
      if (items->get(array) != simdjson::SUCCESS)
        return InvalidArgument(
            fmt::format("{}: orderedItems is {}; expected an array", context_.file, DescribeJson(*items)));
      const std::string id(Lenient<std::string_view>(object, "id").value_or(""));
      if (id.ends_with("likes.json")) return Links(file, "a post the organization liked (its own like, and undated)");
      if (id.ends_with("bookmarks.json"))
        return Links(file, "a post the organization bookmarked (its own bookmark, and undated)");
      return Outbox(file);
    }
    if (Member(*object, "preferredUsername")) return Actor(*object);
    return InvalidArgument(fmt::format("{}: an object with neither orderedItems nor preferredUsername; expected {}",
                                       context_.file, kExpected));
  }

 private:
  // Counts a record that cannot be used, with the detail as a warning.
  Status SkipWith(std::string_view reason, const std::string& detail) {
    report_.Skip(reason);
    report_.Warn(fmt::format("{}: {}", context_.file, detail));
    return Status::Ok();
  }

  Status Links(const JsonRecordFile& file, std::string_view reason) {
    size_t index = 0;
    return ForEachJsonRecord(file, {"orderedItems"}, parser_, [&](dom::element item) {
      ++report_.records;
      const size_t at = index++;
      if (item.is_string()) {
        report_.Skip(reason);
        return Status::Ok();
      }
      return SkipWith("not a link (a damaged entry)",
                      fmt::format("orderedItems[{}]: expected a link, found {}", at, DescribeJson(item)));
    });
  }

  Status Actor(dom::object actor) {
    ++report_.records;
    std::optional<std::string_view> name = Lenient<std::string_view>(actor, "preferredUsername");
    std::optional<std::string_view> id = Lenient<std::string_view>(actor, "id");
    std::optional<std::string> handle = name && id ? MentionedPerson(*name, *id) : std::nullopt;
    if (!handle)
      return SkipWith("a profile without a usable preferredUsername and id",
                      "preferredUsername, id: expected the account's name and its https:// address");
    report_.Skip(
        fmt::format("the organization's own profile ({}): who the archive belongs to, not an interaction", *handle));
    return Status::Ok();
  }

  Status Outbox(const JsonRecordFile& file) {
    size_t index = 0;
    return ForEachJsonRecord(file, {"orderedItems"}, parser_, [&](dom::element item) {
      ++report_.records;
      const std::string path = fmt::format("orderedItems[{}]", index++);
      std::optional<dom::object> activity = AsObject(item);
      if (!activity)
        return SkipWith("not an object (a damaged entry)",
                        fmt::format("{}: expected an object, found {}", path, DescribeJson(item)));
      return Activity(*activity, path);
    });
  }

  Status Activity(dom::object activity, const std::string& path) {
    const std::string_view type = Lenient<std::string_view>(activity, "type").value_or("");
    if (type == "Announce") {
      report_.Skip("a boost by the organization of someone else's post");
      return Status::Ok();
    }
    if (type != "Create") {
      if (type.empty())
        return SkipWith("an activity without a type", fmt::format("{}.type: expected Create or Announce", path));
      report_.Skip(fmt::format("an activity of type '{}' (not a post)", Excerpt(type)));
      return Status::Ok();
    }
    std::optional<dom::object> note = Lenient<dom::object>(activity, "object");
    if (!note)
      return SkipWith("a post given only as a link (no date or mentions)",
                      fmt::format("{}.object: expected the post as an object", path));
    std::optional<std::string_view> id = Lenient<std::string_view>(note, "id");
    std::optional<std::string_view> published = Lenient<std::string_view>(note, "published");
    if (!published) published = Lenient<std::string_view>(activity, "published");
    if (!id || PostId(*id).empty() || !published)
      return SkipWith("a post without an id or time", fmt::format("{}.object: expected id and published", path));
    Result<Timestamp> ts = ParseRfc3339(*published);
    if (!ts.ok())
      return SkipWith("a field that cannot be read (wrong type or format)",
                      fmt::format("{}.object.published: '{}' is not an RFC 3339 time", path, Excerpt(*published)));
    std::optional<std::string_view> own = Lenient<std::string_view>(activity, "actor");
    if (!own) own = Lenient<std::string_view>(note, "attributedTo");
    ReadTags(*note, own.value_or(""), path);
    // The post itself: its words (a content warning, ActivityStreams'
    // summary, first) and its hashtags.
    std::string text = PostText(Lenient<std::string_view>(note, "content").value_or(""),
                                Lenient<std::string_view>(note, "summary").value_or(""));
    LL_RETURN_IF_ERROR(sink_.Content({std::string(channel_), std::string(PostId(*id)), *ts, std::move(text), tags_}));
    if (people_.empty()) {
      const std::string_view answered = Lenient<std::string_view>(note, "inReplyTo").value_or("");
      const bool to_someone = !answered.empty() && !(own && answered.starts_with(fmt::format("{}/", *own)));
      if (to_someone) report_.Skip("a reply by the organization whose addressee is not among the post's mentions");
      return Status::Ok();
    }
    for (const std::string& person : people_)
      LL_RETURN_IF_ERROR(sink_.Event(EventView{*ts, channel_, person, "org_reply", PostId(*id), std::nullopt, tags_}));
    return Status::Ok();
  }

  // Fills people_ with the accounts the note mentions, but for the
  // organization's own (`own`, its actor URL, "https://host/users/name"),
  // whether named by that URL or by a handle, and tags_ with its hashtags.
  void ReadTags(dom::object note, std::string_view own, const std::string& path) {
    const std::optional<std::string> own_handle = own.empty() ? std::nullopt : MentionedPerson("", own);
    people_.clear();
    tags_.clear();
    dom::array tags;
    if (std::optional<dom::element> member = Member(note, "tag"); !member || member->get(tags) != simdjson::SUCCESS)
      return;
    size_t index = 0;
    for (dom::element tag : tags) {
      std::optional<dom::object> object = AsObject(tag);
      const std::string_view type = Lenient<std::string_view>(object, "type").value_or("");
      const std::string_view name = Lenient<std::string_view>(object, "name").value_or("");
      const std::string_view href = Lenient<std::string_view>(object, "href").value_or("");
      if (type == "Hashtag" && name.size() > 1) {
        if (!tags_.empty()) tags_.push_back(';');
        tags_ += LowerAscii(name.starts_with('#') ? name.substr(1) : name);
      } else if (type == "Mention" && (own.empty() || href != own)) {
        std::optional<std::string> person = MentionedPerson(name, href);
        if (!person) {
          report_.Warn(fmt::format("{}: {}.object.tag[{}]: a mention without a usable name or href; passed over",
                                   context_.file, path, index));
        } else if (person != own_handle && std::find(people_.begin(), people_.end(), *person) == people_.end()) {
          people_.push_back(std::move(*person));
        }
      }
      ++index;
    }
  }

  const PlatformContext& context_;
  std::string_view channel_;
  RecordSink& sink_;
  ReadReport& report_;
  dom::parser parser_;
  std::vector<std::string> people_;  // the current note's, reused
  std::string tags_;                 // the current note's, ';'-joined
};

// An OrderedCollection of the archive (outbox.json, likes.json,
// bookmarks.json) or its Person (actor.json); the API's answers are
// arrays, never objects, so mastodon-api never claims these.
bool SniffMastodonArchive(std::string_view head) {
  head = TrimAscii(head);
  if (!head.starts_with('{') || !Has(head, "activitystreams")) return false;
  if (Has(head, "\"OrderedCollection\"") && Has(head, "\"orderedItems\""))
    return Has(head, "\"outbox.json\"") || Has(head, "\"likes.json\"") || Has(head, "\"bookmarks.json\"") ||
           Has(head, "\"Create\"") || Has(head, "\"Announce\"");
  return Has(head, "\"preferredUsername\"") && Has(head, "\"inbox\"") && Has(head, "\"outbox\"");
}

Status ReadMastodonArchive(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return ArchiveReader(context, sink, report).Read(input);
}

}  // namespace

const PlatformFormat kMastodonArchiveFormat = {
    .name = "mastodon-archive",
    .title = "Mastodon account archive: outbox.json, likes.json, bookmarks.json, actor.json",
    .default_channel = "mastodon",
    .sniff = SniffMastodonArchive,
    .read = ReadMastodonArchive,
};

}  // namespace learnloop::ingest
