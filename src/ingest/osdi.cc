// OSDI collections as the Action Network API returns them: an object with
// paging fields (total_pages, page, per_page, total_records, _links.next),
// which are ignored, and the page's records in _embedded under one
// "osdi:<collection>" key. Field names follow the OSDI specification and
// Action Network's API documentation (Signature, Attendance, Donation,
// Outreach, Submission).
//
//   collection          kind                                   content (last path segment of)
//   osdi:signatures     petition                               _links.osdi:petition.href
//   osdi:attendances    event_attend; event_signup when the    _links.osdi:event.href
//                       record says the person only registered
//                       (attended false, status tentative or
//                       needs action); declined RSVPs skipped
//   osdi:donations      donation, value = amount               _links.osdi:fundraising_page.href
//   osdi:outreaches     outreach (custom)                      _links.osdi:advocacy_campaign.href
//   osdi:submissions    form_submission (custom)               _links.osdi:form.href
//
// The time is action_date when the record has one (when the person acted),
// else created_date. The person is the primary email of the embedded
// osdi:person, lower-cased; without one, the person's Action Network id as
// "an:<uuid>" (action_network:person_id, or the osdi:person link). The
// referrer source code, when there is one, is the event's tag.
#include "ingest/osdi.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/input_text.h"
#include "ingest/json_stream.h"
#include "ingest/platform_json.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kExpected =
    "an OSDI collection as the Action Network API returns it, with records under _embedded "
    "(osdi:signatures, osdi:attendances, osdi:donations, osdi:outreaches or osdi:submissions)";

struct Collection {
  std::string_view key;   // under _embedded
  std::string_view kind;  // of each record's event
  std::string_view link;  // the _links member naming the action
};

constexpr std::array<Collection, 5> kCollections = {{
    {"osdi:signatures", "petition", "osdi:petition"},
    {"osdi:attendances", "event_attend", "osdi:event"},
    {"osdi:donations", "donation", "osdi:fundraising_page"},
    {"osdi:outreaches", "outreach", "osdi:advocacy_campaign"},
    {"osdi:submissions", "form_submission", "osdi:form"},
}};

bool SniffOsdi(std::string_view head) {
  const size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || head[start] != '{') return false;
  return head.find("\"osdi:") != std::string_view::npos;
}

// The last segment of a URL's path ("https://.../petitions/abc" -> "abc").
std::string_view LastSegment(std::string_view href) {
  href = href.substr(0, href.find_first_of("?#"));
  while (href.ends_with('/')) href.remove_suffix(1);
  const size_t slash = href.rfind('/');
  return slash == std::string_view::npos ? href : href.substr(slash + 1);
}

// The href of `_links[name]` of `record`.
std::optional<std::string_view> LinkHref(dom::object record, std::string_view name) {
  std::optional<dom::object> links = Lenient<dom::object>(record, "_links");
  return Lenient<std::string_view>(Lenient<dom::object>(links, name), "href");
}

// The primary address of a person's email_addresses, else the first one.
std::optional<std::string_view> PrimaryEmail(std::optional<dom::object> person) {
  std::optional<dom::array> emails = Lenient<dom::array>(person, "email_addresses");
  if (!emails) return std::nullopt;
  std::optional<std::string_view> first;
  for (dom::element entry : *emails) {
    std::optional<dom::object> email = AsObject(entry);
    std::optional<std::string_view> address = Lenient<std::string_view>(email, "address");
    if (!address || TrimAscii(*address).empty()) continue;
    if (Lenient<bool>(email, "primary").value_or(false)) return TrimAscii(*address);
    if (!first) first = TrimAscii(*address);
  }
  return first;
}

// The Action Network id among `identifiers` ("action_network:<uuid>").
std::optional<std::string_view> ActionNetworkId(std::optional<dom::object> resource) {
  std::optional<dom::array> identifiers = Lenient<dom::array>(resource, "identifiers");
  if (!identifiers) return std::nullopt;
  constexpr std::string_view kPrefix = "action_network:";
  for (dom::element entry : *identifiers) {
    std::string_view id;
    if (entry.get(id) == simdjson::SUCCESS && id.starts_with(kPrefix) && id.size() > kPrefix.size())
      return id.substr(kPrefix.size());
  }
  return std::nullopt;
}

