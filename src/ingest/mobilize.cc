// mobilize-attendances: field names follow the Mobilize API documentation
// (github.com/mobilizeamerica/api: Attendance, Person, Email, Address,
// Timeslot). Times there are Unix seconds, so no zone is needed.
#include "ingest/mobilize.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "ingest/json_stream.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kDefaultChannel = "mobilize";
constexpr std::string_view kExpected =
    "Mobilize's answer to GET /api/v1/organizations/ID/attendances saved as is: an object with a data array of "
    "attendances";
constexpr std::string_view kUnreadable = "an attendance with a missing or unreadable field";
constexpr size_t kMaxEventTypeBytes = 64;
// The last second of year 9999: later Unix times are damage, not dates.
constexpr int64_t kMaxUnixSeconds = 253402300799;

bool SniffMobilize(std::string_view head) {
  head = TrimAscii(WithoutBom(head));
  return head.starts_with('{') && HasJsonKey(head, "data") && HasJsonKey(head, "timeslot") &&
         (HasJsonKey(head, "attended") || HasJsonKey(head, "status"));
}

// What makes a record unusable: where, and what was found instead.
struct Problem {
  std::string path;
  std::string text;
};

Problem Expected(const std::string& path, std::string_view expected, std::optional<dom::element> found) {
  return {path, fmt::format("expected {}, found {}", expected, found ? DescribeJson(*found) : "nothing")};
}

// An id as Mobilize writes it: a number, or a string of one.
std::optional<std::string> IdOf(std::optional<dom::element> e) {
  if (!e) return std::nullopt;
  int64_t number = 0;
  if (e->get(number) == simdjson::SUCCESS) return number >= 0 ? std::optional(std::to_string(number)) : std::nullopt;
  std::string_view text;
  if (e->get(text) == simdjson::SUCCESS && IsCleanId(text) && text.find('/') == std::string_view::npos)
    return std::string(text);
  return std::nullopt;
}

// A Unix time in seconds (a whole number; a fraction is kept to the microsecond).
std::optional<Timestamp> UnixTimeOf(std::optional<dom::element> e) {
  if (!e) return std::nullopt;
  int64_t seconds = 0;
  if (e->get(seconds) == simdjson::SUCCESS) {
    if (seconds < 0 || seconds > kMaxUnixSeconds) return std::nullopt;
    return Timestamp{seconds * 1'000'000};
  }
  double real = 0;
  if (e->get(real) != simdjson::SUCCESS || !std::isfinite(real) || real < 0 ||
      real > static_cast<double>(kMaxUnixSeconds))
    return std::nullopt;
  return Timestamp{static_cast<int64_t>(std::llround(real * 1e6))};
}

// The member of `array` (an array of objects) marked primary, else its first.
std::optional<dom::object> PrimaryOf(std::optional<dom::element> array) {
  dom::array items;
  if (!array || array->get(items) != simdjson::SUCCESS) return std::nullopt;
  std::optional<dom::object> first;
  for (dom::element item : items) {
    std::optional<dom::object> object = AsObject(item);
    if (!object) continue;
    if (Lenient<bool>(object, "primary").value_or(false)) return object;
    if (!first) first = object;
  }
  return first;
}

// The person's email, lower-cased: the primary of email_addresses, or
// email_address as some answers write it.
std::optional<std::string> EmailOf(std::optional<dom::object> person) {
  std::optional<std::string_view> address;
  if (person) address = Lenient<std::string_view>(PrimaryOf(Member(*person, "email_addresses")), "address");
  if (!address || TrimAscii(*address).empty()) address = Lenient<std::string_view>(person, "email_address");
  if (!address || TrimAscii(*address).empty()) return std::nullopt;
  return LowerAscii(TrimAscii(*address));
}

