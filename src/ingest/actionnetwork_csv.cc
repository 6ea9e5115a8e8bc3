// Action Network CSV downloads.
//
// Sources for the columns. Action Network's help center describes what the
// downloads hold in words, not headers: "File formats for list uploads" and
// "READ FIRST: General Concepts" (email required and the key, core fields
// first and last name, street address, city, state, ZIP/postal code,
// country, any number of custom fields), "Analyzing and downloading donation
// data" (name, email, mobile number, address, city, state, ZIP, recipient,
// amount, donation status success/failed/refunded, recurring options,
// referrer, source code, timestamp, custom fields). The header names are
// those organizers' scripts read from real downloads (public GitHub code,
// e.g. scripts that sync "export-<date>-csv_report_<id>.csv" files to
// EveryAction): uuid, first_name, last_name, email, zip_code,
// can2_user_address, can2_user_city, can2_state_abbreviated, can2_county,
// can2_phone, can2_sms_status, can2_subscription_status ("subscribed",
// "unsubscribed", ...), can2_subscription_date, can2_user_tags (tag names
// separated by ", "), then one column per custom field under its own name.
//
// Where those sources are silent (which headers an action download adds,
// how its times are written) the reader is designed, not documented: it
// finds columns by name in any order, case-insensitively, ignores columns
// it does not know, and refuses a file that lacks what it needs (a person
// column; an action download's time; a donation's amount).
//
// Both formats name the person as osdi.cc does: the email, trimmed and
// lower-cased; without one, "an:<uuid>" from the uuid column.
//
// actionnetwork-activists (a list or report download, People > Download):
//   first_name, last_name          attributes first_name, last_name
//   zip_code                       attribute zip
//   can2_user_city                 attribute city
//   can2_state_abbreviated         attribute state
//   can2_county, can2_country      attributes county, country
//   any other column not can2_*    a custom field: an attribute named by its
//                                  header ("Volunteer Interest" ->
//                                  volunteer_interest), unless a column
//                                  above gives that attribute
//   can2_subscription_date         a subscribe event (else created_at or
//   (or created_at, timestamp)     timestamp, when the file has one), tagged
//                                  with can2_user_tags; none for an activist
//                                  whose can2_subscription_status is not
//                                  "subscribed" (the export has no time of
//                                  leaving, so none is made up)
//   never read                     can2_phone, can2_user_address, and any
//                                  column whose header names a phone, mobile,
//                                  SMS, street or address: contact details
//                                  learnloop does not need about a person;
//                                  the other can2_* columns are Action
//                                  Network's view (SMS status, lifetime value)
//
// actionnetwork-actions (an action's Manage page > Download):
//   kind                 what the file records: donation when it has an
//                        amount column, an RSVP list when it has attended,
//                        else what its file name says (see
//                        ActionNetworkKindOfFileName); a file that says
//                        neither is refused, naming the fix
//   ts                   timestamp, created_at, created_date or action_date
//   content              action_title, action, title or event_title when the
//                        file has one, else the file's name without its
//                        extension (the download is one action's)
//   tags                 source_code (or source), the referrer's code
//   RSVPs                event_attend; event_signup when attended is false
//                        or status says tentative, needs action or
//                        registered; declined RSVPs skipped (as osdi.cc)
//   donations            value = amount ("25.00", "$1,250.00"); status
//                        success (or empty) a donation, refunded a donation
//                        and a refund of the negative amount (they net out,
//                        as ActBlue's do), any other status skipped by status
// Action downloads give events only: people's fields come from the
// activist export.
//
// Times: RFC 3339, "2024-03-01 12:34:56" (seconds optional) with an
// optional " UTC" or UTC offset, "03/01/2024 12:34[:56][ PM]" as a
// spreadsheet saves them again, or a date alone. A time without a zone is
// read in the import's time zone (UTC unless set): Action Network's API
// writes UTC, and its help center does not say what the downloads write.
#include "ingest/actionnetwork_csv.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/actblue.h"  // ParseActBlueAmount: "$1,250.00"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "ingest/platform_csv.h"
#include "ingest/platform_text.h"
#include "ingest/time_format.h"