class OsdiReader {
 public:
  OsdiReader(const PlatformContext& context, RecordSink& sink, ReadReport& report)
      : context_(context), channel_(context.ChannelOr("actionnetwork")), sink_(sink), report_(report) {}

  Status Read(ChunkedInput& input) {
    JsonRecordFile file{input, kExpected, {}};
    for (const Collection& collection : kCollections) file.paths.push_back({"_embedded", std::string(collection.key)});
    LL_ASSIGN_OR_RETURN(const std::string outline, OutlineJson(file));
    dom::parser parser;
    dom::element root;
    if (simdjson::error_code error = parser.parse(outline).get(root); error != simdjson::SUCCESS)
      return Refuse(JsonSyntaxError(error));
    std::optional<dom::object> top = AsObject(root);
    if (!top) return Refuse(fmt::format("found {}", DescribeJson(root)));
    std::optional<dom::element> embedded_element = Member(*top, "_embedded");
    if (!embedded_element) return Refuse("found no _embedded records");
    std::optional<dom::object> embedded = AsObject(*embedded_element);
    if (!embedded) return Refuse(fmt::format("_embedded is {}", DescribeJson(*embedded_element)));
    for (const Collection& collection : kCollections) {
      std::optional<dom::element> records = Member(*embedded, collection.key);
      if (!records) continue;
      dom::array items;
      if (records->get(items) != simdjson::SUCCESS)
        return Refuse(fmt::format("_embedded.{} is {}", collection.key, DescribeJson(*records)));
      dom::parser records_parser;
      return ReadRecords(file, collection, records_parser);
    }
    std::string keys;
    for (auto [key, value] : *embedded) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", Excerpt(key));
    return Refuse(fmt::format("_embedded holds {}", keys.empty() ? "nothing" : keys));
  }

 private:
  Status Refuse(std::string_view found) const {
    return InvalidArgument(fmt::format("{}: {}; expected {}", context_.file, found, kExpected));
  }

  void SkipWith(std::string_view reason, std::string_view detail) {
    report_.Skip(reason);
    report_.Warn(fmt::format("{}: {}", context_.file, detail));
  }

  Status ReadRecords(const JsonRecordFile& file, const Collection& collection, dom::parser& parser) {
    size_t index = 0;
    return ForEachJsonRecord(file, {"_embedded", std::string(collection.key)}, parser, [&](dom::element item) {
      ++report_.records;
      const std::string path = fmt::format("_embedded.{}[{}]", collection.key, index++);
      std::optional<dom::object> record = AsObject(item);
      if (!record) {
        SkipWith("not an object (a damaged record)",
                 fmt::format("{}: expected an object, found {}", path, DescribeJson(item)));
        return Status::Ok();
      }
      return ReadRecord(collection, *record, path);
    });
  }

  // The record's time; nullopt, with the record skipped, when it has none.
  std::optional<Timestamp> TimeOf(dom::object record, const std::string& path) {
    std::string_view key = "action_date";
    std::optional<dom::element> value = Member(record, key);
    if (!value) value = Member(record, key = "created_date");
    std::string_view text;
    if (!value || value->get(text) != simdjson::SUCCESS) {
      SkipWith("no usable date",
               fmt::format("{}.{}: {}; expected an ISO 8601 time like 2024-03-01T12:00:00Z", path, key,
                           value ? fmt::format("found {}", DescribeJson(*value)) : std::string("missing")));
      return std::nullopt;
    }
    Result<Timestamp> ts = ParseRfc3339(text);
    if (!ts.ok()) {
      SkipWith("no usable date",
               fmt::format("{}.{}: '{}' is not an ISO 8601 time like 2024-03-01T12:00:00Z", path, key, Excerpt(text)));
      return std::nullopt;
    }
    return *ts;
  }

