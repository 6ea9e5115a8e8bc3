// What an organization knows about its people beyond their events: CRM
// fields such as city, membership or the segment a person belongs to.
// Metrics can count only the people whose attributes match (see
// docs/people.md).
#pragma once

#include <cstdint>
#include <string>

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

// What one attributes import did: of `rows` read, naming `people` distinct
// people, `added` set an attribute that was not stored, `updated` replaced
// a different stored value (the newest import wins), `removed` cleared a
// stored value (an empty cell) and `unchanged` matched what was stored
// (or cleared an attribute that was not stored).
struct PersonAttributeCounts {
  int64_t rows = 0;
  int64_t people = 0;
  int64_t added = 0;
  int64_t updated = 0;
  int64_t removed = 0;
  int64_t unchanged = 0;
  bool operator==(const PersonAttributeCounts&) const = default;
};

}  // namespace learnloop
