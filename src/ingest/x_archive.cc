#include "ingest/x_archive.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/text.h"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "ingest/json_stream.h"
#include "ingest/platform_csv.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kDefaultChannel = "x";
constexpr std::string_view kYtd = "window.YTD.";
constexpr std::string_view kExpectedArchive =
    "an X archive data file, window.YTD.<name>.part<N> = [ ... ], with <name> one of tweets, tweet, like, "
    "follower, following";
constexpr std::string_view kCreatedAtExample = "a time like 'Sat Feb 18 12:33:11 +0000 2023'";

}  // namespace

std::optional<std::string> XHandle(std::string_view screen_name) {
  constexpr size_t kMaxScreenName = 50;
  if (screen_name.empty() || screen_name.size() > kMaxScreenName) return std::nullopt;
  for (char c : screen_name)
    if (!IsAsciiDigit(c) && !IsAsciiLetter(c) && c != '_') return std::nullopt;
  return fmt::format("@{}", LowerAscii(screen_name));
}

Result<Timestamp> ParseXCreatedAt(std::string_view text) {
  auto bad = [&](std::string_view problem) {
    return InvalidArgument(fmt::format("'{}' {}; expected {}", Excerpt(text), problem, kCreatedAtExample));
  };
  auto parts = SplitExactly<6>(text);
  if (!parts) return bad("is not six parts separated by single spaces");
  const auto& [weekday_text, month_text, day_text, clock_text, offset_text, year_text] = *parts;
  std::optional<int> weekday = IndexOf(kEnglishWeekdays, weekday_text);
  std::optional<int> month = IndexOf(kEnglishMonths, month_text);
  std::optional<int> day = day_text.size() == 2 ? Digits(day_text) : std::nullopt;
  std::optional<int> year = year_text.size() == 4 ? Digits(year_text) : std::nullopt;
  std::optional<int> clock = ClockSeconds(clock_text, false);
  std::optional<int> offset = OffsetSeconds(offset_text);
  if (!weekday) return bad("does not start with a weekday (Mon ... Sun)");
  if (!month) return bad("has no month (Jan ... Dec) after the weekday");
  if (!day || !year) return bad("has no two-digit day or no four-digit year");
  if (!clock) return bad("has no time of day HH:MM:SS after the day");
  if (!offset) return bad("has no UTC offset +HHMM or -HHMM after the time");
  std::optional<Day> date = CivilDay(*year, *month + 1, *day);
  if (!date) return bad("names a day the month does not have");
  if (IsoWeekday(*date) != *weekday + 1)
    return bad(fmt::format("says {} but that day is a {}", weekday_text, kEnglishWeekdays[IsoWeekday(*date) - 1]));
  return InstantOf(*date, *clock, *offset);
}

