#include "engine/identity_links.h"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <utility>

namespace learnloop::engine {
namespace {

// Which identity names a person: an email (someone@host) first, since it
// is what organizers search by, then a handle (@name), then a CRM id.
int PrimaryRank(std::string_view identity) {
  const size_t at = identity.find('@');
  if (at != std::string_view::npos && at > 0) return 0;
  if (at == 0) return 1;
  return 2;
}

bool BetterPrimary(std::string_view a, std::string_view b) {
  return std::make_pair(PrimaryRank(a), a) < std::make_pair(PrimaryRank(b), b);
}

std::pair<std::string, std::string> Ordered(std::string_view a, std::string_view b) {
  return a < b ? std::make_pair(std::string(a), std::string(b)) : std::make_pair(std::string(b), std::string(a));
}

}  // namespace

uint32_t IdentityLinks::Add(const std::string& value) {
  auto [it, added] = index_.try_emplace(value, static_cast<uint32_t>(values_.size()));
  if (added) {
    values_.push_back(value);
    parent_.push_back(it->second);
  }
  return it->second;
}

uint32_t IdentityLinks::Find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

IdentityLinks IdentityLinks::Resolve(const std::vector<LinkRule>& rules, std::vector<KeyLink> keys) {
  IdentityLinks links;
  // The rule in force about each pair: the latest.
  std::map<std::pair<std::string, std::string>, const LinkRule*> latest;
  for (const LinkRule& rule : rules) latest[Ordered(rule.a, rule.b)] = &rule;
  std::vector<const LinkRule*> joins;
  for (const auto& [pair, rule] : latest) {
    if (rule->link) {
      joins.push_back(rule);
    } else {
      links.unlinks_.emplace(pair, *rule);
    }
  }
  std::sort(joins.begin(), joins.end(), [](const LinkRule* x, const LinkRule* y) { return x->id < y->id; });

  // Per root, the identities an unlink keeps apart from one of its members.
  std::vector<std::vector<uint32_t>> apart;
  auto ensure = [&](const std::string& value) {
    const uint32_t id = links.Add(value);
    if (apart.size() < links.values_.size()) apart.resize(links.values_.size());
    return id;
  };
  for (const auto& [pair, rule] : links.unlinks_) {
    const uint32_t a = ensure(pair.first);
    const uint32_t b = ensure(pair.second);
    apart[a].push_back(b);
    apart[b].push_back(a);
  }
  auto join = [&](const std::string& a_value, const std::string& b_value, AppliedLink edge) {
    if (a_value == b_value) return;
    if (links.unlinks_.contains(Ordered(a_value, b_value))) return;
    const uint32_t ra = links.Find(ensure(a_value));
    const uint32_t rb = links.Find(ensure(b_value));
    if (ra == rb) return;
    // Joining must not put an unlinked pair into one person.
    const auto& fewer = apart[ra].size() <= apart[rb].size() ? apart[ra] : apart[rb];
    const uint32_t other = apart[ra].size() <= apart[rb].size() ? rb : ra;
    for (uint32_t kept : fewer)
      if (links.Find(kept) == other) return;
    const uint32_t root = std::min(ra, rb);
    const uint32_t child = std::max(ra, rb);
    links.parent_[child] = root;
    apart[root].insert(apart[root].end(), apart[child].begin(), apart[child].end());
    apart[child].clear();
    links.applied_.push_back(std::move(edge));
  };
  for (const LinkRule* rule : joins) join(rule->a, rule->b, AppliedLink{rule->a, rule->b, *rule, {}});
  std::sort(keys.begin(), keys.end());
  for (const KeyLink& key : keys)
    join(key.identity, key.other, AppliedLink{key.identity, key.other, {}, key.attribute});

  const size_t n = links.values_.size();
  links.root_.resize(n);
  links.primary_.assign(n, UINT32_MAX);
  links.size_.assign(n, 0);
  for (uint32_t x = 0; x < n; ++x) {
    const uint32_t root = links.Find(x);
    links.root_[x] = root;
    ++links.size_[root];
    uint32_t& best = links.primary_[root];
    if (best == UINT32_MAX || BetterPrimary(links.values_[x], links.values_[best])) best = x;
  }
  for (const AppliedLink& edge : links.applied_) links.applied_root_.push_back(links.root_[links.index_.at(edge.a)]);
  apart.resize(n);
  links.apart_ = std::move(apart);
  return links;
}

std::string_view IdentityLinks::PrimaryOf(std::string_view identity) const {
  auto it = index_.find(identity);
  if (it == index_.end()) return identity;
  return values_[primary_[root_[it->second]]];
}

bool IdentityLinks::IsLinked(std::string_view identity) const {
  auto it = index_.find(identity);
  return it != index_.end() && size_[root_[it->second]] > 1;
}

std::vector<std::string> IdentityLinks::MembersOf(std::string_view identity) const {
  auto it = index_.find(identity);
  if (it == index_.end()) return {std::string(identity)};
  const uint32_t root = root_[it->second];
  std::vector<std::string> members;
  for (uint32_t x = 0; x < values_.size(); ++x)
    if (root_[x] == root && x != primary_[root]) members.push_back(values_[x]);
  std::sort(members.begin(), members.end());
  members.insert(members.begin(), values_[primary_[root]]);
  return members;
}

std::vector<AppliedLink> IdentityLinks::LinksOf(std::string_view identity) const {
  auto it = index_.find(identity);
  if (it == index_.end()) return {};
  const uint32_t root = root_[it->second];
  std::vector<AppliedLink> edges;
  for (size_t i = 0; i < applied_.size(); ++i)
    if (applied_root_[i] == root) edges.push_back(applied_[i]);
  return edges;
}

std::optional<LinkRule> IdentityLinks::UnlinkOf(std::string_view a, std::string_view b) const {
  auto it = unlinks_.find(Ordered(a, b));
  if (it == unlinks_.end()) return std::nullopt;
  return it->second;
}

bool IdentityLinks::KeptApart(std::string_view a, std::string_view b) const {
  auto ia = index_.find(a);
  auto ib = index_.find(b);
  if (ia == index_.end() || ib == index_.end()) return false;
  const uint32_t other = root_[ib->second];
  const std::vector<uint32_t>& kept = apart_[root_[ia->second]];
  return std::any_of(kept.begin(), kept.end(), [&](uint32_t x) { return root_[x] == other; });
}

int64_t IdentityLinks::linked_people() const {
  return std::count_if(size_.begin(), size_.end(), [](uint32_t size) { return size > 1; });
}

std::optional<EventTable> LinkPeople(const EventTable& table, const IdentityLinks& links) {
  if (links.empty()) return std::nullopt;
  // Two identities joined means at least one of them is renamed, so a
  // table in which no one is renamed has no one to merge either.
  std::vector<std::string_view> names(table.people());
  bool renamed = false;
  for (PersonId p = 0; p < table.people(); ++p) {
    names[p] = links.PrimaryOf(table.PersonName(p));
    renamed = renamed || names[p] != table.PersonName(p);
  }
  if (!renamed) return std::nullopt;
  return RenamePeople(table, names);
}

}  // namespace learnloop::engine
