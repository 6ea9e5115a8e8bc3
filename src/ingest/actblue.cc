// actblue-contributions: the contributions CSV of an ActBlue dashboard.
// Column names follow ActBlue's CSV documentation (the CSV API's
// contributions report and the dashboard's Downloads); the many columns
// not named here, the repeated "Reserved" ones among them, are ignored.
#include "ingest/actblue.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "ingest/platform_csv.h"
#include "ingest/platform_text.h"
#include "ingest/time_format.h"

namespace learnloop::ingest {

std::optional<double> ParseActBlueAmount(std::string_view text) {
  std::string cleaned;
  if (text.starts_with('-')) {
    cleaned.push_back('-');
    text.remove_prefix(1);
  }
  if (text.starts_with('$')) text.remove_prefix(1);
  if (cleaned.empty() && text.starts_with('-')) {
    cleaned.push_back('-');
    text.remove_prefix(1);
  }
  const size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (whole.empty() || (point != std::string_view::npos && fraction.empty())) return std::nullopt;
  // Thousands separators: "1,250" and "12,345,678", never "1,23" or ",123".
  size_t group = 0;  // digits since the last comma
  bool grouped = false;
  for (char c : whole) {
    if (c == ',') {
      if (group == 0 || group > 3 || (grouped && group != 3)) return std::nullopt;
      grouped = true;
      group = 0;
      continue;
    }
    if (!IsAsciiDigit(c)) return std::nullopt;
    cleaned.push_back(c);
    ++group;
  }
  if (grouped && group != 3) return std::nullopt;
  for (char c : fraction)
    if (!IsAsciiDigit(c)) return std::nullopt;
  if (!fraction.empty()) cleaned += fmt::format(".{}", fraction);
  return ParseValue(cleaned);
}

namespace {

constexpr std::string_view kDefaultChannel = "actblue";
// ActBlue writes its times in US Eastern time (its documentation: "Eastern
// Time ... the America/New_York database timezone"), with no offset.
constexpr std::string_view kActBlueZone = "America/New_York";
constexpr std::string_view kExpectedHeader =
    "ActBlue's contributions CSV, with the columns 'Receipt ID' or 'Lineitem ID', 'Date', 'Amount' and "
    "'Donor Email'";
constexpr std::string_view kExpectedDate = "a time like '2024-03-01 12:34:56' (US Eastern time)";
constexpr size_t kMaxRefcodeBytes = 100;
constexpr std::string_view kExpectedAmount = "an amount like 25.00, -25.00 or $1,250.00";

constexpr std::string_view kReceipt = "#receipt";
constexpr std::string_view kLineitem = "#lineitem";
constexpr std::string_view kDate = "#date";
constexpr std::string_view kAmount = "#amount";
constexpr std::string_view kEmail = "#email";
constexpr std::string_view kRecurringMonths = "#recurring_months";
constexpr std::string_view kRecurrenceNumber = "#recurrence_number";
constexpr std::string_view kRecurringType = "#recurring_type";
constexpr std::string_view kRefcode = "#refcode";
constexpr std::string_view kRefundId = "#refund_id";
constexpr std::string_view kRefundDate = "#refund_date";

// Header -> role: a role starting with '#' is read by the importer, any
// other is the name of the person attribute the column holds.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kColumns = {{
    {"Receipt ID", kReceipt},
    {"Lineitem ID", kLineitem},
    {"Date", kDate},
    {"Amount", kAmount},
    {"Donor Email", kEmail},
    {"Recurring Total Months", kRecurringMonths},
    {"Recurrence Number", kRecurrenceNumber},
    {"Recurring Type", kRecurringType},
    {"Reference Code", kRefcode},
    {"Refund ID", kRefundId},
    {"Refund Date", kRefundDate},
    {"Donor First Name", "first_name"},
    {"Donor Last Name", "last_name"},
    {"Donor City", "city"},
    {"Donor State", "state"},
    {"Donor ZIP", "zip"},
    {"Donor Country", "country"},
    {"Donor Employer", "employer"},
    {"Donor Occupation", "occupation"},
}};