namespace {

// ---------------------------------------------------------------------------
// x-archive: window.YTD.<name>.partN = [ ... ]

// What each data file holds: the key wrapping each item, and why its items
// are skipped (empty: they are read).
struct DataFile {
  std::string_view name;
  std::string_view wrapper;
  std::string_view skip;
};
constexpr std::array<DataFile, 5> kDataFiles = {{
    {"tweets", "tweet", ""},
    {"tweet", "tweet", ""},  // archives before 2022 named the file tweet.js
    {"like", "like", "likes by the organization itself carry no date or person"},
    {"follower", "follower",
     "a follower (the list names accounts by number only, not by the @handle tweets name them by, and has no "
     "follow dates)"},
    {"following", "following",
     "accounts the organization follows (not a supporter's interaction, and the list has no dates)"},
}};

class ArchiveReader {
 public:
  ArchiveReader(const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : context_(context), sink_(sink), report_(report), channel_(context.ChannelOr(kDefaultChannel)) {}

  Status Read(ChunkedInput& input) {
    // The assignment is in the first bytes; the array after it is read
    // record by record.
    constexpr size_t kHeadBytes = 4096;
    while (input.window().size() < kHeadBytes) {
      LL_ASSIGN_OR_RETURN(bool more, input.ReadMore(0));
      if (!more) break;
    }
    const std::string head(input.window().substr(0, kHeadBytes));
    size_t at = BomSize(head);
    while (at < head.size() && IsAsciiSpace(head[at])) ++at;
    LL_RETURN_IF_ERROR(ReadAssignment(head, &at));
    const std::string expected = fmt::format("a JSON array as the value of {}", assigned_);
    const JsonRecordFile file{input, expected, {{}}, at, ";"};
    LL_ASSIGN_OR_RETURN(const std::string outline, OutlineJson(file));
    dom::element root;
    if (auto error = parser_.parse(outline).get(root)) {
      return InvalidArgument(fmt::format("{}: the value of {} is {}; expected a JSON array", context_.file, assigned_,
                                         JsonSyntaxError(error)));
    }
    if (!root.is_array())
      return InvalidArgument(
          fmt::format("{}: {} is {}; expected a JSON array", context_.file, assigned_, DescribeJson(root)));
    if (file_->skip.empty()) LL_RETURN_IF_ERROR(FindOrganization(file));
    int64_t index = 0;
    return ForEachJsonRecord(file, {}, parser_, [&](dom::element item) -> Status {
      ++report_.records;
      LL_ASSIGN_OR_RETURN(dom::object wrapped, Unwrap(item, index));
      if (!file_->skip.empty()) {
        report_.Skip(file_->skip);
      } else {
        LL_RETURN_IF_ERROR(Tweet(wrapped, index));
      }
      ++index;
      return Status::Ok();
    });
  }

 private:
  // Reads "window.YTD.<name>.part<N> =" from *at on, leaving *at after it.
  Status ReadAssignment(std::string_view bytes, size_t* at) {
    auto error = [&](size_t offset, std::string_view problem) {
      return InputError(LocationAt(bytes, offset, context_.file), problem, kExpectedArchive);
    };
    const size_t begin = *at;
    if (!bytes.substr(begin).starts_with(kYtd)) return error(begin, "the file does not start with window.YTD.");
    size_t end = begin + kYtd.size();
    const size_t name_begin = end;
    while (end < bytes.size() &&
           (IsAsciiDigit(bytes[end]) || IsAsciiLetter(bytes[end]) || bytes[end] == '_' || bytes[end] == '-'))
      ++end;
    const std::string_view name = bytes.substr(name_begin, end - name_begin);
    auto file = std::find_if(kDataFiles.begin(), kDataFiles.end(), [&](const DataFile& f) { return f.name == name; });
    if (file == kDataFiles.end())
      return error(name_begin, fmt::format("'{}' is not a data file learnloop imports", Excerpt(name)));
    file_ = &*file;
    if (!bytes.substr(end).starts_with(".part")) return error(end, fmt::format("no .part<N> after {}", name));
    end += 5;
    const size_t digits = end;
    while (end < bytes.size() && IsAsciiDigit(bytes[end])) ++end;
    if (end == digits) return error(end, "no part number after .part");
    assigned_ = std::string(bytes.substr(begin, end - begin));
    while (end < bytes.size() && IsAsciiSpace(bytes[end])) ++end;
    if (end >= bytes.size() || bytes[end] != '=') return error(end, fmt::format("no '=' after {}", assigned_));
    *at = end + 1;
    return Status::Ok();
  }

  static std::string Path(int64_t index, std::string_view wrapper = {}, std::string_view key = {}) {
    std::string path = fmt::format("[{}]", index);
    if (!wrapper.empty()) path += fmt::format(".{}", wrapper);
    if (!key.empty()) path += fmt::format(".{}", key);
    return path;
  }

  Status TypeError(const std::string& path, std::string_view expected, dom::element found) const {
    return InvalidArgument(
        fmt::format("{}: {}: expected {}, found {}", context_.file, path, expected, DescribeJson(found)));
  }

  // The object an item wraps: {"tweet": {...}}, {"like": {...}}, ...
  Result<dom::object> Unwrap(dom::element item, int64_t index) const {
    dom::object object;
    if (item.get(object) != simdjson::SUCCESS)
      return TypeError(Path(index), fmt::format("an object with the key \"{}\"", file_->wrapper), item);
    std::optional<dom::element> inner = Member(object, file_->wrapper);
    dom::object wrapped;
    if (!inner)
      return InvalidArgument(fmt::format("{}: {}: the key \"{}\" is missing; expected an object with the key \"{}\"",
                                         context_.file, Path(index), file_->wrapper, file_->wrapper));
    if (inner->get(wrapped) != simdjson::SUCCESS) return TypeError(Path(index, file_->wrapper), "an object", *inner);
    return wrapped;
  }

  // A string member X itself writes: absent or null is nullopt, another
  // type means the file is damaged.
  Result<std::optional<std::string_view>> String(dom::object tweet, int64_t index, std::string_view key) const {
    std::optional<dom::element> e = Member(tweet, key);
    if (!e) return std::optional<std::string_view>();
    std::string_view value;
    if (e->get(value) != simdjson::SUCCESS) return TypeError(Path(index, "tweet", key), "a string", *e);
    return std::optional<std::string_view>(value);
  }

  // The organization's screen names: the accounts its threads reply to,
  // known by replies to tweets of this file. Its own name is nowhere in
  // tweets.js, and a reply to itself is a thread, not an exchange.
  // A pass of its own, before the pass that reads the tweets.
  Status FindOrganization(const JsonRecordFile& file) {
    std::unordered_set<std::string> ids;
    std::vector<std::pair<std::string, std::string>> replies;  // (parent id, screen name)
    LL_RETURN_IF_ERROR(ForEachJsonRecord(file, {}, parser_, [&](dom::element item) {
      std::optional<dom::object> tweet = Lenient<dom::object>(AsObject(item), "tweet");
      if (auto id = Lenient<std::string_view>(tweet, "id_str")) ids.emplace(*id);
      auto parent = Lenient<std::string_view>(tweet, "in_reply_to_status_id_str");
      auto name = Lenient<std::string_view>(tweet, "in_reply_to_screen_name");
      if (parent && name) replies.emplace_back(*parent, LowerAscii(*name));
      return Status::Ok();
    }));
    for (auto& [parent, name] : replies)
      if (ids.contains(parent)) org_names_.insert(std::move(name));
    return Status::Ok();
  }

  Status Tweet(dom::object tweet, int64_t index) {
    LL_ASSIGN_OR_RETURN(std::optional<std::string_view> id, String(tweet, index, "id_str"));
    LL_ASSIGN_OR_RETURN(std::optional<std::string_view> created, String(tweet, index, "created_at"));
    LL_ASSIGN_OR_RETURN(std::optional<std::string_view> full_text, String(tweet, index, "full_text"));
    const std::string text = DecodeHtmlEntities(full_text.value_or(""));
    if (!id || !IsCleanId(*id)) {
      report_.Skip("a tweet without its id (id_str)");
      return Status::Ok();
    }
    if (text.starts_with("RT @")) {
      report_.Skip("the organization's retweet of someone else's tweet");
      return Status::Ok();
    }
    Result<Timestamp> ts = created ? ParseXCreatedAt(*created) : InvalidArgument("it is missing");
    if (!ts.ok()) {
      report_.Skip(fmt::format("a tweet whose created_at is missing or not {}", kCreatedAtExample));
      report_.Warn(fmt::format("{}: {}: {}; tweet {}{} is skipped", context_.file, Path(index, "tweet", "created_at"),
                               ts.status().message(), *id, text.empty() ? "" : fmt::format(" ('{}')", Excerpt(text))));
      return Status::Ok();
    }
    const std::string tags = Hashtags(Lenient<dom::object>(tweet, "entities"));
    LL_RETURN_IF_ERROR(
        sink_.Content({std::string(channel_), std::string(*id), *ts, std::string(TrimAscii(text)), tags}));
    const Day day = context_.zone.LocalDay(*ts);
    LL_RETURN_IF_ERROR(Count(tweet, index, "favorite_count", "likes", *id, day));
    LL_RETURN_IF_ERROR(Count(tweet, index, "retweet_count", "shares", *id, day));
    return OrgReplies(tweet, index, *id, *ts, tags);
  }

  // A count X writes as a string of digits ("3"), or as a number.
  Status Count(dom::object tweet, int64_t index, std::string_view key, std::string_view metric, std::string_view id,
               Day day) {
    std::optional<dom::element> e = Member(tweet, key);
    if (!e) return Status::Ok();
    std::optional<double> value;
    std::string_view text;
    double number = 0;
    if (e->get(text) == simdjson::SUCCESS) {
      value = ParseCount(text);
    } else if (e->get(number) == simdjson::SUCCESS) {
      if (number >= 0 && number <= 1e15 && std::floor(number) == number) value = number;
    } else {
      return TypeError(Path(index, "tweet", key), "a count (a string of digits)", *e);
    }
    if (!value) {
      report_.Warn(fmt::format("{}: {}: {} is not a count; the tweet's {} are left out", context_.file,
                               Path(index, "tweet", key),
                               text.empty() ? "the number" : fmt::format("'{}'", Excerpt(text)), metric));
      return Status::Ok();
    }
    return sink_.Observation({day, std::string(channel_), std::string(id), std::string(metric), *value});
  }

  // The tweet's hashtags, lower-cased and ';'-joined, each once.
  static std::string Hashtags(std::optional<dom::object> entities) {
    std::string tags;
    std::set<std::string> seen;
    std::optional<dom::array> list = Lenient<dom::array>(entities, "hashtags");
    if (!list) return tags;
    for (dom::element element : *list) {
      std::string tag = LowerAscii(TrimAscii(Lenient<std::string_view>(AsObject(element), "text").value_or("")));
      if (tag.empty() || tag.size() > kMaxNameBytes || tag.find(';') != std::string::npos || !IsCleanId(tag) ||
          !seen.insert(tag).second || tags.size() + tag.size() + 1 > kMaxTagsBytes)
        continue;
      tags += fmt::format("{}{}", tags.empty() ? "" : ";", tag);
    }
    return tags;
  }

  // The organization answering someone: a reply to another account, and
  // each other account the tweet mentions.
  Status OrgReplies(dom::object tweet, int64_t index, std::string_view id, Timestamp ts, const std::string& tags) {
    LL_ASSIGN_OR_RETURN(std::optional<std::string_view> reply_to, String(tweet, index, "in_reply_to_screen_name"));
    LL_ASSIGN_OR_RETURN(std::optional<std::string_view> parent, String(tweet, index, "in_reply_to_status_id_str"));
    std::optional<dom::object> entities = Lenient<dom::object>(tweet, "entities");
    std::set<std::string> addressed;
    for (const auto& name : org_names_) addressed.insert(fmt::format("@{}", name));
    if (reply_to && !org_names_.contains(LowerAscii(*reply_to))) {
      std::optional<std::string> person = XHandle(*reply_to);
      if (!person) {
        report_.Warn(fmt::format("{}: {}: '{}' is not an X screen name; the reply is left out", context_.file,
                                 Path(index, "tweet", "in_reply_to_screen_name"), Excerpt(*reply_to)));
      } else {
        const std::string_view content = parent && IsCleanId(*parent) ? *parent : std::string_view();
        LL_RETURN_IF_ERROR(Emit(ts, *person, content, tags));
        addressed.insert(*person);
      }
    }
    std::optional<dom::array> mentions = Lenient<dom::array>(entities, "user_mentions");
    if (!mentions) return Status::Ok();
    for (dom::element mention : *mentions) {
      auto name = Lenient<std::string_view>(AsObject(mention), "screen_name");
      std::optional<std::string> person = name ? XHandle(*name) : std::nullopt;
      if (person && addressed.insert(*person).second) LL_RETURN_IF_ERROR(Emit(ts, *person, id, tags));
    }
    return Status::Ok();
  }

  Status Emit(Timestamp ts, std::string_view person, std::string_view content, std::string_view tags) {
    return sink_.Event(EventView{ts, channel_, person, "org_reply", content, std::nullopt, tags});
  }

  const PlatformContext& context_;
  RecordSink& sink_;
  ReadReport& report_;
  std::string_view channel_;
  dom::parser parser_;
  const DataFile* file_ = nullptr;
  std::string assigned_;             // "window.YTD.tweets.part0", for messages
  std::set<std::string> org_names_;  // lower-case screen names, without '@'
};

// window.YTD.<name>. with <name> a data file this reads: an archive's
// other data files (account.js, ad-engagements.js, ...) are not this format.
bool SniffXArchive(std::string_view head) {
  head = TrimAscii(WithoutBom(head));
  if (!head.starts_with(kYtd)) return false;
  head.remove_prefix(kYtd.size());
  const std::string_view name = head.substr(0, head.find('.'));
  return std::any_of(kDataFiles.begin(), kDataFiles.end(), [&](const DataFile& f) { return f.name == name; });
}

Status ReadXArchive(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return ArchiveReader(context, sink, report).Read(input);
}

// ---------------------------------------------------------------------------
// x-analytics: the per-post CSV of X analytics (and of Twitter's older
// tweet activity export).

constexpr std::string_view kExpectedHeader =
    "a header naming a post id column ('Post id' or 'Tweet id'), a date column ('Date' or 'time') and metric "
    "columns such as Impressions";
constexpr std::string_view kExpectedDate = "a date like 'Sat, May 01, 2024', '2024-05-01 09:30 +0000' or '2024-05-01'";
constexpr std::string_view kIdColumn = "#id";
constexpr std::string_view kDateColumn = "#date";

// Header -> metric (or kIdColumn, kDateColumn); other columns are ignored.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kAnalyticsColumns = {{
    {"Post id", kIdColumn},
    {"Tweet id", kIdColumn},
    {"Date", kDateColumn},
    {"time", kDateColumn},
    {"Impressions", "impressions"},
    {"Engagements", "engagements"},
    {"Likes", "likes"},
    {"Replies", "replies"},
    {"Reposts", "shares"},
    {"Retweets", "shares"},
    {"Link clicks", "link_clicks"},
    {"URL clicks", "link_clicks"},
    {"Profile visits", "profile_visits"},
    {"User profile clicks", "profile_visits"},
}};

