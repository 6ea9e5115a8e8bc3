// CiviCRM exports. A search's Export writes one row per record with the
// fields' titles as the header; column names differ a little between
// versions ("Date Received" became "Contribution Date"), so each role
// takes the titles seen in either. Other columns (names, addresses,
// Contribution Source, Subject, ...) are ignored.
//
// The person is the Email cell lower-cased, else "civicrm:<Contact ID>".
// Dates are the site's local time, "2024-03-01 12:00:00" (ISO, seconds
// optional, or a date alone) or "03/01/2024 12:00 PM" (US).
//
// Contributions, by Contribution Status:
//   Completed               donation, value = Total Amount, content = Contribution ID, tag = Financial Type
//   Refunded, Chargeback    refund (custom), value = -Total Amount; the donation imported earlier stays,
//                           so the two add up to nothing
//   anything else           skipped and counted by status (Pending, Cancelled, Failed, In Progress, ...)
//
// Activities (Activity Status other than Completed, when the column is
// there, are skipped and counted by status), by Activity Type:
//   Meeting, Phone Call, Inbound Email   message (the supporter talked with the organization)
//   Email                                org_reply (one person's email from staff: the organization's side)
//   Event Registration                   event_attend (the export does not say who came)
//   Petition, Petition Signature         petition
//   Volunteer                            volunteer
//   Tell a Friend                        share
//   Bulk Email, Mass SMS                 skipped: a mailing to many people, no one's interaction
//   Contribution                         skipped: the contributions export carries the money
//   any other type                       a custom kind: the type in snake_case ("Membership Signup" ->
//                                        membership_signup); skipped when that is no kind name ("1:1 Chat")
// content = Activity ID.
#include "ingest/civicrm.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "ingest/platform_csv.h"
#include "ingest/platform_text.h"
#include "ingest/time_format.h"
#include "learnloop/event.h"

namespace learnloop::ingest {
namespace {

constexpr std::string_view kDefaultChannel = "civicrm";
constexpr std::string_view kContact = "#contact";
constexpr std::string_view kEmail = "#email";
constexpr std::string_view kDate = "#date";
constexpr std::string_view kStatus = "#status";
constexpr std::string_view kId = "#id";
constexpr std::string_view kAmount = "#amount";
constexpr std::string_view kFinancialType = "#financial_type";
constexpr std::string_view kType = "#type";

using Titles = std::vector<std::pair<std::string_view, std::string_view>>;

const Titles& ContributionTitles() {
  static const Titles kTitles = {
      {"Contact ID", kContact},           {"Email", kEmail},
      {"Total Amount", kAmount},          {"Date Received", kDate},
      {"Contribution Date", kDate},       {"Receive Date", kDate},
      {"Contribution Status", kStatus},   {"Contribution ID", kId},
      {"Financial Type", kFinancialType},
  };
  return kTitles;
}

const Titles& ActivityTitles() {
  static const Titles kTitles = {
      {"Contact ID", kContact},      {"Target Contact ID", kContact}, {"Email", kEmail},    {"Activity Date", kDate},
      {"Activity Date Time", kDate}, {"Activity Status", kStatus},    {"Activity ID", kId}, {"Activity Type", kType},
  };
  return kTitles;
}

constexpr std::string_view kExpectedDate = "a date like '2024-03-01 12:00:00' or '03/01/2024 12:00 PM'";

// Reads a row's local time in the forms kExpectedDate names.
class CiviDates {
 public:
  static Result<CiviDates> Make(const TimeZone& zone) {
    CiviDates dates;
    for (std::string_view format :
         {"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y"}) {
      LL_ASSIGN_OR_RETURN(TimeFormat parsed, TimeFormat::Make(format, zone.name()));
      dates.formats_.push_back(std::move(parsed));
    }
    return dates;
  }

  std::optional<Timestamp> Parse(std::string_view text) const {
    for (const TimeFormat& format : formats_) {
      if (Result<Timestamp> ts = format.Parse(text); ts.ok()) return *ts;
    }
    return std::nullopt;
  }

