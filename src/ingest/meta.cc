#include "ingest/meta.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/input_text.h"
#include "ingest/platform_csv.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

constexpr std::string_view kExpectedHeader =
    "a Meta Business Suite post export header naming a post id column ('Post ID' or 'Beitrags-ID'), a publish "
    "time column ('Publish time' or 'Veröffentlichungszeitpunkt') and metric columns such as Reach";
constexpr std::string_view kExpectedTime = "a time like '03/15/2024 14:30' or '15.03.2024 14:30'";
constexpr std::string_view kExpectedDate = "'Lifetime' or a date like '03/15/2024', '15.03.2024' or '2024-03-15'";
constexpr std::string_view kExpectedId = "the post's number as Meta wrote it, like 123456789012345678";
constexpr std::string_view kIdRole = "#id";
constexpr std::string_view kPublishRole = "#publish";
constexpr std::string_view kDateRole = "#date";
constexpr std::string_view kGermanId = "Beitrags-ID";

// Header -> metric (or one of the # roles); other columns (title,
// description, permalink, post type, durations, negative feedback, ...)
// are ignored. Meta writes the header in the language of the person who
// downloads the export. The English names are those of published exports;
// the German ones follow Meta's German interface wording and could not all
// be checked against a real German export: Beitrags-ID,
// Veröffentlichungszeitpunkt, Reichweite, Impressionen, Reaktionen,
// Kommentare, Geteilte Inhalte, Gespeichert and Link-Klicks are the labels
// users report, the rest are best guesses.
constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kMetaColumns = {{
    {"Post ID", kIdRole},
    {"Publish time", kPublishRole},
    {"Date", kDateRole},
    {"Reach", "reach"},
    {"Impressions", "impressions"},
    {"Views", "views"},
    {"Reactions", "reactions"},
    {"Likes", "likes"},
    {"Comments", "comments"},
    {"Shares", "shares"},
    {"Saves", "saves"},
    {"Follows", "follows"},
    {"Profile visits", "profile_visits"},
    {"Reactions, comments and shares", "interactions"},
    {"Total clicks", "clicks"},
    {"Link clicks", "link_clicks"},
    {kGermanId, kIdRole},
    {"Veröffentlichungszeitpunkt", kPublishRole},
    {"Datum", kDateRole},
    {"Reichweite", "reach"},
    {"Impressionen", "impressions"},
    {"Aufrufe", "views"},
    {"Reaktionen", "reactions"},
    {"„Gefällt mir“-Angaben", "likes"},
    {"Kommentare", "comments"},
    {"Geteilte Inhalte", "shares"},
    {"Gespeichert", "saves"},
    {"Profilaufrufe", "profile_visits"},
    {"Reaktionen, Kommentare und geteilte Inhalte", "interactions"},
    {"Klicks insgesamt", "clicks"},
    {"Link-Klicks", "link_clicks"},
}};

// What tells the two exports apart (German names unverified, as above).
constexpr std::array<std::string_view, 4> kPageColumns = {"Page ID", "Page name", "Seiten-ID", "Seitenname"};
constexpr std::array<std::string_view, 5> kAccountColumns = {"Account ID", "Account username", "Account name",
                                                             "Konto-ID", "Kontoname"};
// What the Date column holds on a row of lifetime totals ("Gesamte
// Laufzeit" is the German guess).
constexpr std::array<std::string_view, 2> kLifetime = {"Lifetime", "Gesamte Laufzeit"};

std::string_view MetaRole(std::string_view header) { return RoleIn(kMetaColumns, header); }

template <size_t N>
bool IsOneOf(const std::array<std::string_view, N>& names, std::string_view header) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view name) { return SameName(header, name); });
}

bool AllDigits(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), IsAsciiDigit); }

// Meta's post ids are numbers, on Facebook sometimes "<page id>_<post id>".
bool IsPostId(std::string_view id) {
  const size_t underscore = id.find('_');
  if (underscore == std::string_view::npos) return AllDigits(id) && IsCleanId(id);
  return AllDigits(id.substr(0, underscore)) && AllDigits(id.substr(underscore + 1)) && IsCleanId(id);
}

