// What the JSON platform importers share for reading simdjson's DOM: how a
// value is named in messages and how members are looked up.
#pragma once

#include <fmt/format.h>
#include <simdjson.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "ingest/html_text.h"      // CollapseWhitespace
#include "ingest/platform.h"       // RecordSink
#include "ingest/platform_text.h"  // IsAsciiSpace

namespace learnloop::ingest {

// "an array", "a string", ...: what a message says it found.
inline std::string_view DescribeJson(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

inline std::optional<simdjson::dom::object> AsObject(simdjson::dom::element e) {
  simdjson::dom::object object;
  if (e.get(object) != simdjson::SUCCESS) return std::nullopt;
  return object;
}

// What a parse error means to a person: "not valid JSON (is the file cut
// short?) (<simdjson's words>)".
inline std::string JsonSyntaxError(simdjson::error_code error) {
  const bool cut = error == simdjson::TAPE_ERROR || error == simdjson::INCOMPLETE_ARRAY_OR_OBJECT ||
                   error == simdjson::UNCLOSED_STRING;
  return fmt::format("not valid JSON{} ({})", cut ? " (is the file cut short?)" : "", simdjson::error_message(error));
}

// Whether `head` (a file's first bytes, maybe cut) names `key` as an object
// key: "key" followed by a colon, or by nothing where the head is cut.
inline bool HasJsonKey(std::string_view head, std::string_view key) {
  const std::string quoted = fmt::format("\"{}\"", key);
  for (size_t at = head.find(quoted); at != std::string_view::npos; at = head.find(quoted, at + 1)) {
    size_t next = at + quoted.size();
    while (next < head.size() && IsAsciiSpace(head[next])) ++next;
    if (next == head.size() || head[next] == ':') return true;
  }
  return false;
}

// The member `key` of `object`; nullopt when it is absent or null.
inline std::optional<simdjson::dom::element> Member(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element e;
  if (object.at_key(key).get(e) != simdjson::SUCCESS || e.is_null()) return std::nullopt;
  return e;
}

// The member `key` of `object` as a T; nullopt when `object` or the member
// is absent, null or of another type (for parts of a record that a client
// wrote, where one odd value must not fail the file).
template <typename T>
std::optional<T> Lenient(std::optional<simdjson::dom::object> object, std::string_view key) {
  if (!object) return std::nullopt;
  std::optional<simdjson::dom::element> e = Member(*object, key);
  T value;
  if (!e || e->get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

// Hands each account's display name on as its person's display_name
// attribute (for people suggest), once per file: the first time a person is
// met, whatever name it then had.
class DisplayNames {
 public:
  Status Hand(RecordSink& sink, const std::string& person, std::string_view name) {
    if (!named_.insert(person).second) return Status::Ok();
    std::string collapsed = CollapseWhitespace(name);
    if (collapsed.empty()) return Status::Ok();
    return sink.Attribute({person, "display_name", std::move(collapsed)});
  }

 private:
  std::set<std::string> named_;
};

}  // namespace learnloop::ingest