std::string_view AnalyticsRole(std::string_view header) { return RoleIn(kAnalyticsColumns, header); }

// "Sat, May 01, 2024": the day as written (X's day of the account).
std::optional<Day> WrittenDay(std::string_view text) {
  auto parts = SplitExactly<3>(text, ", ");
  if (!parts) return std::nullopt;
  auto month_day = SplitExactly<2>((*parts)[1]);
  if (!month_day) return std::nullopt;
  std::optional<int> weekday = IndexOf(kEnglishWeekdays, (*parts)[0]);
  std::optional<int> month = IndexOf(kEnglishMonths, (*month_day)[0]);
  std::optional<int> day = (*month_day)[1].size() <= 2 ? Digits((*month_day)[1]) : std::nullopt;
  std::optional<int> year = (*parts)[2].size() == 4 ? Digits((*parts)[2]) : std::nullopt;
  if (!weekday || !month || !day || !year) return std::nullopt;
  std::optional<Day> date = CivilDay(*year, *month + 1, *day);
  if (!date || IsoWeekday(*date) != *weekday + 1) return std::nullopt;
  return date;
}

// The local day of a post's date cell, in any of the kExpectedDate forms
// or RFC 3339.
std::optional<Day> AnalyticsDay(std::string_view text, const TimeZone& zone) {
  if (text.size() == 10) {
    if (Result<Day> day = ParseDate(text); day.ok()) return *day;
  }
  if (auto parts = SplitExactly<3>(text)) {
    Result<Day> date = ParseDate((*parts)[0]);
    std::optional<int> clock = ClockSeconds((*parts)[1], true);
    std::optional<int> offset = OffsetSeconds((*parts)[2]);
    if (date.ok() && clock && offset) return zone.LocalDay(InstantOf(*date, *clock, *offset));
  }
  // Only text with a '-' after the year can be RFC 3339; trying the rest
  // would format an error message per row.
  if (text.size() > 4 && text[4] == '-') {
    if (Result<Timestamp> ts = ParseRfc3339(text); ts.ok()) return zone.LocalDay(*ts);
  }
  return WrittenDay(text);
}