// "1.23457E+17" or "1,23457E+17": what Excel shows, and saves, for a long
// number; the digits it dropped are gone.
bool IsRoundedBySpreadsheet(std::string_view id) {
  const size_t e = id.find_first_of("Ee");
  if (e == std::string_view::npos) return false;
  std::string_view mantissa = id.substr(0, e), exponent = id.substr(e + 1);
  if (exponent.starts_with('+')) exponent.remove_prefix(1);
  const size_t point = mantissa.find_first_of(".,");
  const bool mantissa_ok = point == std::string_view::npos
                               ? AllDigits(mantissa)
                               : AllDigits(mantissa.substr(0, point)) && AllDigits(mantissa.substr(point + 1));
  return mantissa_ok && AllDigits(exponent);
}

// "03/15/2024" (month first, as English exports write it), "15.03.2024"
// (day first, as German ones do) or "2024-03-15"; one-digit months and
// days too.
std::optional<Day> MetaDay(std::string_view text) {
  if (text.size() == 10 && text[4] == '-') {
    Result<Day> day = ParseDate(text);
    return day.ok() ? std::optional<Day>(*day) : std::nullopt;
  }
  const bool month_first = text.find('/') != std::string_view::npos;
  auto parts = SplitExactly<3>(text, month_first ? "/" : ".");
  if (!parts || (*parts)[0].size() > 2 || (*parts)[1].size() > 2 || (*parts)[2].size() != 4) return std::nullopt;
  std::optional<int> first = Digits((*parts)[0]), second = Digits((*parts)[1]), year = Digits((*parts)[2]);
  if (!first || !second || !year) return std::nullopt;
  return month_first ? CivilDay(*year, *first, *second) : CivilDay(*year, *second, *first);
}

// The day of a publish time, "03/15/2024 14:30" or "15.03.2024 14:30"
// (seconds allowed). Meta writes it in the local time of whoever exported
// it, taken to be the workspace's zone, so its local day is the day as
// written and no zone conversion applies.
std::optional<Day> PublishDay(std::string_view text) {
  auto parts = SplitExactly<2>(text);
  if (!parts || !ClockSeconds((*parts)[1], true)) return std::nullopt;
  return MetaDay((*parts)[0]);
}

// A count as the export's language writes it: German exports group
// thousands with '.' ("15.000") where English ones use ',' ("15,000").
std::optional<double> MetaCount(std::string_view text, bool german) {
  if (!german) return ParseCount(text);
  std::string swapped(text);
  for (char& c : swapped) c = c == '.' ? ',' : c == ',' ? '.' : c;
  return ParseCount(swapped);
}

class PostsReader {
 public:
  PostsReader(ChunkedInput& input, const PlatformContext& context, std::string_view default_channel, RecordSink& sink,
              ReadReport& report)
      : csv_(input, report), channel_(context.ChannelOr(default_channel)), sink_(sink) {
    observation_.channel = channel_;
  }

  Status Read() {
    LL_RETURN_IF_ERROR(csv_.ReadHeader(MetaRole, kExpectedHeader));
    id_column_ = csv_.Column(kIdRole);
    publish_column_ = csv_.Column(kPublishRole);
    if (!id_column_ || !publish_column_)
      return csv_.HeaderError(fmt::format("the header has no {} column", id_column_ ? "publish time" : "post id"),
                              kExpectedHeader);
    date_column_ = csv_.Column(kDateRole);
    german_ = SameName(csv_.Header(*id_column_), kGermanId);
    while (true) {
      LL_ASSIGN_OR_RETURN(bool more, csv_.NextRow());
      if (!more) return Status::Ok();
      LL_RETURN_IF_ERROR(ReadRow());
    }
  }

 private:
  // Hands on the current row's observations, or skips the row whole.
  Status ReadRow() {
    const std::string_view id = csv_.Cell(*id_column_);
    if (!CheckId(id)) return Status::Ok();
    std::optional<Day> day = RowDay();
    if (!day || !RowValues()) return Status::Ok();
    // One Observation reused, so that a row allocates nothing once its strings have grown.
    observation_.day = *day;
    observation_.content.assign(id);
    for (const auto& [metric, value] : values_) {
      observation_.metric.assign(metric);
      observation_.value = value;
      LL_RETURN_IF_ERROR(sink_.Observation(observation_));
    }
    return Status::Ok();
  }