std::string_view ActBlueRole(std::string_view header) { return RoleIn(kColumns, header); }

// A cell that says yes: a count other than 0, or any other text ("unlimited").
bool Says(std::string_view cell) { return !cell.empty() && cell != "0" && cell != "f" && cell != "false"; }

class ContributionsReader {
 public:
  ContributionsReader(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : csv_(input, report), sink_(sink), channel_(context.ChannelOr(kDefaultChannel)) {}

  Status Read() {
    LL_RETURN_IF_ERROR(csv_.ReadHeader(ActBlueRole, kExpectedHeader));
    for (std::string_view role : {kDate, kAmount, kEmail}) {
      if (!csv_.Column(role))
        return csv_.HeaderError(fmt::format("the header has no '{}' column", HeaderOf(role)), kExpectedHeader);
    }
    if (!csv_.Column(kReceipt) && !csv_.Column(kLineitem))
      return csv_.HeaderError("the header has no 'Receipt ID' or 'Lineitem ID' column", kExpectedHeader);
    Result<TimeFormat> seconds = TimeFormat::Make("%Y-%m-%d %H:%M:%S", kActBlueZone);
    Result<TimeFormat> minutes = TimeFormat::Make("%Y-%m-%d %H:%M", kActBlueZone);
    if (!seconds.ok() || !minutes.ok())
      return NotFound(fmt::format("{}: ActBlue's times are US Eastern, but the time zone database has no {}",
                                  csv_.file(), kActBlueZone));
    seconds_.emplace(std::move(*seconds));
    minutes_.emplace(std::move(*minutes));
    while (true) {
      LL_ASSIGN_OR_RETURN(bool more, csv_.NextRow());
      if (!more) return Status::Ok();
      LL_RETURN_IF_ERROR(Row());
    }
  }

 private:
  static std::string_view HeaderOf(std::string_view role) {
    for (const auto& [name, known] : kColumns)
      if (known == role) return name;
    return role;
  }

  std::string_view CellOf(std::string_view role) const {
    std::optional<size_t> column = csv_.Column(role);
    return column ? csv_.Cell(*column) : std::string_view();
  }

  // The instant of an ActBlue time cell: Eastern time, or RFC 3339 with an offset.
  std::optional<Timestamp> TimeOf(std::string_view text) const {
    for (const TimeFormat* format : {&*seconds_, &*minutes_}) {
      if (Result<Timestamp> ts = format->Parse(text); ts.ok()) return *ts;
    }
    if (text.find('T') != std::string_view::npos) {
      if (Result<Timestamp> ts = ParseRfc3339(text); ts.ok()) return *ts;
    }
    return std::nullopt;
  }

  Status Row() {
    const std::string_view email = CellOf(kEmail);
    if (TrimAscii(email).empty()) {
      csv_.SkipRow("a contribution without a donor email", *csv_.Column(kEmail), "no donor email",
                   "the donor's email, which names the person");
      return Status::Ok();
    }
    // The same reading of an address as every other format's, so the
    // donor links to her Mailchimp and CRM rows.
    const std::optional<std::string> found = EmailPerson(email);
    if (!found) {
      csv_.SkipRow("a contribution whose donor email is not an email", *csv_.Column(kEmail),
                   fmt::format("'{}' is not an email address", Excerpt(email)), "the donor's email");
      return Status::Ok();
    }
    const std::string& person = *found;
    std::string_view content = CellOf(kLineitem);
    if (content.empty()) content = CellOf(kReceipt);
    if (!IsCleanId(content)) {
      const size_t column = csv_.Column(kLineitem).value_or(csv_.Column(kReceipt).value_or(0));
      csv_.SkipRow("a contribution without a receipt or line item id", column,
                   content.empty() ? "no line item or receipt id" : fmt::format("'{}' is not an id", Excerpt(content)),
                   "the contribution's id, which tells two gifts apart");
      return Status::Ok();
    }
    const size_t date_column = *csv_.Column(kDate);
    std::optional<Timestamp> ts = TimeOf(csv_.Cell(date_column));
    if (!ts) {
      csv_.SkipRow("a contribution whose date is not a time", date_column,
                   fmt::format("'{}' is not a time", Excerpt(csv_.Cell(date_column))), kExpectedDate);
      return Status::Ok();
    }
    const size_t amount_column = *csv_.Column(kAmount);
    std::optional<double> amount = ParseActBlueAmount(csv_.Cell(amount_column));
    if (!amount) {
      csv_.SkipRow("a contribution whose amount is not an amount", amount_column,
                   fmt::format("'{}' is not an amount", Excerpt(csv_.Cell(amount_column))), kExpectedAmount);
      return Status::Ok();
    }
    // A refund is dated when it was made, when ActBlue says so.
    std::optional<Timestamp> refunded;
    if (std::optional<size_t> column = csv_.Column(kRefundDate); column && !csv_.Cell(*column).empty()) {
      refunded = TimeOf(csv_.Cell(*column));
      if (!refunded) {
        csv_.SkipRow("a contribution whose refund date is not a time", *column,
                     fmt::format("'{}' is not a time", Excerpt(csv_.Cell(*column))), kExpectedDate);
        return Status::Ok();
      }
    }
    const std::string tags = Tags();
    if (*amount < 0) {
      // A refund row of its own: the gift is (or was) another row.
      LL_RETURN_IF_ERROR(Emit(refunded.value_or(*ts), person, "refund", content, *amount, tags));
    } else {
      LL_RETURN_IF_ERROR(Emit(*ts, person, "donation", content, *amount, tags));
      // A gift refunded later: its refund, the same event a refund row of
      // the same line item gives, so the two never count twice.
      if (refunded || !CellOf(kRefundId).empty())
        LL_RETURN_IF_ERROR(Emit(refunded.value_or(*ts), person, "refund", content, -*amount, tags));
    }
    return Attributes(person);
  }

  std::string Tags() const {
    std::string tags;
    if (Says(CellOf(kRecurringMonths)) || Says(CellOf(kRecurrenceNumber)) || Says(CellOf(kRecurringType)))
      tags = "recurring";
    std::string refcode = LowerAscii(CellOf(kRefcode));
    std::erase(refcode, ';');
    // A reference code is a short token; anything else is not worth a tag.
    if (IsCleanName(refcode, kMaxRefcodeBytes)) tags += fmt::format("{}refcode:{}", tags.empty() ? "" : ";", refcode);
    return tags;
  }

  Status Emit(Timestamp ts, std::string_view person, std::string_view kind, std::string_view content, double value,
              std::string_view tags) {
    return sink_.Event(EventView{ts, channel_, person, kind, content, value, tags});
  }

  Status Attributes(const std::string& person) {
    for (const auto& [column, role] : csv_.roles()) {
      if (role.starts_with('#')) continue;
      const std::string_view value = csv_.Cell(column);
      if (!value.empty()) LL_RETURN_IF_ERROR(sink_.Attribute({person, std::string(role), std::string(value)}));
    }
    return Status::Ok();
  }

  PlatformCsv csv_;
  RecordSink& sink_;
  std::string_view channel_;
  std::optional<TimeFormat> seconds_;
  std::optional<TimeFormat> minutes_;
};

Status ReadActBlue(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return ContributionsReader(input, context, sink, report).Read();
}

// The first line names a receipt, an amount and a donor email.
bool SniffActBlue(std::string_view head) {
  return FirstLineHas(head, {[](std::string_view field) { return SameName(field, "Receipt ID"); },
                             [](std::string_view field) { return SameName(field, "Amount"); },
                             [](std::string_view field) { return SameName(field, "Donor Email"); }});
}

}  // namespace

const PlatformFormat kActBlueFormat = {
    .name = "actblue-contributions",
    .title = "ActBlue contributions CSV (donations, refunds, donor city, state, employer, occupation)",
    .default_channel = kDefaultChannel,
    .sniff = SniffActBlue,
    .read = ReadActBlue,
};

}  // namespace learnloop::ingest