  // The record's person (see the file comment); empty, with the record
  // skipped, when it names none.
  std::string PersonOf(dom::object record, const std::string& path) {
    std::optional<dom::object> person = Lenient<dom::object>(Lenient<dom::object>(record, "_embedded"), "osdi:person");
    if (std::optional<std::string_view> email = PrimaryEmail(person)) return LowerAscii(*email);
    // Spaces around an id are a typing slip, not part of it.
    auto trimmed = [](std::optional<std::string_view> text) {
      return text ? std::optional(TrimAscii(*text)) : std::nullopt;
    };
    std::optional<std::string_view> id = trimmed(Lenient<std::string_view>(record, "action_network:person_id"));
    if (!id || id->empty()) id = trimmed(ActionNetworkId(person));
    if (!id || id->empty()) {
      if (std::optional<std::string_view> href = LinkHref(record, "osdi:person")) id = TrimAscii(LastSegment(*href));
    }
    if (id && !id->empty()) return fmt::format("an:{}", *id);
    SkipWith("no person (no email, person id or person link)",
             fmt::format("{}: expected _embedded.osdi:person.email_addresses, action_network:person_id or "
                         "_links.osdi:person.href",
                         path));
    return "";
  }

  // The kind of an attendance: see the file comment. Empty when skipped.
  std::string_view AttendanceKind(dom::object record) {
    std::optional<std::string_view> status = Lenient<std::string_view>(record, "status");
    std::optional<bool> attended = Lenient<bool>(record, "attended");
    if (status && *status == "declined") {
      report_.Skip("an RSVP that was declined");
      return {};
    }
    if (attended) return *attended ? "event_attend" : "event_signup";
    if (status && (*status == "tentative" || *status == "needs action")) return "event_signup";
    return "event_attend";
  }

  Status ReadRecord(const Collection& collection, dom::object record, const std::string& path) {
    std::optional<Timestamp> ts = TimeOf(record, path);
    if (!ts) return Status::Ok();
    const std::string person = PersonOf(record, path);
    if (person.empty()) return Status::Ok();
    std::string_view kind = collection.kind;
    if (collection.key == "osdi:attendances") kind = AttendanceKind(record);
    if (kind.empty()) return Status::Ok();
    std::optional<double> value;
    if (collection.key == "osdi:donations") {
      std::optional<std::string_view> amount = Lenient<std::string_view>(record, "amount");
      if (amount) value = ParseValue(TrimAscii(*amount));
      if (!value) {
        std::optional<double> number = Lenient<double>(record, "amount");
        if (number) value = number;
      }
      if (!value || *value < 0) {
        SkipWith("a donation without an amount",
                 fmt::format("{}.amount: expected the amount as a number like \"25.00\"", path));
        return Status::Ok();
      }
    }
    std::optional<std::string_view> href = LinkHref(record, collection.link);
    const std::string_view content = href ? LastSegment(*href) : std::string_view();
    return sink_.Event(EventView{*ts, channel_, person, kind, content, value, ReferrerSource(record)});
  }

  // The referrer source code (OSDI referrer_data or Action Network's own).
  static std::string_view ReferrerSource(dom::object record) {
    for (std::string_view key : {"action_network:referrer_data", "referrer_data"}) {
      std::optional<std::string_view> source = Lenient<std::string_view>(Lenient<dom::object>(record, key), "source");
      if (source && !source->empty()) return *source;
    }
    return {};
  }

  const PlatformContext& context_;
  std::string_view channel_;
  RecordSink& sink_;
  ReadReport& report_;
};

Status ReadOsdi(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  return OsdiReader(context, sink, report).Read(input);
}

}  // namespace

const PlatformFormat kOsdiFormat = {
    .name = "osdi",
    .title = "Action Network / OSDI API JSON (signatures, attendances, donations, outreaches, submissions)",
    .default_channel = "actionnetwork",
    .sniff = SniffOsdi,
    .read = ReadOsdi,
};

}  // namespace learnloop::ingest