Status ReadXAnalytics(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  PlatformCsv csv(input, report);
  LL_RETURN_IF_ERROR(csv.ReadHeader(AnalyticsRole, kExpectedHeader));
  const std::optional<size_t> id_column = csv.Column(kIdColumn);
  const std::optional<size_t> date_column = csv.Column(kDateColumn);
  if (!id_column || !date_column)
    return csv.HeaderError(fmt::format("the header has no {} column", id_column ? "date" : "post id"), kExpectedHeader);
  // Reused, so that a row's observations allocate nothing once the strings have grown.
  learnloop::Observation observation;
  observation.channel = context.ChannelOr(kDefaultChannel);
  std::vector<std::pair<std::string_view, double>> values;  // the current row's, reused
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, csv.NextRow());
    if (!more) return Status::Ok();
    const std::string_view id = csv.Cell(*id_column);
    if (!IsCleanId(id)) {
      csv.SkipRow("a row without a post id", *id_column, fmt::format("'{}' is not a post id", Excerpt(id)),
                  "the post's number");
      continue;
    }
    const std::string_view date_text = csv.Cell(*date_column);
    std::optional<Day> day = AnalyticsDay(date_text, context.zone);
    if (!day) {
      csv.SkipRow("a row whose date is not a date", *date_column, fmt::format("'{}' is not a date", Excerpt(date_text)),
                  kExpectedDate);
      continue;
    }
    values.clear();
    bool usable = true;
    for (const auto& [column, role] : csv.roles()) {
      if (role == kIdColumn || role == kDateColumn) continue;
      const std::string_view text = csv.Cell(column);
      if (text.empty()) continue;
      std::optional<double> value = ParseCount(text);
      if (!value) {
        csv.SkipRow("a row with a cell that is not a number", column,
                    fmt::format("'{}' is not a number", Excerpt(text)), "a count like 1234 or 1,234");
        usable = false;
        break;
      }
      values.emplace_back(role, *value);
    }
    if (!usable) continue;
    observation.day = *day;
    observation.content.assign(id);
    for (const auto& [metric, value] : values) {
      observation.metric.assign(metric);
      observation.value = value;
      LL_RETURN_IF_ERROR(sink.Observation(observation));
    }
  }
}

// The first line names a post (or tweet) id column and Impressions, and no
// 'Publish time': Meta's post exports name a Post ID and Impressions too.
bool SniffXAnalytics(std::string_view head) {
  return FirstLineHas(head, {[](std::string_view field) { return AnalyticsRole(field) == kIdColumn; },
                             [](std::string_view field) { return SameName(field, "Impressions"); }}) &&
         !FirstLineHas(head, {[](std::string_view field) { return SameName(field, "Publish time"); }});
}

}  // namespace

const PlatformFormat kXArchiveFormat = {
    .name = "x-archive",
    .title = "X (Twitter) archive data files: tweets.js, like.js, follower.js, following.js",
    .default_channel = kDefaultChannel,
    .sniff = SniffXArchive,
    .read = ReadXArchive,
};

const PlatformFormat kXAnalyticsFormat = {
    .name = "x-analytics",
    .title = "X analytics post CSV (impressions, engagements, likes, replies, reposts, link clicks)",
    .default_channel = kDefaultChannel,
    .sniff = SniffXAnalytics,
    .read = ReadXAnalytics,
};

}  // namespace learnloop::ingest