namespace learnloop::ingest {
namespace {

constexpr std::string_view kChannel = "actionnetwork";
constexpr std::string_view kExpectedTime =
    "a time like '2024-03-01 12:34:56', '2024-03-01T12:34:56Z' or '03/01/2024 12:34 PM'";

constexpr std::string_view kEmail = "#email";
constexpr std::string_view kUuid = "#uuid";
constexpr std::string_view kTime = "#time";
constexpr std::string_view kCreated = "#created";
constexpr std::string_view kStatus = "#status";
constexpr std::string_view kTags = "#tags";
constexpr std::string_view kAction = "#action";
constexpr std::string_view kAmount = "#amount";
constexpr std::string_view kAttended = "#attended";
constexpr std::string_view kSource = "#source";
// An activist's field: the attribute name follows.
constexpr std::string_view kAttributeRole = "attribute:";

constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kActivistColumns = {{
    {"email", kEmail},
    {"uuid", kUuid},
    {"can2_subscription_date", kTime},
    {"created_at", kCreated},
    {"timestamp", kCreated},
    {"can2_subscription_status", kStatus},
    {"can2_user_tags", kTags},
    {"first_name", "attribute:first_name"},
    {"last_name", "attribute:last_name"},
    {"zip_code", "attribute:zip"},
    {"can2_user_city", "attribute:city"},
    {"can2_state_abbreviated", "attribute:state"},
    {"can2_county", "attribute:county"},
    {"can2_country", "attribute:country"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kActionColumns = {{
    {"email", kEmail},
    {"uuid", kUuid},
    {"timestamp", kTime},
    {"created_at", kTime},
    {"created_date", kTime},
    {"action_date", kTime},
    {"action_title", kAction},
    {"action", kAction},
    {"title", kAction},
    {"event_title", kAction},
    {"amount", kAmount},
    {"status", kStatus},
    {"attended", kAttended},
    {"source_code", kSource},
    {"source", kSource},
}};

// Words of a header that hold contact details learnloop never keeps.
constexpr std::array<std::string_view, 5> kRefusedWords = {"phone", "mobile", "sms", "street", "address"};

bool Refused(std::string_view header) {
  const std::string lower = LowerAscii(header);
  for (std::string_view word : kRefusedWords)
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

// Whether `name` is an attribute a core column gives: a custom field of
// that name ("State" beside can2_state_abbreviated) yields to it.
bool IsCoreField(std::string_view name) {
  for (const auto& [header, role] : kActivistColumns)
    if (role.starts_with(kAttributeRole) && role.substr(kAttributeRole.size()) == name) return true;
  return false;
}

// The times kExpectedTime names: local ones in `zone`, those with " UTC"
// or an offset as written.
class ActionNetworkTimes {
 public:
  static Result<ActionNetworkTimes> Make(const TimeZone& zone) {
    ActionNetworkTimes times;
    times.utc_ = zone.name() == "UTC";
    for (std::string_view format :
         {"%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%Y %H:%M:%S",
          "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y"}) {
      LL_ASSIGN_OR_RETURN(TimeFormat local, TimeFormat::Make(format, zone.name()));
      LL_ASSIGN_OR_RETURN(TimeFormat utc, TimeFormat::Make(format, "UTC"));
      times.local_.push_back(std::move(local));
      times.in_utc_.push_back(std::move(utc));
    }
    return times;
  }

  std::optional<Timestamp> Parse(std::string_view text) const {
    if (text.size() > 10 && text[10] == 'T') {
      Result<Timestamp> ts = ParseRfc3339(text);
      return ts.ok() ? std::optional(*ts) : std::nullopt;
    }
    bool utc = utc_;
    if (text.ends_with(" UTC")) {
      text.remove_suffix(4);
      utc = true;
    }
    // Nearly every cell is "YYYY-MM-DD HH:MM:SS": read without a format.
    if (utc) {
      if (std::optional<Timestamp> ts = PlainUtc(text)) return ts;
    }
    for (const TimeFormat& format : utc ? in_utc_ : local_) {
      if (Result<Timestamp> ts = format.Parse(text); ts.ok()) return *ts;
    }
    return std::nullopt;
  }

 private:
  static std::optional<Timestamp> PlainUtc(std::string_view text) {
    auto parts = SplitExactly<2>(text);
    if (!parts || (*parts)[0].size() != 10) return std::nullopt;
    Result<Day> day = ParseDate((*parts)[0]);
    std::optional<int> clock = ClockSeconds((*parts)[1], true);
    if (!day.ok() || !clock) return std::nullopt;
    return InstantOf(*day, *clock, 0);
  }

  bool utc_ = true;
  std::vector<TimeFormat> local_;
  std::vector<TimeFormat> in_utc_;
};

// What both formats share: the CSV, the person of a row and its times.
class ActionNetworkReader {
 public:
  ActionNetworkReader(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : csv_(input, report), context_(context), sink_(sink), report_(report), channel_(context.ChannelOr(kChannel)) {}

 protected:
  // Reads the header with `role_of`; refuses one without an email or uuid column.
  Status Start(const PlatformCsv::RoleOf& role_of, std::string_view expected) {
    LL_RETURN_IF_ERROR(csv_.ReadHeader(role_of, expected));
    if (!csv_.Column(kEmail) && !csv_.Column(kUuid))
      return csv_.HeaderError("the header has no 'email' (or 'uuid') column", expected);
    LL_ASSIGN_OR_RETURN(ActionNetworkTimes times, ActionNetworkTimes::Make(context_.zone));
    times_.emplace(std::move(times));
    return Status::Ok();
  }

  std::string_view CellOf(std::string_view role) const {
    const std::optional<size_t> column = csv_.Column(role);
    return column ? csv_.Cell(*column) : std::string_view();
  }

  // The current row's person; nullopt, the row skipped, when it names none.
  std::optional<std::string> Person() {
    const std::string_view email = CellOf(kEmail);
    if (std::optional<std::string> person = EmailPerson(email)) return person;
    const std::string_view uuid = CellOf(kUuid);
    if (IsCleanName(uuid, kMaxNameBytes - 3)) return fmt::format("an:{}", uuid);
    const size_t column = *csv_.Column(csv_.Column(kEmail) ? kEmail : kUuid);
    if (email.empty()) {
      csv_.SkipRow("a row without an email or Action Network id", column, "no email and no uuid",
                   "the activist's email, which names the person");
    } else {
      csv_.SkipRow("a row whose email is not an email address", column,
                   fmt::format("'{}' is not an email address", Excerpt(email)), "an address like name@example.org");
    }
    return std::nullopt;
  }

  // The time in the current row's `role` column: nullopt when the cell is
  // empty; false, the row skipped, when it is not a time.
  bool TimeOf(std::string_view role, std::optional<Timestamp>* ts) {
    *ts = std::nullopt;
    const std::optional<size_t> column = csv_.Column(role);
    if (!column || csv_.Cell(*column).empty()) return true;
    *ts = times_->Parse(csv_.Cell(*column));
    if (*ts) return true;
    csv_.SkipRow("a row whose time is not a time", *column,
                 fmt::format("'{}' is not a time", Excerpt(csv_.Cell(*column))), kExpectedTime);
    return false;
  }

  Status Emit(Timestamp ts, std::string_view person, std::string_view kind, std::string_view content,
              std::optional<double> value, std::string_view tags) {
    return sink_.Event(EventView{ts, channel_, person, kind, content, value, tags});
  }

  PlatformCsv csv_;
  const PlatformContext& context_;
  RecordSink& sink_;
  ReadReport& report_;
  std::string_view channel_;
  std::optional<ActionNetworkTimes> times_;
};

// ---------------------------------------------------------------------------
// actionnetwork-activists

constexpr std::string_view kExpectedActivists =
    "Action Network's activist export: an 'email' column, then first_name, last_name, zip_code, can2_* columns "
    "and custom fields";

class ActivistsReader : public ActionNetworkReader {
 public:
  using ActionNetworkReader::ActionNetworkReader;

  Status Read() {
    LL_RETURN_IF_ERROR(Start([this](std::string_view header) { return RoleOf(header); }, kExpectedActivists));
    while (true) {
      LL_ASSIGN_OR_RETURN(bool more, csv_.NextRow());
      if (!more) break;
      LL_RETURN_IF_ERROR(Row());
    }
    if (not_subscribed_ > 0)
      report_.Warn(
          fmt::format("{}: {} {} not subscribed now (can2_subscription_status); their fields are kept, but the "
                      "export has no time they left, so they have no subscribe event",
                      csv_.file(), not_subscribed_, not_subscribed_ == 1 ? "activist is" : "activists are"));
    return Status::Ok();
  }

 private:
  std::string_view RoleOf(std::string_view header) {
    if (std::string_view role = RoleIn(kActivistColumns, header); !role.empty()) return role;
    // Action Network's own columns and contact details are not kept.
    const std::string name = AttributeName(header);
    if (name.empty() || name.starts_with("can2_") || Refused(name) || IsCoreField(name)) return {};
    return names_.emplace_back(fmt::format("{}{}", kAttributeRole, name));
  }

  Status Row() {
    std::optional<std::string> person = Person();
    if (!person) return Status::Ok();
    std::optional<Timestamp> subscribed, created;
    if (!TimeOf(kTime, &subscribed) || !TimeOf(kCreated, &created)) return Status::Ok();
    if (!subscribed) subscribed = created;
    const std::string_view status = CellOf(kStatus);
    if (!status.empty() && !SameName(status, "subscribed")) {
      ++not_subscribed_;
    } else if (subscribed) {
      LL_RETURN_IF_ERROR(Emit(*subscribed, *person, "subscribe", "", std::nullopt, TagList(CellOf(kTags))));
    }
    for (const auto& [column, role] : csv_.roles()) {
      if (!role.starts_with(kAttributeRole) || csv_.Cell(column).empty()) continue;
      LL_RETURN_IF_ERROR(
          sink_.Attribute({*person, std::string(role.substr(kAttributeRole.size())), std::string(csv_.Cell(column))}));
    }
    return Status::Ok();
  }

  std::deque<std::string> names_;  // the custom fields' roles, which the CSV's roles point into
  int64_t not_subscribed_ = 0;
};

Status ReadActivists(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return ActivistsReader(input, context, sink, report).Read();
}

bool IsActionTimeHeader(std::string_view field) { return RoleIn(kActionColumns, field) == kTime; }

// The email column and one of Action Network's can2_ columns, without an
// action's time or amount (those make it an action download).
bool SniffActivists(std::string_view head) {
  return FirstLineHas(head, {[](std::string_view field) { return field == "email"; },
                             [](std::string_view field) { return field.starts_with("can2_"); }}) &&
         !FirstLineHas(head, {[](std::string_view field) { return IsActionTimeHeader(field) || field == "amount"; }});
}

// ---------------------------------------------------------------------------
// actionnetwork-actions

constexpr std::string_view kExpectedActions =
    "an Action Network action download: 'email' and 'timestamp' (or created_at) columns, one row per signature, "
    "RSVP, submission, letter or donation";

// Words of a file name and the action each says, most specific first.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kFileWords = {{
    {"signature", "petition"},
    {"petition", "petition"},
    {"outreach", "outreach"},
    {"letter", "outreach"},
    {"advocacy", "outreach"},
    {"submission", "form_submission"},
    {"form", "form_submission"},
    {"donation", "donation"},
    {"fundrais", "donation"},
    {"contribution", "donation"},
    {"attend", "event_attend"},
    {"rsvp", "event_attend"},
    {"registration", "event_attend"},
    {"event", "event_attend"},
}};

// The file's name without folders and extension.
std::string_view FileStem(std::string_view file) {
  const size_t slash = file.find_last_of("/\\");
  if (slash != std::string_view::npos) file.remove_prefix(slash + 1);
  const size_t dot = file.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? file : file.substr(0, dot);
}

// "true", "yes", "t", "1" -> true; "false", "no", "f", "0" -> false.
std::optional<bool> Flag(std::string_view cell) {
  for (std::string_view yes : {"true", "yes", "t", "1", "y"})
    if (SameName(cell, yes)) return true;
  for (std::string_view no : {"false", "no", "f", "0", "n"})
    if (SameName(cell, no)) return false;
  return std::nullopt;
}

class ActionsReader : public ActionNetworkReader {
 public:
  using ActionNetworkReader::ActionNetworkReader;

  Status Read() {
    LL_RETURN_IF_ERROR(Start([](std::string_view header) { return RoleIn(kActionColumns, header); }, kExpectedActions));
    if (!csv_.Column(kTime))
      return csv_.HeaderError("the header has no 'timestamp' (or created_at, created_date, action_date) column",
                              kExpectedActions);
    LL_RETURN_IF_ERROR(ChooseKind());
    file_content_ = std::string(Utf8Prefix(FileStem(context_.file), kMaxContentBytes));
    while (true) {
      LL_ASSIGN_OR_RETURN(bool more, csv_.NextRow());
      if (!more) return Status::Ok();
      LL_RETURN_IF_ERROR(Row());
    }
  }

 private:
  Status ChooseKind() {
    if (csv_.Column(kAmount)) {
      kind_ = "donation";
    } else if (csv_.Column(kAttended)) {
      kind_ = "event_attend";
    } else {
      kind_ = ActionNetworkKindOfFileName(context_.file);
    }
    if (kind_ == "donation" && !csv_.Column(kAmount))
      return csv_.HeaderError("the file is named for donations, but the header has no 'amount' column",
                              "a donation download with an 'amount' column");
    if (kind_.empty())
      return csv_.HeaderError(
          "the file does not say which action it records (no amount or attended column, and its name says none)",
          "the download's name with the action in it (signatures.csv, rsvps.csv, submissions.csv, letters.csv, "
          "donations.csv); for the activist export, --format actionnetwork-activists");
    return Status::Ok();
  }

  // The kind of the current row of an RSVP list, as osdi.cc reads an
  // attendance; empty when the row is skipped.
  std::string_view AttendanceKind() {
    const std::string_view status = CellOf(kStatus);
    if (SameName(status, "declined")) {
      report_.Skip("an RSVP that was declined");
      return {};
    }
    if (std::optional<bool> attended = Flag(CellOf(kAttended))) return *attended ? "event_attend" : "event_signup";
    for (std::string_view signup : {"tentative", "needs action", "registered"})
      if (SameName(status, signup)) return "event_signup";
    return "event_attend";
  }

  Status Row() {
    std::optional<std::string> person = Person();
    if (!person) return Status::Ok();
    std::optional<Timestamp> ts;
    if (!TimeOf(kTime, &ts)) return Status::Ok();
    if (!ts) {
      csv_.SkipRow("a row without a time", *csv_.Column(kTime), "no time", kExpectedTime);
      return Status::Ok();
    }
    std::string_view content = CellOf(kAction);
    if (content.empty()) content = file_content_;
    std::string_view tags = CellOf(kSource);
    if (tags.find(';') != std::string_view::npos) tags = {};  // one code, never several tags
    if (kind_ == "donation") return Donation(*ts, *person, content, tags);
    const std::string_view kind = kind_ == "event_attend" ? AttendanceKind() : kind_;
    if (kind.empty()) return Status::Ok();
    return Emit(*ts, *person, kind, content, std::nullopt, tags);
  }

  Status Donation(Timestamp ts, const std::string& person, std::string_view content, std::string_view tags) {
    const size_t amount_column = *csv_.Column(kAmount);
    std::optional<double> amount = ParseActBlueAmount(csv_.Cell(amount_column));
    if (!amount || *amount < 0) {
      csv_.SkipRow("a donation whose amount is not an amount", amount_column,
                   fmt::format("'{}' is not an amount", Excerpt(csv_.Cell(amount_column))),
                   "an amount like 25.00 or $1,250.00");
      return Status::Ok();
    }
    const std::string_view status = CellOf(kStatus);
    const bool refunded = SameName(status, "refunded");
    if (!refunded && !status.empty() && !SameName(status, "success") && !SameName(status, "succeeded")) {
      report_.Skip(
          fmt::format("a donation with status '{}' (only successful and refunded ones are counted)", Excerpt(status)));
      return Status::Ok();
    }
    LL_RETURN_IF_ERROR(Emit(ts, person, "donation", content, *amount, tags));
    // The download does not say when the refund was made: the gift's time,
    // so the two net out wherever a window falls.
    if (refunded) LL_RETURN_IF_ERROR(Emit(ts, person, "refund", content, -*amount, tags));
    return Status::Ok();
  }

  std::string_view kind_;
  std::string file_content_;
};

Status ReadActions(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return ActionsReader(input, context, sink, report).Read();
}

// The email column, an action's time, and one of Action Network's own
// columns (can2_*) or zip_code, as its downloads write them.
bool SniffActions(std::string_view head) {
  return FirstLineHas(head, {[](std::string_view field) { return field == "email"; },
                             [](std::string_view field) { return IsActionTimeHeader(field); },
                             [](std::string_view field) { return field.starts_with("can2_") || field == "zip_code"; }});
}

}  // namespace

std::string_view ActionNetworkKindOfFileName(std::string_view file) {
  const std::string stem = LowerAscii(FileStem(file));
  for (const auto& [word, kind] : kFileWords)
    if (stem.find(word) != std::string::npos) return kind;
  return {};
}

const PlatformFormat kActionNetworkActivistsFormat = {
    .name = "actionnetwork-activists",
    .title = "Action Network activist export CSV (subscriptions, tags, name, ZIP, custom fields)",
    .default_channel = kChannel,
    .sniff = SniffActivists,
    .read = ReadActivists,
};

const PlatformFormat kActionNetworkActionsFormat = {
    .name = "actionnetwork-actions",
    .title = "Action Network action download CSV (signatures, RSVPs, submissions, letters, donations)",
    .default_channel = kChannel,
    .sniff = SniffActions,
    .read = ReadActions,
};

}  // namespace learnloop::ingest
