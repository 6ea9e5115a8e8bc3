// The vocabulary's event: one interaction of one person on one channel.
// Its identity is (channel, person, kind, ts, content): importing the same
// event twice stores it once.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop {

// The canonical columns, in file order.
inline constexpr std::string_view kEventColumns[] = {"ts", "channel", "person", "kind", "content", "value", "tags"};
enum class EventColumn { kTs, kChannel, kPerson, kKind, kContent, kValue, kTags };
inline constexpr int kEventColumnCount = 7;
// ts, channel, person and kind must be present; the rest may be empty.
bool IsRequiredColumn(EventColumn column);

// What a built-in kind does in DESIGN.md's default ladder (a workspace's
// ladder.toml may say otherwise).
enum class KindRole {
  kFollow,        // follow, subscribe: the network rung while it lasts
  kUnfollow,      // unfollow, unsubscribe: ends a follow
  kView,          // counts towards no rung
  kEngagement,    // like, share, click, open
  kConversation,  // comment, reply, mention, message: engagement that can open an exchange
  kOrgReply,      // the organization's side of an exchange
  kAction,        // donation, volunteer, petition, event_attend, host
};

struct BuiltinKind {
  std::string_view name;
  KindRole role;
};

// The kinds learnloop knows, in DESIGN.md's order (the one list every
// default file, the demo and the importer use); any other well-formed kind
// is a custom kind.
std::span<const BuiltinKind> BuiltinKindList();
std::span<const std::string_view> BuiltinKinds();  // their names
bool IsBuiltinKind(std::string_view kind);
// The names of the built-in kinds with one of `roles`, in list order.
std::vector<std::string_view> BuiltinKindsWith(std::initializer_list<KindRole> roles);

// The formats of the canonical event file: what imports detect, exports and
// the demo write.
enum class EventFormat { kCsv, kJsonl };
// "csv" or "jsonl"; InvalidArgument otherwise.
Result<EventFormat> ParseEventFormat(std::string_view name);

// The most a workspace may hold of what the analysis engine encodes in
// fixed-width codes: distinct channels and kinds (16-bit), and events
// (32-bit rows; people, contents and tag lists are at most one per event).
// Imports that would pass them are refused, so analyses never meet them.
inline constexpr int64_t kMaxChannels = 65535;
inline constexpr int64_t kMaxKinds = 65535;
inline constexpr int64_t kMaxEvents = 4294967295;

// An event whose strings point into a reader's buffers; valid until the
// reader moves on. `tags` is the normalized ';'-joined list ("a;b").
struct EventView {
  Timestamp ts;
  std::string_view channel;
  std::string_view person;
  std::string_view kind;
  std::string_view content;
  std::optional<double> value;
  std::string_view tags;
};

// An owning event, for tests and small batches.
struct Event {
  Timestamp ts;
  std::string channel;
  std::string person;
  std::string kind;
  std::string content;
  std::optional<double> value;
  std::string tags;

  EventView view() const { return {ts, channel, person, kind, content, value, tags}; }
  static Event From(const EventView& v) {
    return {v.ts,    std::string(v.channel), std::string(v.person), std::string(v.kind), std::string(v.content),
            v.value, std::string(v.tags)};
  }
  bool operator==(const Event&) const = default;
};

// Checks the spelling of a name used as an identifier (a kind, a metric):
// lower-case letters, digits, '_' and '-', starting with a letter, at most
// 64 bytes. Returns the problem in words calling it `what` ("metric name
// must start with a lower-case letter"), or empty.
std::string NameProblem(std::string_view name, std::string_view what);
// NameProblem(kind, "kind").
std::string KindProblem(std::string_view kind);

// Shortest text that reads back as the same double ("12.5", "3").
std::string FormatValue(double value);
// Parses a decimal number ("12.50", "-3", "1e3"); no NaN or infinity.
std::optional<double> ParseValue(std::string_view text);

}  // namespace learnloop
