// Mailchimp exports.
//
// mailchimp-audience: one CSV of Audience > All contacts > Export Audience
// (the zip holds subscribed_*.csv, unsubscribed_*.csv, cleaned_*.csv and
// nonsubscribed_*.csv with one header each). "Email Address" names the
// person; the audience's merge fields (First Name, Last Name, Address,
// Phone Number, custom ones) follow, then Mailchimp's system columns. A
// contact's opt-in is a subscribe at CONFIRM_TIME (a double opt-in's
// confirmation), else at OPTIN_TIME; UNSUB_TIME an unsubscribe whose
// content is UNSUB_CAMPAIGN_ID; CLEAN_TIME, when Mailchimp stopped sending
// to a bouncing address, an unsubscribe tagged "cleaned" (content
// CLEAN_CAMPAIGN_ID). TAGS holds the contact's tags as quoted names,
// "Volunteer","Walk, May" (the cell quoted again by CSV), which tag the
// subscribe. Each merge field is a person attribute named by its header
// ("First Name" -> first_name). The other system columns are not read:
// IP addresses, coordinates, Mailchimp's ids (LEID, EUID), NOTES and the
// unsubscribe reasons are more than learnloop needs about a person, and
// MEMBER_RATING, GMTOFF, DSTOFF, TIMEZONE, CC, REGION, LAST_CHANGED and the
// campaign titles describe Mailchimp's view, not a supporter's action.
//
// Times are "YYYY-MM-DD HH:MM:SS" without a zone. Mailchimp's pages do not
// state the zone of the audience export; its Transactional API documents the
// same form as UTC, and the export carries each contact's GMTOFF beside
// the times, which a local time would not need. They are read as UTC.
//
// mailchimp-activity: GET /3.0/reports/{campaign_id}/email-activity saved
// as is: {"emails": [{"campaign_id", "email_address", "activity": [{"action",
// "timestamp", "url", "ip", ...}]}], "campaign_id", ...}. An open is an
// `open`, a click a `click`, both with the campaign id as content, so each
// campaign is one content. The clicked URL and the IP address are not kept
// (a link can carry the recipient's own tokens); two clicks by one person
// on one campaign in the same second are one event, which folds the burst
// of clicks a mail scanner makes on every link at once. A bounce is the
// address failing, not the person acting, and is skipped.
#include "ingest/mailchimp.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <deque>
#include <utility>

#include "core/text.h"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "ingest/json_stream.h"
#include "ingest/platform_csv.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {

