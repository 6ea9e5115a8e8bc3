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

}  // namespace learnloop
