// Mastodon REST API JSON as saved from the API: an array of notifications
// (GET /api/v1/notifications), of statuses (an account's statuses, a
// timeline) or of accounts (an account's followers or following). Field
// names follow the Mastodon API documentation's entities (Notification,
// Status, Account, Status::Mention, Status::Tag).
//
// Notifications are the organization's inbox, so each is one supporter's
// interaction with it: mention (a reply when the status answers a post),
// favourite, reblog, quote, follow. A statuses array whose most common
// author is the organization gives each of its posts as content (its HTML
// as text, its hashtags as tags), its counts as observations (likes,
// shares, replies on the post's day) and each reply to someone as an
// org_reply; a status by someone else that mentions the organization is
// that person's mention (or reply). Every account met gives its
// display_name as a person attribute, for `people suggest`. Accounts lists
// carry no follow dates, so they give no events: a followers list marks
// each account follows_us = yes, a following list we_follow = yes (which
// list it is, only the file's name can say).
#include "ingest/mastodon.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/html_text.h"
#include "ingest/json_stream.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

namespace dom = simdjson::dom;

std::string_view SkipBlanks(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  return i == std::string_view::npos ? std::string_view() : text.substr(i);
}

bool SniffMastodon(std::string_view head) {
  head = SkipBlanks(head);
  if (!head.starts_with('[')) return false;
  // Every Mastodon account object carries acct and username; a
  // notification adds type, a status visibility.
  bool account = head.find("\"acct\"") != std::string_view::npos && head.find("\"username\"") != std::string_view::npos;
  bool notification =
      head.find("\"type\"") != std::string_view::npos && head.find("\"account\"") != std::string_view::npos;
  bool status =
      head.find("\"visibility\"") != std::string_view::npos && head.find("\"content\"") != std::string_view::npos;
  // A followers or following list: accounts themselves, no status or
  // notification around them.
  bool account_list = head.find("\"followers_count\"") != std::string_view::npos &&
                      head.find("\"account\"") == std::string_view::npos &&
                      head.find("\"visibility\"") == std::string_view::npos;
  return account && (notification || status || account_list);
}

// Reads one record; every miss names its JSON path.
class Record {
 public:
  Record(dom::element element, std::string path) : element_(element), path_(std::move(path)) {}