class AttendancesReader {
 public:
  AttendancesReader(const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : context_(context), sink_(sink), report_(report), channel_(context.ChannelOr(kDefaultChannel)) {}

  Status Read(ChunkedInput& input) {
    const JsonRecordFile file{input, kExpected, {{"data"}}};
    LL_ASSIGN_OR_RETURN(const std::string outline, OutlineJson(file));
    dom::element root;
    if (simdjson::error_code error = parser_.parse(outline).get(root); error != simdjson::SUCCESS) {
      return InvalidArgument(fmt::format("{}: {}; expected {}", context_.file, JsonSyntaxError(error), kExpected));
    }
    std::optional<dom::object> answer = AsObject(root);
    if (!answer)
      return InvalidArgument(
          fmt::format("{}: the file holds {}; expected {}", context_.file, DescribeJson(root), kExpected));
    if (std::optional<dom::element> error = Member(*answer, "error"))
      return InvalidArgument(fmt::format("{}: the saved answer is Mobilize's error '{}', not attendances; expected {}",
                                         context_.file, Excerpt(simdjson::to_string(*error)), kExpected));
    std::optional<dom::element> data = Member(*answer, "data");
    dom::array items;
    if (!data || data->get(items) != simdjson::SUCCESS)
      return InvalidArgument(
          fmt::format("{}: data is {}; expected {}", context_.file, data ? DescribeJson(*data) : "missing", kExpected));
    size_t index = 0;
    return ForEachJsonRecord(file, {"data"}, parser_, [&](dom::element item) {
      ++report_.records;
      const std::string path = fmt::format("data[{}]", index++);
      std::optional<dom::object> attendance = AsObject(item);
      if (!attendance) {
        SkipWith("not an object (a damaged entry)", Expected(path, "an object", item));
        return Status::Ok();
      }
      return Attendance(*attendance, path);
    });
  }

 private:
  void SkipWith(std::string_view reason, const Problem& problem) {
    report_.Skip(reason);
    report_.Warn(fmt::format("{}: {}: {}", context_.file, problem.path, problem.text));
  }

  Status Attendance(dom::object attendance, const std::string& path) {
    std::optional<dom::element> status_element = Member(attendance, "status");
    std::string_view status;
    if (!status_element || status_element->get(status) != simdjson::SUCCESS) {
      SkipWith(kUnreadable, Expected(path + ".status", "REGISTERED, CONFIRMED or CANCELLED", status_element));
      return Status::Ok();
    }
    if (status == "CANCELLED") {
      report_.Skip("a cancelled registration");
      return Status::Ok();
    }
    if (status != "REGISTERED" && status != "CONFIRMED") {
      SkipWith("an attendance with a status other than REGISTERED, CONFIRMED or CANCELLED",
               {path + ".status", fmt::format("'{}' is not a status Mobilize documents", Excerpt(status))});
      return Status::Ok();
    }
    std::optional<dom::object> person = Lenient<dom::object>(attendance, "person");
    std::optional<std::string> email = EmailOf(person);
    if (!email) {
      SkipWith("an attendance without the person's email (Mobilize shares none for some people)",
               {path + ".person.email_addresses", "no email address"});
      return Status::Ok();
    }
    if (!IsCleanName(*email, kMaxNameBytes)) {
      SkipWith(kUnreadable,
               {path + ".person.email_addresses", fmt::format("'{}' is not an email address", Excerpt(*email))});
      return Status::Ok();
    }
    std::optional<dom::object> event = Lenient<dom::object>(attendance, "event");
    std::optional<dom::element> event_id = event ? Member(*event, "id") : std::nullopt;
    std::optional<std::string> content = IdOf(event_id);
    if (!content) {
      SkipWith(kUnreadable, Expected(path + ".event.id", "the event's id", event_id));
      return Status::Ok();
    }
    std::optional<dom::object> timeslot = Lenient<dom::object>(attendance, "timeslot");
    if (std::optional<dom::element> slot_id = timeslot ? Member(*timeslot, "id") : std::nullopt) {
      std::optional<std::string> id = IdOf(slot_id);
      if (!id) {
        SkipWith(kUnreadable, Expected(path + ".timeslot.id", "the timeslot's id", slot_id));
        return Status::Ok();
      }
      // Two shifts of one event signed up for at once stay two events.
      *content += "/" + *id;
    }
    std::optional<dom::element> created_element = Member(attendance, "created_date");
    std::optional<Timestamp> created = UnixTimeOf(created_element);
    if (!created) {
      SkipWith(kUnreadable, Expected(path + ".created_date", "a Unix time in seconds", created_element));
      return Status::Ok();
    }
    std::optional<dom::element> attended_element = Member(attendance, "attended");
    bool attended = false;
    if (attended_element && attended_element->get(attended) != simdjson::SUCCESS) {
      SkipWith(kUnreadable, Expected(path + ".attended", "true, false or null", attended_element));
      return Status::Ok();
    }
    std::optional<Timestamp> start;
    if (attended) {
      std::optional<dom::element> start_element = timeslot ? Member(*timeslot, "start_date") : std::nullopt;
      start = UnixTimeOf(start_element);
      if (!start) {
        SkipWith(kUnreadable, Expected(path + ".timeslot.start_date", "a Unix time in seconds", start_element));
        return Status::Ok();
      }
    }
    // Tags: the kind of event (canvass, phone_bank, ...); a signup adds its
    // status and, once the organizer marked it, that the person did not come.
    std::string tags = LowerAscii(Lenient<std::string_view>(event, "event_type").value_or(""));
    std::erase(tags, ';');
    if (!IsCleanName(tags, kMaxEventTypeBytes)) tags.clear();
    std::string signup_tags = fmt::format("{}{}{}", tags, tags.empty() ? "" : ";", LowerAscii(status));
    if (attended_element && !attended) signup_tags += ";no-show";
    LL_RETURN_IF_ERROR(sink_.Event(EventView{*created, channel_, *email, "event_signup", *content, {}, signup_tags}));
    if (start) LL_RETURN_IF_ERROR(sink_.Event(EventView{*start, channel_, *email, "event_attend", *content, {}, tags}));
    return Attributes(*email, person);
  }

  Status Attributes(const std::string& email, std::optional<dom::object> person) {
    std::optional<std::string_view> zip = Lenient<std::string_view>(
        PrimaryOf(person ? Member(*person, "postal_addresses") : std::nullopt), "postal_code");
    for (auto [attribute, value] : {std::pair<std::string_view, std::optional<std::string_view>>{
                                        "first_name", Lenient<std::string_view>(person, "given_name")},
                                    {"last_name", Lenient<std::string_view>(person, "family_name")},
                                    {"zip", zip}}) {
      const std::string_view text = value ? TrimAscii(*value) : std::string_view();
      if (!text.empty()) LL_RETURN_IF_ERROR(sink_.Attribute({email, std::string(attribute), std::string(text)}));
    }
    return Status::Ok();
  }

  const PlatformContext& context_;
  RecordSink& sink_;
  ReadReport& report_;
  std::string_view channel_;
  dom::parser parser_;
};

Status ReadMobilize(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return AttendancesReader(context, sink, report).Read(input);
}

}  // namespace

const PlatformFormat kMobilizeFormat = {
    .name = "mobilize-attendances",
    .title = "Mobilize API attendances JSON (event signups, attendances)",
    .default_channel = kDefaultChannel,
    .sniff = SniffMobilize,
    .read = ReadMobilize,
};

}  // namespace learnloop::ingest