 private:
  std::vector<TimeFormat> formats_;
};

// What one row of either export shares: who and when.
struct RowBasics {
  std::string person;
  Timestamp ts;
};

class CiviReader {
 public:
  CiviReader(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : csv_(input, report), context_(context), sink_(sink), report_(report) {}

  // Reads the header; `required` are the roles it must have besides a
  // person column and a date.
  Status Start(const Titles& titles, std::string_view expected, std::initializer_list<std::string_view> required) {
    LL_RETURN_IF_ERROR(csv_.ReadHeader([&](std::string_view header) { return RoleIn(titles, header); }, expected));
    if (!csv_.Column(kContact) && !csv_.Column(kEmail))
      return csv_.HeaderError("the header has no Contact ID or Email column", expected);
    for (std::string_view role : required) {
      if (csv_.Column(role)) continue;
      for (const auto& [title, known] : titles)
        if (known == role) return csv_.HeaderError(fmt::format("the header has no '{}' column", title), expected);
    }
    LL_ASSIGN_OR_RETURN(CiviDates dates, CiviDates::Make(context_.zone));
    dates_.emplace(std::move(dates));
    return Status::Ok();
  }

  PlatformCsv& csv() { return csv_; }

  std::string_view Cell(std::string_view role) const {
    std::optional<size_t> column = csv_.Column(role);
    return column ? csv_.Cell(*column) : std::string_view();
  }

  // The current row's person and time; nullopt, the row skipped, without.
  std::optional<RowBasics> Basics() {
    RowBasics basics;
    if (std::string_view email = Cell(kEmail); !email.empty()) {
      basics.person = LowerAscii(email);
    } else if (std::string_view contact = Cell(kContact); !contact.empty()) {
      basics.person = fmt::format("civicrm:{}", contact);
    } else {
      csv_.SkipRow("a row without an email or contact id", *csv_.Column(csv_.Column(kEmail) ? kEmail : kContact),
                   "no email and no contact id", "the supporter's email or CiviCRM contact id");
      return std::nullopt;
    }
    const size_t date_column = *csv_.Column(kDate);
    std::optional<Timestamp> ts = dates_->Parse(csv_.Cell(date_column));
    if (!ts) {
      csv_.SkipRow("a row whose date is not a date", date_column,
                   fmt::format("'{}' is not a date", Excerpt(csv_.Cell(date_column))), kExpectedDate);
      return std::nullopt;
    }
    basics.ts = *ts;
    return basics;
  }

  // `tags` is a field's text (a financial type): a ';' in it splits it,
  // as it would in a tags column, and empty pieces go.
  Status Emit(const RowBasics& basics, std::string_view kind, std::optional<double> value, std::string_view tags) {
    return sink_.Event(EventView{basics.ts, context_.ChannelOr(kDefaultChannel), basics.person, kind, Cell(kId), value,
                                 NormalizeTags(tags, &tags_scratch_)});
  }

  ReadReport& report() { return report_; }

 private:
  PlatformCsv csv_;
  const PlatformContext& context_;
  RecordSink& sink_;
  ReadReport& report_;
  std::optional<CiviDates> dates_;
  std::string tags_scratch_;
};

constexpr std::string_view kExpectedContributions =
    "a CiviCRM contribution export with the columns Contact ID or Email, Total Amount, Contribution Date (or Date "
    "Received) and Contribution Status";

Status ReadContributions(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  CiviReader reader(input, context, sink, report);
  LL_RETURN_IF_ERROR(reader.Start(ContributionTitles(), kExpectedContributions, {kAmount, kDate, kStatus}));
  PlatformCsv& csv = reader.csv();
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, csv.NextRow());
    if (!more) return Status::Ok();
    const std::string_view status = reader.Cell(kStatus);
    const bool completed = SameName(status, "Completed");
    const bool refunded = SameName(status, "Refunded") || SameName(status, "Chargeback");
    if (!completed && !refunded) {
      report.Skip(
          fmt::format("a contribution with status '{}' (only Completed and Refunded are counted)", Excerpt(status)));
      continue;
    }
    std::optional<RowBasics> basics = reader.Basics();
    if (!basics) continue;
    const std::string_view amount_text = reader.Cell(kAmount);
    std::optional<double> amount = ParseCiviAmount(amount_text);
    if (!amount) {
      csv.SkipRow("a row whose amount is not an amount", *csv.Column(kAmount),
                  fmt::format("'{}' is not an amount", Excerpt(amount_text)), "an amount like 1250.00 or $ 1,250.00");
      continue;
    }
    const std::string tags = LowerAscii(reader.Cell(kFinancialType));
    LL_RETURN_IF_ERROR(reader.Emit(*basics, completed ? "donation" : "refund", completed ? *amount : -*amount, tags));
  }
}

constexpr std::string_view kExpectedActivities =
    "a CiviCRM activity export with the columns Contact ID or Email, Activity Type and Activity Date";

Status ReadActivities(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  CiviReader reader(input, context, sink, report);
  LL_RETURN_IF_ERROR(reader.Start(ActivityTitles(), kExpectedActivities, {kType, kDate}));
  PlatformCsv& csv = reader.csv();
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, csv.NextRow());
    if (!more) return Status::Ok();
    const std::string_view status = reader.Cell(kStatus);
    if (!status.empty() && !SameName(status, "Completed")) {
      report.Skip(fmt::format("an activity with status '{}' (only Completed ones happened)", Excerpt(status)));
      continue;
    }
    const std::string_view type = reader.Cell(kType);
    const std::string kind = CiviActivityKind(type);
    if (kind.empty()) {
      report.Skip(fmt::format("an activity of type '{}' (not one supporter's interaction)", Excerpt(type)));
      continue;
    }
    // A type such as "1:1 Chat" or "9005" makes no kind name: skipped here,
    // so the format hands on only events a later command can use.
    if (const std::string problem = KindProblem(kind); !problem.empty()) {
      csv.SkipRow("an activity whose type makes no kind name", *csv.Column(kType),
                  fmt::format("'{}' makes the kind '{}', but a {}", Excerpt(type), Excerpt(kind), problem),
                  "an activity type that starts with a letter, at most 64 letters, digits and spaces");
      continue;
    }
    std::optional<RowBasics> basics = reader.Basics();
    if (!basics) continue;
    LL_RETURN_IF_ERROR(reader.Emit(*basics, kind, std::nullopt, ""));
  }
}