namespace {

constexpr std::string_view kChannel = "email";

// ---------------------------------------------------------------------------
// mailchimp-audience

constexpr std::string_view kExpectedAudience =
    "a Mailchimp audience export: an 'Email Address' column, the audience's fields and Mailchimp's columns "
    "OPTIN_TIME, CONFIRM_TIME, ...";
constexpr std::string_view kExpectedTime = "a time like 2024-05-02 09:15:04 (UTC)";
constexpr std::string_view kEmailRole = "#email";
constexpr std::string_view kOptinTime = "#optin_time";
constexpr std::string_view kConfirmTime = "#confirm_time";
constexpr std::string_view kUnsubTime = "#unsub_time";
constexpr std::string_view kUnsubCampaign = "#unsub_campaign";
constexpr std::string_view kCleanTime = "#clean_time";
constexpr std::string_view kCleanCampaign = "#clean_campaign";
constexpr std::string_view kTagsRole = "#tags";
// Merge fields have this role prefix; the attribute name follows.
constexpr std::string_view kAttributeRole = "attribute:";

// Mailchimp's own columns (upper-case, as it writes them) and what each
// is read as; an empty role: not read.
constexpr std::array<std::pair<std::string_view, std::string_view>, 25> kSystemColumns = {{
    {"MEMBER_RATING", ""},
    {"OPTIN_TIME", kOptinTime},
    {"OPTIN_IP", ""},
    {"CONFIRM_TIME", kConfirmTime},
    {"CONFIRM_IP", ""},
    {"LATITUDE", ""},
    {"LONGITUDE", ""},
    {"GMTOFF", ""},
    {"DSTOFF", ""},
    {"TIMEZONE", ""},
    {"CC", ""},
    {"REGION", ""},
    {"LAST_CHANGED", ""},
    {"LEID", ""},
    {"EUID", ""},
    {"NOTES", ""},
    {"TAGS", kTagsRole},
    {"UNSUB_TIME", kUnsubTime},
    {"UNSUB_CAMPAIGN_TITLE", ""},
    {"UNSUB_CAMPAIGN_ID", kUnsubCampaign},
    {"UNSUB_REASON", ""},
    {"UNSUB_REASON_OTHER", ""},
    {"CLEAN_TIME", kCleanTime},
    {"CLEAN_CAMPAIGN_TITLE", ""},
    {"CLEAN_CAMPAIGN_ID", kCleanCampaign},
}};

// "2024-05-02 09:15:04" as UTC.
std::optional<Timestamp> ParseAudienceTime(std::string_view text) {
  auto parts = SplitExactly<2>(text);
  if (!parts || (*parts)[0].size() != 10) return std::nullopt;
  Result<Day> day = ParseDate((*parts)[0]);
  std::optional<int> clock = ClockSeconds((*parts)[1], false);
  if (!day.ok() || !clock) return std::nullopt;
  return InstantOf(*day, *clock, 0);
}

class AudienceReader {
 public:
  AudienceReader(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : csv_(input, report), sink_(sink), channel_(context.ChannelOr(kChannel)) {}

  Status Read() {
    LL_RETURN_IF_ERROR(csv_.ReadHeader([this](std::string_view header) { return RoleOf(header); }, kExpectedAudience));
    email_ = csv_.Column(kEmailRole);
    if (!email_) return csv_.HeaderError("the header has no 'Email Address' column", kExpectedAudience);
    if (!csv_.Column(kOptinTime) && !csv_.Column(kConfirmTime) && !csv_.Column(kUnsubTime) && !csv_.Column(kCleanTime))
      return csv_.HeaderError("the header has none of OPTIN_TIME, CONFIRM_TIME, UNSUB_TIME, CLEAN_TIME",
                              kExpectedAudience);
    while (true) {
      LL_ASSIGN_OR_RETURN(bool more, csv_.NextRow());
      if (!more) return Status::Ok();
      LL_RETURN_IF_ERROR(Row());
    }
  }

 private:
  std::string_view RoleOf(std::string_view header) {
    if (SameName(header, "Email Address")) return kEmailRole;
    for (const auto& [name, role] : kSystemColumns)
      if (name == header) return role;
    if (header.empty()) return {};
    return names_.emplace_back(fmt::format("{}{}", kAttributeRole, AttributeName(header)));
  }

  // The time in the current row's `role` column: nullopt when there is no
  // such column or the cell is empty; false when it is not a time (the
  // row is skipped).
  bool TimeOf(std::string_view role, std::optional<Timestamp>* ts) {
    *ts = std::nullopt;
    const std::optional<size_t> column = csv_.Column(role);
    if (!column || csv_.Cell(*column).empty()) return true;
    *ts = ParseAudienceTime(csv_.Cell(*column));
    if (*ts) return true;
    csv_.SkipRow("a contact with a time that is not a time", *column,
                 fmt::format("'{}' is not a time", Excerpt(csv_.Cell(*column))), kExpectedTime);
    return false;
  }

  std::string_view CellOf(std::string_view role) const {
    const std::optional<size_t> column = csv_.Column(role);
    return column ? csv_.Cell(*column) : std::string_view();
  }

  std::string_view IdOf(std::string_view role) const {
    const std::string_view id = CellOf(role);
    return IsCleanId(id) ? id : std::string_view();
  }

  Status Row() {
    std::optional<std::string> person = EmailPerson(csv_.Cell(*email_));
    if (!person) {
      csv_.SkipRow("a contact whose Email Address is not an email address", *email_, "this is not an email address",
                   "an address like name@example.org");
      return Status::Ok();
    }
    std::optional<Timestamp> optin, confirm, unsub, clean;
    if (!TimeOf(kOptinTime, &optin) || !TimeOf(kConfirmTime, &confirm) || !TimeOf(kUnsubTime, &unsub) ||
        !TimeOf(kCleanTime, &clean))
      return Status::Ok();
    // A contact without a time (added by hand or by an integration) has no
    // subscribe to show, but her fields are hers all the same.
    const std::optional<Timestamp> subscribed = confirm ? confirm : optin;
    if (subscribed) LL_RETURN_IF_ERROR(Emit(*subscribed, *person, "subscribe", "", TagList(CellOf(kTagsRole))));
    if (unsub) LL_RETURN_IF_ERROR(Emit(*unsub, *person, "unsubscribe", IdOf(kUnsubCampaign), ""));
    if (clean) LL_RETURN_IF_ERROR(Emit(*clean, *person, "unsubscribe", IdOf(kCleanCampaign), "cleaned"));
    for (const auto& [column, role] : csv_.roles()) {
      if (!role.starts_with(kAttributeRole) || csv_.Cell(column).empty()) continue;
      LL_RETURN_IF_ERROR(
          sink_.Attribute({*person, std::string(role.substr(kAttributeRole.size())), std::string(csv_.Cell(column))}));
    }
    return Status::Ok();
  }

  Status Emit(Timestamp ts, std::string_view person, std::string_view kind, std::string_view content,
              std::string_view tags) {
    return sink_.Event(EventView{ts, channel_, person, kind, content, std::nullopt, tags});
  }

  PlatformCsv csv_;
  RecordSink& sink_;
  std::string_view channel_;
  std::deque<std::string> names_;  // the merge fields' roles, which the CSV's roles point into
  std::optional<size_t> email_;
};

Status ReadAudience(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return AudienceReader(input, context, sink, report).Read();
}

// The first line names the email column and two of Mailchimp's own.
bool SniffAudience(std::string_view head) {
  return FirstLineHas(head, {[](std::string_view field) { return SameName(field, "Email Address"); },
                             [](std::string_view field) { return field == "MEMBER_RATING"; },
                             [](std::string_view field) { return field == "OPTIN_TIME"; }});
}

// ---------------------------------------------------------------------------
// mailchimp-activity

namespace dom = simdjson::dom;

constexpr std::string_view kExpectedActivity =
    "a Mailchimp email-activity response (GET /reports/{campaign_id}/email-activity) saved as is";
constexpr std::string_view kBounce = "a bounce (the address failing, not the person acting)";

class ActivityReader {
 public:
  ActivityReader(const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : context_(context), sink_(sink), report_(report), channel_(context.ChannelOr(kChannel)) {}

  Status Read(ChunkedInput& input) {
    const JsonRecordFile file{input, kExpectedActivity, {{"emails"}}};
    LL_ASSIGN_OR_RETURN(const std::string outline, OutlineJson(file));
    dom::element root;
    if (simdjson::error_code error = parser_.parse(outline).get(root); error != simdjson::SUCCESS)
      return InvalidArgument(
          fmt::format("{}: {}; expected {}", context_.file, JsonSyntaxError(error), kExpectedActivity));
    std::optional<dom::object> object = AsObject(root);
    if (!object)
      return InvalidArgument(fmt::format("{}: expected a JSON object with an \"emails\" array, found {}", context_.file,
                                         DescribeJson(root)));
    std::optional<dom::element> emails = Member(*object, "emails");
    dom::array recipients;
    if (!emails || emails->get(recipients) != simdjson::SUCCESS)
      return InvalidArgument(fmt::format("{}: emails: expected an array of recipients, found {}; expected {}",
                                         context_.file, emails ? DescribeJson(*emails) : "nothing", kExpectedActivity));
    campaign_ = Lenient<std::string_view>(object, "campaign_id").value_or("");
    int64_t index = 0;
    return ForEachJsonRecord(file, {"emails"}, parser_,
                             [&](dom::element recipient) { return Recipient(recipient, index++); });
  }

 private:
  void SkipWith(std::string_view reason, int64_t count, const std::string& detail) {
    report_.Skip(reason, count);
    report_.Warn(fmt::format("{}: {}", context_.file, detail));
  }

  Status Recipient(dom::element element, int64_t index) {
    const std::string path = fmt::format("emails[{}]", index);
    std::optional<dom::object> recipient = AsObject(element);
    if (!recipient) {
      ++report_.records;
      SkipWith("a recipient that is not an object", 1,
               fmt::format("{}: expected an object, found {}", path, DescribeJson(element)));
      return Status::Ok();
    }
    std::optional<dom::array> activity = Lenient<dom::array>(recipient, "activity");
    const int64_t activities = activity ? static_cast<int64_t>(activity->size()) : 0;
    std::optional<std::string_view> address = Lenient<std::string_view>(recipient, "email_address");
    std::optional<std::string> person = address ? EmailPerson(*address) : std::nullopt;
    if (!person) {
      // Each of the recipient's activities is a record no one can be credited with.
      report_.records += std::max<int64_t>(activities, 1);
      SkipWith("a recipient without an email address", std::max<int64_t>(activities, 1),
               fmt::format("{}.email_address: expected an email address", path));
      return Status::Ok();
    }
    if (!activity) return Status::Ok();
    const std::string campaign(Lenient<std::string_view>(recipient, "campaign_id").value_or(campaign_));
    const std::string_view content = IsCleanId(campaign) ? std::string_view(campaign) : std::string_view();
    int64_t at = 0;
    for (dom::element item : *activity) {
      ++report_.records;
      LL_RETURN_IF_ERROR(Activity(item, fmt::format("{}.activity[{}]", path, at++), *person, content));
    }
    return Status::Ok();
  }

  Status Activity(dom::element element, const std::string& path, std::string_view person, std::string_view content) {
    std::optional<dom::object> activity = AsObject(element);
    std::optional<std::string_view> action = Lenient<std::string_view>(activity, "action");
    if (!action) {
      SkipWith("an activity without an action", 1, fmt::format("{}.action: expected \"open\" or \"click\"", path));
      return Status::Ok();
    }
    if (*action == "bounce") {
      report_.Skip(kBounce);
      return Status::Ok();
    }
    if (*action != "open" && *action != "click") {
      report_.Skip(fmt::format("an activity '{}' (learnloop imports open and click)", Excerpt(*action)));
      return Status::Ok();
    }
    std::optional<std::string_view> text = Lenient<std::string_view>(activity, "timestamp");
    Result<Timestamp> ts = text ? ParseRfc3339(*text) : InvalidArgument("missing");
    if (!ts.ok()) {
      SkipWith("an activity whose timestamp is not an RFC 3339 time", 1,
               fmt::format("{}.timestamp: {}; the activity is skipped", path,
                           text ? fmt::format("'{}' is not an RFC 3339 time", Excerpt(*text))
                                : std::string("expected an RFC 3339 time as a string")));
      return Status::Ok();
    }
    return sink_.Event(EventView{*ts, channel_, person, *action, content, std::nullopt, ""});
  }

  const PlatformContext& context_;
  RecordSink& sink_;
  ReadReport& report_;
  std::string_view channel_;
  dom::parser parser_;
  std::string campaign_;  // the response's campaign_id, for recipients without their own
};

bool SniffActivity(std::string_view head) {
  const std::string_view text = TrimAscii(WithoutBom(head));
  return text.starts_with('{') && HasJsonKey(text, "emails") && HasJsonKey(text, "email_address") &&
         HasJsonKey(text, "activity");
}

Status ReadActivity(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return ActivityReader(context, sink, report).Read(input);
}

}  // namespace

const PlatformFormat kMailchimpAudienceFormat = {
    .name = "mailchimp-audience",
    .title = "Mailchimp audience export CSV (subscribed, unsubscribed, cleaned contacts and their fields)",
    .default_channel = kChannel,
    .sniff = SniffAudience,
    .read = ReadAudience,
};

const PlatformFormat kMailchimpActivityFormat = {
    .name = "mailchimp-activity",
    .title = "Mailchimp API email activity JSON (opens, clicks per recipient of a campaign)",
    .default_channel = kChannel,
    .sniff = SniffActivity,
    .read = ReadActivity,
};

}  // namespace learnloop::ingest