  // The string at `key`; nullopt when absent or null; `problem` is set when
  // it is there but not a string.
  std::optional<std::string_view> String(std::string_view key, std::string* problem) const {
    dom::element value;
    if (element_[key].get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
    std::string_view text;
    if (value.get(text) != simdjson::SUCCESS) {
      *problem = fmt::format("{}.{}: expected a string, found {}", path_, key, DescribeJson(value));
      return std::nullopt;
    }
    return text;
  }

  std::optional<double> Number(std::string_view key) const {
    dom::element value;
    if (element_[key].get(value) != simdjson::SUCCESS) return std::nullopt;
    double number = 0;
    if (value.get(number) != simdjson::SUCCESS) return std::nullopt;
    return number;
  }

  std::optional<Record> Object(std::string_view key) const {
    dom::element value;
    if (element_[key].get(value) != simdjson::SUCCESS || !value.is_object()) return std::nullopt;
    return Record(value, fmt::format("{}.{}", path_, key));
  }

  // The elements of the array at `key`; none when it is absent or not an
  // array (a default dom::array must not be iterated).
  std::vector<dom::element> Array(std::string_view key) const {
    std::vector<dom::element> elements;
    dom::array array;
    if (element_[key].get(array) != simdjson::SUCCESS) return elements;
    for (dom::element element : array) elements.push_back(element);
    return elements;
  }

  const std::string& path() const { return path_; }

 private:
  dom::element element_;
  std::string path_;
};

// "@name@host" for an account: acct is "name@host" for remote accounts and
// just "name" for the server's own, whose host the profile URL gives.
std::optional<std::string> Handle(const Record& account, std::string* problem) {
  std::optional<std::string_view> acct = account.String("acct", problem);
  if (!acct || acct->empty()) return std::nullopt;
  std::string handle = fmt::format("@{}", *acct);
  if (acct->find('@') != std::string_view::npos) return handle;
  std::optional<std::string_view> url = account.String("url", problem);
  if (!url) return handle;
  std::string_view rest = *url;
  if (size_t scheme = rest.find("://"); scheme != std::string_view::npos) rest.remove_prefix(scheme + 3);
  std::string_view host = rest.substr(0, rest.find('/'));
  if (!host.empty()) handle += fmt::format("@{}", host);
  return handle;
}

// The status's hashtags, lower-cased and ';'-joined.
std::string TagsOf(const Record& status) {
  std::string tags;
  for (dom::element tag : status.Array("tags")) {
    std::string_view name;
    if (tag["name"].get(name) != simdjson::SUCCESS || name.empty()) continue;
    if (!tags.empty()) tags.push_back(';');
    for (char c : name) tags.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return tags;
}

// Which list an accounts array is (GET /api/v1/accounts/:id/followers or
// /following answer alike): only the file's name can say.
enum class AccountList { kFollowers, kFollowing, kUnknown };

AccountList AccountListOf(std::string_view file) {
  const size_t slash = file.find_last_of("/\\");
  const std::string name = LowerAscii(slash == std::string_view::npos ? file : file.substr(slash + 1));
  if (name.find("follower") != std::string::npos) return AccountList::kFollowers;
  if (name.find("following") != std::string::npos || name.find("follows") != std::string::npos)
    return AccountList::kFollowing;
  return AccountList::kUnknown;
}

class MastodonReader {
 public:
  MastodonReader(const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : context_(context), channel_(context.ChannelOr("mastodon")), sink_(sink), report_(report) {}

  Status Read(ChunkedInput& input) {
    const JsonRecordFile file{input, "a Mastodon API response saved as is", {{}}};
    // The outline of a top-level array is [], of anything else the value.
    LL_ASSIGN_OR_RETURN(const std::string outline, OutlineJson(file));
    dom::parser parser;
    dom::element root;
    if (simdjson::error_code error = parser.parse(outline).get(root); error != simdjson::SUCCESS)
      return InvalidArgument(
          fmt::format("{}: {}; expected a Mastodon API response saved as is", context_.file, JsonSyntaxError(error)));
    if (!root.is_array())
      return InvalidArgument(fmt::format("{}: expected a JSON array of notifications, statuses or accounts, found {}",
                                         context_.file, DescribeJson(root)));
    // The first element tells what the array holds; for statuses, a pass
    // of its own finds whose they are.
    std::optional<Kind> kind;
    LL_RETURN_IF_ERROR(ForEachJsonRecord(
        file, {}, parser,
        [&](dom::element item) {
          kind = KindOf(item);
          return Status::Ok();
        },
        1));
    if (!kind) return Status::Ok();  // an empty array
    std::map<std::string, int64_t> authors;
    if (*kind == Kind::kStatuses) {
      LL_RETURN_IF_ERROR(ForEachJsonRecord(file, {}, parser, [&](dom::element item) {
        CountAuthor(item, authors);
        return Status::Ok();
      }));
    }
    auto most = std::max_element(authors.begin(), authors.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (most != authors.end()) author_id_ = most->first;
    list_ = AccountListOf(context_.file);
    if (*kind == Kind::kAccounts && list_ == AccountList::kUnknown)
      report_.Warn(fmt::format(
          "{}: a list of accounts, but its name says neither followers nor following: only display names are "
          "read (name the file followers.json or following.json to mark who follows whom)",
          context_.file));
    size_t index = 0;
    return ForEachJsonRecord(file, {}, parser, [&](dom::element item) {
      ++report_.records;
      std::string path = fmt::format("[{}]", index++);
      if (!item.is_object()) {
        report_.Skip("not an object (a damaged entry)");
        report_.Warn(fmt::format("{}: {}: expected an object, found {}", context_.file, path, DescribeJson(item)));
        return Status::Ok();
      }
      Record record(item, path);
      if (*kind == Kind::kAccounts) return ListedAccount(record);
      return *kind == Kind::kNotifications ? Notification(record) : OwnStatus(record);
    });
  }

 private:
  enum class Kind { kNotifications, kStatuses, kAccounts };

  // What an array holds, by its first element: a notification has a type
  // and an account, a status an account, an account (of a followers or
  // following list) acct and username of its own.
  static Kind KindOf(dom::element first) {
    const bool has_account = first["account"].error() == simdjson::SUCCESS;
    if (has_account && first["type"].error() == simdjson::SUCCESS) return Kind::kNotifications;
    if (!has_account && first["acct"].error() == simdjson::SUCCESS && first["username"].error() == simdjson::SUCCESS)
      return Kind::kAccounts;
    return Kind::kStatuses;
  }

  // Counts a record that cannot be used, with the detail as a warning.
  Status SkipWith(std::string_view reason, const std::string& detail) {
    report_.Skip(reason);
    report_.Warn(fmt::format("{}: {}", context_.file, detail));
    return Status::Ok();
  }

  std::optional<Timestamp> TimeOf(const Record& record, std::string* problem) {
    std::optional<std::string_view> text = record.String("created_at", problem);
    if (!text) return std::nullopt;
    Result<Timestamp> ts = ParseRfc3339(*text);
    if (!ts.ok()) {
      *problem = fmt::format("{}.created_at: '{}' is not an RFC 3339 time", record.path(), *text);
      return std::nullopt;
    }
    return *ts;
  }

  Status Emit(Timestamp ts, std::string_view person, std::string_view kind, std::string_view content,
              std::string_view tags) {
    return sink_.Event(EventView{ts, channel_, person, kind, content, std::nullopt, tags});
  }

  Status NameOf(const std::string& person, const Record& account) {
    std::string ignored;
    return names_.Hand(sink_, person, account.String("display_name", &ignored).value_or(""));
  }

  // An account of a followers or following list: no event (the list has no
  // dates), its name, and which side of the follow it is on.
  Status ListedAccount(const Record& account) {
    std::string problem;
    std::optional<std::string> person = Handle(account, &problem);
    if (!problem.empty()) return SkipWith("a field that cannot be read (wrong type or format)", problem);
    if (!person) return SkipWith("an account without its acct", fmt::format("{}: expected acct", account.path()));
    LL_RETURN_IF_ERROR(NameOf(*person, account));
    switch (list_) {
      case AccountList::kFollowers:
        return sink_.Attribute({*person, "follows_us", "yes"});
      case AccountList::kFollowing:
        return sink_.Attribute({*person, "we_follow", "yes"});
      case AccountList::kUnknown:
        return Status::Ok();
    }
    return Status::Ok();
  }

  Status Notification(const Record& notification) {
    std::string problem;
    std::optional<std::string_view> type = notification.String("type", &problem);
    std::optional<Timestamp> ts = TimeOf(notification, &problem);
    std::optional<Record> account = notification.Object("account");
    std::optional<std::string> person = account ? Handle(*account, &problem) : std::nullopt;
    if (!problem.empty()) return SkipWith("a field that cannot be read (wrong type or format)", problem);
    if (!type || !ts || !person)
      return SkipWith("no type, time or account",
                      fmt::format("{}: expected type, created_at and account.acct", notification.path()));
    LL_RETURN_IF_ERROR(NameOf(*person, *account));
    std::optional<Record> status = notification.Object("status");
    auto status_text = [&](std::string_view key) -> std::string_view {
      std::string ignored;
      return status ? status->String(key, &ignored).value_or("") : "";
    };
    const std::string tags = status ? TagsOf(*status) : "";
    if (*type == "mention") {
      std::string_view answered = status_text("in_reply_to_id");
      return Emit(*ts, *person, answered.empty() ? "mention" : "reply", answered, tags);
    }
    if (*type == "favourite") return Emit(*ts, *person, "like", status_text("id"), tags);
    if (*type == "reblog") return Emit(*ts, *person, "share", status_text("id"), tags);
    if (*type == "follow") return Emit(*ts, *person, "follow", "", "");
    if (*type == "quote") {
      std::string quoted;
      if (status) {
        if (std::optional<Record> quote = status->Object("quote")) {
          if (std::optional<Record> inner = quote->Object("quoted_status"))
            quoted = inner->String("id", &problem).value_or("");
        }
      }
      return Emit(*ts, *person, "share", quoted, tags);
    }
    if (*type == "status") {
      report_.Skip("a new post by an account the organization follows (not an interaction)");
    } else if (*type == "follow_request") {
      report_.Skip("a follow request not yet accepted");
    } else if (*type == "poll" || *type == "update" || *type == "quoted_update") {
      report_.Skip("a poll ended or a post was edited (no one interacted)");
    } else if (*type == "severed_relationships") {
      // The notification counts the follows lost, without naming anyone.
      report_.Skip("follows cut by a moderation action or block (the notification names no one)");
    } else if (*type == "moderation_warning") {
      report_.Skip("a moderation warning to the organization (not a supporter's interaction)");
    } else {
      report_.Skip(fmt::format("a notification of type '{}' (about the server, not a supporter)", *type));
    }
    return Status::Ok();
  }

  // The organization is the most common author of a statuses array.
  static void CountAuthor(dom::element item, std::map<std::string, int64_t>& authors) {
    if (!item.is_object()) return;
    std::string ignored;
    std::optional<Record> account = Record(item, "").Object("account");
    if (!account) return;
    if (std::optional<std::string_view> id = account->String("id", &ignored)) ++authors[std::string(*id)];
  }

  // The handle of the account with id `account_id` among the status's mentions.
  static std::optional<std::string> MentionedHandle(const Record& status, std::string_view account_id) {
    for (dom::element mention : status.Array("mentions")) {
      std::string_view id;
      std::string_view acct;
      if (mention["id"].get(id) != simdjson::SUCCESS || id != account_id) continue;
      if (mention["acct"].get(acct) != simdjson::SUCCESS || acct.empty()) return std::nullopt;
      std::string problem;
      return Handle(Record(mention, ""), &problem);
    }
    return std::nullopt;
  }

  bool MentionsAuthor(const Record& status) const {
    for (dom::element mention : status.Array("mentions")) {
      std::string_view id;
      if (mention["id"].get(id) == simdjson::SUCCESS && id == author_id_) return true;
    }
    return false;
  }

  Status OwnStatus(const Record& status) {
    std::string problem;
    std::optional<Timestamp> ts = TimeOf(status, &problem);
    std::optional<std::string_view> id = status.String("id", &problem);
    std::optional<Record> account = status.Object("account");
    std::optional<std::string_view> author = account ? account->String("id", &problem) : std::nullopt;
    if (!problem.empty()) return SkipWith("a field that cannot be read (wrong type or format)", problem);
    if (!ts || !id || id->empty() || !author)
      return SkipWith("no id, time or account",
                      fmt::format("{}: expected id, created_at and account.id", status.path()));
    std::string ignored;
    std::string_view reply_to = status.String("in_reply_to_account_id", &ignored).value_or("");
    std::string_view answered = status.String("in_reply_to_id", &ignored).value_or("");
    const std::string tags = TagsOf(status);
    if (*author != author_id_) {
      // Someone else's post in the organization's view: theirs to count only
      // when it names the organization.
      if (!MentionsAuthor(status) && reply_to != author_id_) {
        report_.Skip("a post by someone else that does not mention the organization");
        return Status::Ok();
      }
      std::optional<std::string> person = Handle(*account, &problem);
      if (!person) return SkipWith("no type, time or account", fmt::format("{}: expected account.acct", status.path()));
      LL_RETURN_IF_ERROR(NameOf(*person, *account));
      return Emit(*ts, *person, answered.empty() ? "mention" : "reply", answered, tags);
    }
    if (status.Object("reblog")) {
      report_.Skip("a boost by the organization of someone else's post");
      return Status::Ok();
    }
    // The post itself: its words (a content warning first), its hashtags.
    std::string text =
        PostText(status.String("content", &ignored).value_or(""), status.String("spoiler_text", &ignored).value_or(""));
    LL_RETURN_IF_ERROR(sink_.Content({std::string(channel_), std::string(*id), *ts, std::move(text), tags}));
    const Day day = context_.zone.LocalDay(*ts);
    for (auto [key, metric] : {std::pair<std::string_view, std::string_view>{"favourites_count", "likes"},
                               {"reblogs_count", "shares"},
                               {"replies_count", "replies"}}) {
      if (std::optional<double> count = status.Number(key))
        LL_RETURN_IF_ERROR(
            sink_.Observation({day, std::string(channel_), std::string(*id), std::string(metric), *count}));
    }
    if (!reply_to.empty() && reply_to != author_id_) {
      std::optional<std::string> person = MentionedHandle(status, reply_to);
      if (!person) {
        report_.Skip("a reply by the organization whose addressee is not among the post's mentions");
        return Status::Ok();
      }
      return Emit(*ts, *person, "org_reply", *id, tags);
    }
    return Status::Ok();
  }

  const PlatformContext& context_;
  std::string_view channel_;
  RecordSink& sink_;
  ReadReport& report_;
  std::string author_id_;
  DisplayNames names_;
  AccountList list_ = AccountList::kUnknown;  // for an accounts array: which list, by the file's name
};

Status ReadMastodon(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return MastodonReader(context, sink, report).Read(input);
}

}  // namespace

const PlatformFormat kMastodonApiFormat = {
    .name = "mastodon-api",
    .title = "Mastodon API JSON (notifications, statuses, followers, following)",
    .default_channel = "mastodon",
    .sniff = SniffMastodon,
    .read = ReadMastodon,
};

}  // namespace learnloop::ingest
