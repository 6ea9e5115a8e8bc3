// What an organization knows about its people beyond their events: CRM
// fields such as city, membership or the segment a person belongs to.
// Metrics can count only the people whose attributes match (see
// docs/people.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace learnloop {

// One attribute of one person, e.g. ("ana@example.org", "city", "Berlin").
// `person` is the same handle or email that events name. An empty `value`
// means "no longer known": storing it removes the attribute.
struct PersonAttribute {
  std::string person;
  std::string attribute;
  std::string value;
  bool operator==(const PersonAttribute&) const = default;
};

// People whose `attribute` holds one of `values`. A group named by several
// filters is the people who pass all of them.
struct AttributeFilter {
  std::string attribute;
  std::vector<std::string> values;
  bool operator==(const AttributeFilter&) const = default;
};

// What one attributes import did: of `rows` read, naming `people` distinct
// people, `added` set an attribute that was not stored, `updated` replaced
// a different stored value (the newest import wins), `removed` cleared a
// stored value (an empty cell) and `unchanged` matched what was stored
// (or cleared an attribute that was not stored). `people_with_events` of
// the people also appear in events: attributes of people without events
// count in no metric, so a low share usually means the file identifies
// people differently (emails vs social handles).
struct PersonAttributeCounts {
  int64_t rows = 0;
  int64_t people = 0;
  int64_t people_with_events = 0;
  int64_t added = 0;
  int64_t updated = 0;
  int64_t removed = 0;
  int64_t unchanged = 0;
  bool operator==(const PersonAttributeCounts&) const = default;
};

struct PersonAttributeImportOptions {
  std::string person_column = "person";  // the header naming the person, e.g. "email"
};

// One import of a person attributes file.
struct PersonAttributeImport {
  std::string file;
  PersonAttributeCounts counts;
};

// One stored attribute at a glance: how many people have it, how many of
// those have events, and its most common values.
struct AttributeSummary {
  struct Value {
    std::string value;
    int64_t people = 0;
  };
  std::string attribute;
  int64_t people = 0;
  int64_t people_with_events = 0;
  int64_t distinct_values = 0;
  std::vector<Value> top_values;  // most people first, then by value; at most kTopAttributeValues
};

inline constexpr size_t kTopAttributeValues = 10;

// A rule about two identities (the person values events and attributes
// name: a handle, an email, a CRM id): that they are one person (`link`),
// or that they are not, whatever the data suggests (an unlink). Rules are
// kept, never rewritten: the latest rule about a pair is the one in force,
// so every link can be shown and undone. `a` < `b`.
struct LinkRule {
  int64_t id = 0;  // set by the store; later rules have larger ids
  std::string a;
  std::string b;
  bool link = true;
  std::string source;  // how it was made: "people link", "people link --file pairs.csv"
  std::string reason;  // why, in the user's words; may be empty
  std::string actor;   // who
  int64_t at = 0;      // when, UTC microseconds
  bool operator==(const LinkRule&) const = default;
};

// Two identities that may be one person though no key or rule says so, for
// someone to confirm with a link; nothing is applied. See docs/people.md.
struct LinkEvidence {
  // "same_name": both people carry this display name (from attributes such
  // as name, or first_name and last_name); "same_user_name": a handle's
  // user name is an email's local part, or another network's handle's.
  std::string kind;
  std::string a_value;   // on a's side as written: "Cara Jones", "cara.jones"
  std::string a_source;  // where: "civicrm:1432 first_name + last_name", "cara.jones@example.org"
  std::string b_value;
  std::string b_source;
  int64_t people = 2;  // people who share it, these two included; more is weaker
  bool operator==(const LinkEvidence&) const = default;
};

struct LinkSuggestion {
  std::string a;  // the identities to link, a < b
  std::string b;
  std::string a_person;  // the person each belongs to now (its primary identity)
  std::string b_person;
  std::vector<std::string> a_channels;  // of that person's events, by name; empty: only attributes
  std::vector<std::string> b_channels;
  // 1-2: one kind of evidence ("possible"), 2 when no one else shares it;
  // 3-5: name and user name agree ("strong").
  int score = 0;
  std::string strength;                // "strong" or "possible"
  std::vector<LinkEvidence> evidence;  // same_name first
  std::string reason;                  // for the link's history: "suggested: same name and user name"
  bool operator==(const LinkSuggestion&) const = default;
};

// A name or user name so many people share that it suggests no pair on its own.
struct CommonLinkKey {
  std::string kind;  // as LinkEvidence::kind
  std::string value;
  int64_t people = 0;
  bool operator==(const CommonLinkKey&) const = default;
};

// More people than this sharing a name or a user name make it too common to
// suggest a pair by; it still counts when both agree on the other.
inline constexpr int64_t kMaxPeoplePerLinkKey = 5;
inline constexpr size_t kTopCommonLinkKeys = 10;

struct LinkSuggestions {
  std::vector<LinkSuggestion> suggestions;  // highest score first, then by a and b
  int64_t pairs = 0;                        // every suggestion, before a limit
  int64_t people = 0;                       // people looked at
  std::vector<CommonLinkKey> too_common;    // most people first; at most kTopCommonLinkKeys
  int64_t too_common_keys = 0;              // all of them
};

}  // namespace learnloop
