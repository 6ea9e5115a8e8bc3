// Identity resolution: which identities (the person values of events and
// attributes: a handle, an email, a CRM id) are one supporter. Edges come
// from link rules (`people link`) and from keys found in the data (an email
// or a handle in a person attribute); an unlink rule keeps two identities
// apart whatever else joins them. A union-find over the edges, once per
// command, names each person by a primary identity; LinkPeople then
// relabels the event table, so the ladder and metrics see one person per
// supporter at the cost of one pass, not a lookup per event. Nothing is
// merged in the store: undoing a link is one more rule.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "engine/event_table.h"
#include "learnloop/people.h"

namespace learnloop::engine {

// A key found in the data: `identity` holds `other` (already written the
// way events write that identity) in its attribute `attribute`.
struct KeyLink {
  std::string identity;
  std::string other;
  std::string attribute;
  bool operator<(const KeyLink& o) const {
    return std::tie(identity, other, attribute) < std::tie(o.identity, o.other, o.attribute);
  }
};

// One edge that joined two identities, and why.
struct AppliedLink {
  std::string a;
  std::string b;
  std::optional<LinkRule> rule;  // set when a rule made it
  std::string attribute;         // else the attribute whose key made it
};

class IdentityLinks {
  // Lets index_ find a string_view without copying it.
  struct Hash {
    using is_transparent = void;  // NOLINT(readability-identifier-naming): the standard library's name
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };

 public:
  IdentityLinks() = default;
  // Rules in id order (the latest about a pair is in force); keys in any
  // order. Rule edges join first, then keys, each skipped when it would put
  // two identities an unlink keeps apart into one person.
  static IdentityLinks Resolve(const std::vector<LinkRule>& rules, std::vector<KeyLink> keys);

  // Whether any two identities are one person.
  bool empty() const { return applied_.empty(); }
  // The identity that names `identity`'s person: an email before a handle
  // before anything else, then the smallest; `identity` itself when it is
  // linked to no one.
  std::string_view PrimaryOf(std::string_view identity) const;
  // Whether `identity` is one of a person's several identities.
  bool IsLinked(std::string_view identity) const;
  // Every identity of `identity`'s person, the primary first, then by
  // value; only `identity` when it is linked to no one.
  std::vector<std::string> MembersOf(std::string_view identity) const;
  // The edges that joined `identity`'s person, in the order applied.
  std::vector<AppliedLink> LinksOf(std::string_view identity) const;
  // The unlink in force about a and b, if any.
  std::optional<LinkRule> UnlinkOf(std::string_view a, std::string_view b) const;
  // Whether an unlink in force is about one identity of a's person and one
  // of b's, so that no link can join the two people.
  bool KeptApart(std::string_view a, std::string_view b) const;
  // People made of more than one identity.
  int64_t linked_people() const;

 private:
  uint32_t Add(const std::string& value);
  uint32_t Find(uint32_t x);

  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> index_;
  std::vector<std::string> values_;
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> root_;     // final root per identity, after Resolve
  std::vector<uint32_t> primary_;  // per root: the primary identity
  std::vector<uint32_t> size_;     // per root: how many identities its person has
  std::vector<AppliedLink> applied_;
  std::vector<uint32_t> applied_root_;        // per applied edge: its person's root
  std::vector<std::vector<uint32_t>> apart_;  // per root: the identities an unlink keeps from its person
  std::map<std::pair<std::string, std::string>, LinkRule> unlinks_;
};

// The events relabelled so linked identities are one person, named by its
// primary identity (see IdentityLinks::PrimaryOf), each person's events in
// ts order; nullopt when no two people of `table` are linked. People keep
// the order of their first identity in `table`.
std::optional<EventTable> LinkPeople(const EventTable& table, const IdentityLinks& links);

}  // namespace learnloop::engine