bool HasTitle(std::string_view field, const Titles& titles, std::string_view role) {
  return RoleIn(titles, field) == role;
}

bool SniffContributions(std::string_view head) {
  const Titles& t = ContributionTitles();
  return FirstLineHas(head, {[&](std::string_view f) { return HasTitle(f, t, kAmount); },
                             [&](std::string_view f) { return HasTitle(f, t, kStatus); },
                             [&](std::string_view f) { return HasTitle(f, t, kDate); }});
}

bool SniffActivities(std::string_view head) {
  const Titles& t = ActivityTitles();
  return FirstLineHas(head, {[&](std::string_view f) { return HasTitle(f, t, kType); },
                             [&](std::string_view f) { return HasTitle(f, t, kDate); }});
}

}  // namespace

std::optional<double> ParseCiviAmount(std::string_view text) {
  text = TrimAscii(text);
  // A sign or code before the number: "$", "US$", "€", "USD".
  size_t start = 0;
  while (start < text.size() && !IsAsciiDigit(text[start]) && start < 8) ++start;
  if (text.substr(0, start).find('-') != std::string_view::npos) return std::nullopt;  // no negative amounts
  std::string_view number = TrimAscii(text.substr(start));
  if (number.empty() || !IsAsciiDigit(number.front())) return std::nullopt;
  std::string_view cents;
  if (const size_t dot = number.find('.'); dot != std::string_view::npos) {
    cents = number.substr(dot + 1);
    number = number.substr(0, dot);
    if (cents.empty() || cents.size() > 2 || !Digits(cents)) return std::nullopt;
  }
  std::optional<double> whole = ParseCount(number);
  if (!whole) return std::nullopt;
  const double fraction = cents.empty() ? 0 : *Digits(cents) / (cents.size() == 1 ? 10.0 : 100.0);
  return *whole + fraction;
}

std::string CiviActivityKind(std::string_view activity_type) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kKinds = {{
      {"Meeting", "message"},
      {"Phone Call", "message"},
      {"Inbound Email", "message"},
      {"Email", "org_reply"},
      {"Event Registration", "event_attend"},
      {"Petition", "petition"},
      {"Petition Signature", "petition"},
      {"Volunteer", "volunteer"},
      {"Tell a Friend", "share"},
      {"Bulk Email", ""},
      {"Mass SMS", ""},
      {"Contribution", ""},
      {"", ""},
  }};
  for (const auto& [type, kind] : kKinds)
    if (SameName(activity_type, type)) return std::string(kind);
  std::string kind;
  for (char c : TrimAscii(activity_type)) {
    if (IsAsciiLetter(c) || IsAsciiDigit(c)) {
      kind += LowerAscii(std::string_view(&c, 1));
    } else if (!kind.empty() && kind.back() != '_') {
      kind += '_';
    }
  }
  while (!kind.empty() && kind.back() == '_') kind.pop_back();
  return kind;
}

const PlatformFormat kCiviContributionsFormat = {
    .name = "civicrm-contributions",
    .title = "CiviCRM contribution export CSV (completed contributions as donations, refunds)",
    .default_channel = kDefaultChannel,
    .sniff = SniffContributions,
    .read = ReadContributions,
};

const PlatformFormat kCiviActivitiesFormat = {
    .name = "civicrm-activities",
    .title = "CiviCRM activity export CSV (meetings, calls, registrations, petitions, volunteering)",
    .default_channel = kDefaultChannel,
    .sniff = SniffActivities,
    .read = ReadActivities,
};

}  // namespace learnloop::ingest