  bool CheckId(std::string_view id) {
    if (IsPostId(id)) return true;
    if (IsRoundedBySpreadsheet(id)) {
      csv_.SkipRow("a row whose post id a spreadsheet rounded", *id_column_,
                   fmt::format("'{}' is a post id rounded by a spreadsheet, its last digits lost", Excerpt(id)),
                   "the file as downloaded from Meta, imported without opening and re-saving it in Excel");
    } else {
      csv_.SkipRow("a row without a post id", *id_column_, fmt::format("'{}' is not a post id", Excerpt(id)),
                   kExpectedId);
    }
    return false;
  }

  // The row's day: its date, or its post's publish day for lifetime totals
  // and in exports without a Date column.
  std::optional<Day> RowDay() {
    const std::string_view publish = csv_.Cell(*publish_column_);
    std::optional<Day> publish_day = PublishDay(publish);
    if (!publish_day) {
      csv_.SkipRow("a row whose publish time is not a time", *publish_column_,
                   fmt::format("'{}' is not a publish time", Excerpt(publish)), kExpectedTime);
      return std::nullopt;
    }
    if (!date_column_) return publish_day;
    const std::string_view date = csv_.Cell(*date_column_);
    if (IsOneOf(kLifetime, date)) return publish_day;
    std::optional<Day> day = MetaDay(date);
    if (!day)
      csv_.SkipRow("a row whose date is not a date", *date_column_, fmt::format("'{}' is not a date", Excerpt(date)),
                   kExpectedDate);
    return day;
  }

  // The row's counts into values_; false (the row skipped) at a cell that
  // is not a count. An empty cell is a metric the row does not have.
  bool RowValues() {
    values_.clear();
    for (const auto& [column, role] : csv_.roles()) {
      if (role.starts_with('#')) continue;
      const std::string_view text = csv_.Cell(column);
      if (text.empty()) continue;
      std::optional<double> value = MetaCount(text, german_);
      if (!value) {
        csv_.SkipRow("a row with a cell that is not a number", column,
                     fmt::format("'{}' is not a number", Excerpt(text)),
                     german_ ? "a count like 1234 or 1.234" : "a count like 1234 or 1,234");
        return false;
      }
      values_.emplace_back(role, *value);
    }
    return true;
  }

  PlatformCsv csv_;
  const std::string channel_;
  RecordSink& sink_;
  std::optional<size_t> id_column_, publish_column_, date_column_;
  bool german_ = false;
  std::vector<std::pair<std::string_view, double>> values_;  // the current row's, reused
  learnloop::Observation observation_;
};

Status ReadFacebookPosts(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return PostsReader(input, context, kFacebookPostsFormat.default_channel, sink, report).Read();
}

Status ReadInstagramPosts(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return PostsReader(input, context, kInstagramPostsFormat.default_channel, sink, report).Read();
}

// The first line names a post id and a publish time column, and page
// columns (Facebook) or account columns (Instagram), never both.
bool SniffPosts(std::string_view head, bool instagram) {
  const auto is_page = [](std::string_view field) { return IsOneOf(kPageColumns, field); };
  const auto is_account = [](std::string_view field) { return IsOneOf(kAccountColumns, field); };
  const bool has_page = FirstLineHas(head, {is_page});
  const bool has_account = FirstLineHas(head, {is_account});
  if (instagram ? !has_account || has_page : !has_page || has_account) return false;
  return FirstLineHas(head, {[](std::string_view field) { return MetaRole(field) == kIdRole; },
                             [](std::string_view field) { return MetaRole(field) == kPublishRole; }});
}

bool SniffFacebookPosts(std::string_view head) { return SniffPosts(head, false); }
bool SniffInstagramPosts(std::string_view head) { return SniffPosts(head, true); }

}  // namespace

const PlatformFormat kFacebookPostsFormat = {
    .name = "facebook-posts",
    .title = "Meta Business Suite Facebook post export CSV (reach, impressions, reactions, comments, shares, clicks)",
    .default_channel = "facebook",
    .sniff = SniffFacebookPosts,
    .read = ReadFacebookPosts,
};

const PlatformFormat kInstagramPostsFormat = {
    .name = "instagram-posts",
    .title = "Meta Business Suite Instagram post export CSV (reach, views, likes, comments, shares, saves, follows)",
    .default_channel = "instagram",
    .sniff = SniffInstagramPosts,
    .read = ReadInstagramPosts,
};

}  // namespace learnloop::ingest
