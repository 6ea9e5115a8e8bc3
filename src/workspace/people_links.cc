// Workspace's side of identity linking: the rules users make, the keys
// found in person attributes, and a person with all its identities.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/identity_links.h"
#include "ingest/input_text.h"
#include "ingest/platform_text.h"
#include "learnloop/workspace.h"
#include "store/store.h"
#include "workspace/email_hash.h"
#include "workspace/link_keys.h"

namespace learnloop {
namespace {

// An identity as the user typed it, written as events write it: trimmed,
// and an email or handle in lower case (importers fold them).
std::string IdentityOf(std::string_view typed) {
  std::string_view trimmed = ingest::TrimAscii(typed);
  return trimmed.find('@') != std::string_view::npos ? ingest::LowerAscii(trimmed) : std::string(trimmed);
}

std::string HowRuled(const LinkRule& rule) {
  std::string how =
      fmt::format("{} by {} on {}", rule.source, rule.actor, FormatRfc3339(Timestamp{rule.at}).substr(0, 10));
  if (!rule.reason.empty()) how += fmt::format(" ({})", rule.reason);
  return how;
}

}  // namespace

void Workspace::Forget() {
  table_.reset();
  links_.reset();
}

Result<std::string> Workspace::PeopleTomlText() const {
  const std::filesystem::path file = dir_ / kPeopleFileName;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::string();
  return ingest::ReadWholeFile(file);
}

Status Workspace::ForgetIfStale() {
  // Read before anything loads, so a change made while loading makes what
  // loaded look older than it is: the next call loads again.
  LL_ASSIGN_OR_RETURN(std::string events_version, store_->EventsVersion());
  LL_ASSIGN_OR_RETURN(std::string links_version, store_->LinksVersion());
  std::string versions = events_version + "+" + links_version;
  if (links_ || table_) {
    LL_ASSIGN_OR_RETURN(std::string text, PeopleTomlText());
    if (text != link_keys_text_ || versions != loaded_versions_) Forget();
  }
  if (!links_ && !table_) loaded_versions_ = std::move(versions);
  return Status::Ok();
}

Result<std::shared_ptr<const engine::IdentityLinks>> Workspace::Links() {
  LL_RETURN_IF_ERROR(ForgetIfStale());
  if (links_) return links_;
  LL_ASSIGN_OR_RETURN(std::string text, PeopleTomlText());
  LL_ASSIGN_OR_RETURN(const std::vector<LinkKeyAttribute> key_attributes,
                      ParseLinkKeys(text, (dir_ / kPeopleFileName).string()));
  std::vector<LinkRule> rules;
  LL_RETURN_IF_ERROR(store_->ScanLinkRules([&](const LinkRule& rule) {
    rules.push_back(rule);
    return Status::Ok();
  }));
  std::vector<engine::KeyLink> keys;
  std::vector<std::string> names;
  names.reserve(key_attributes.size());
  for (const LinkKeyAttribute& key : key_attributes) names.push_back(key.attribute);
  LL_RETURN_IF_ERROR(store_->ScanAttributesNamed(names, [&](const PersonAttribute& a) {
    std::string other = KeyLinkOf(key_attributes, a);
    if (!other.empty()) keys.push_back({a.person, std::move(other), a.attribute});
    return Status::Ok();
  }));
  links_ = std::make_shared<const engine::IdentityLinks>(engine::IdentityLinks::Resolve(rules, std::move(keys)));
  link_keys_text_ = std::move(text);
  return links_;
}

Result<std::string> Workspace::StoredIdentity(std::string_view typed) {
  std::string identity = IdentityOf(typed);
  // Only an email needs the key: a handle or a CRM id is looked up as typed.
  if (email_key_id_.empty() || IsHashedEmail(identity) || !ingest::EmailPerson(identity)) return identity;
  LL_ASSIGN_OR_RETURN(const EmailHasher* hasher, EmailHashing());
  return hasher->Stored(identity);
}

Result<LinkRule> Workspace::RuleOf(const LinkRequest& request) {
  LL_ASSIGN_OR_RETURN(const std::string a, StoredIdentity(request.a));
  LL_ASSIGN_OR_RETURN(const std::string b, StoredIdentity(request.b));
  if (a.empty() || b.empty()) return InvalidArgument("name two identities (a handle, an email or a CRM id)");
  // Messages name an identity as typed: a hashed email means nothing to its reader.
  if (a == b) return InvalidArgument(fmt::format("'{}' twice: name two different identities", IdentityOf(request.a)));
  for (const auto& [typed, identity] : {std::pair{request.a, a}, std::pair{request.b, b}}) {
    LL_ASSIGN_OR_RETURN(bool known, store_->HasIdentity(identity));
    if (!known)
      return NotFound(
          fmt::format("no event or person attribute names '{}'; identities are written as the events "
                      "write them (see `learnloop ladder people` or `learnloop people show`)",
                      IdentityOf(typed)));
  }
  LinkRule rule;
  rule.a = std::min(a, b);
  rule.b = std::max(a, b);
  rule.link = request.link;
  rule.source = request.source.empty() ? (request.link ? "people link" : "people unlink") : request.source;
  rule.reason = request.reason;
  rule.actor = request.actor.empty() ? "unknown" : request.actor;
  rule.at = clock_->Now().micros;
  return rule;
}

Result<std::vector<LinkRule>> Workspace::SetLinks(const std::vector<LinkRequest>& requests) {
  std::vector<LinkRule> rules;
  for (const LinkRequest& request : requests) {
    Result<LinkRule> rule = RuleOf(request);
    if (!rule.ok()) return request.where.empty() ? rule.status() : rule.status().WithContext(request.where);
    rules.push_back(std::move(rule).value());
  }
  LL_RETURN_IF_ERROR(store_->AddLinkRules(rules));
  Forget();
  return rules;
}

Result<LinkRule> Workspace::SetLink(const LinkRequest& request) {
  LL_ASSIGN_OR_RETURN(std::vector<LinkRule> rules, SetLinks({request}));
  return rules.front();
}

Result<int64_t> Workspace::CountLinkedPeople() {
  LL_ASSIGN_OR_RETURN(auto links, Links());
  return links->linked_people();
}

Result<std::vector<LinkRule>> Workspace::LinkRules() {
  std::vector<LinkRule> rules;
  LL_RETURN_IF_ERROR(store_->ScanLinkRules([&](const LinkRule& rule) {
    rules.push_back(rule);
    return Status::Ok();
  }));
  return rules;
}

Result<LinkedPerson> Workspace::PersonOf(const std::string& identity) {
  LL_ASSIGN_OR_RETURN(const std::string written, StoredIdentity(identity));
  LL_ASSIGN_OR_RETURN(bool known, store_->HasIdentity(written));
  if (!known)
    return NotFound(
        fmt::format("no event or person attribute names '{}'; people are named as in the events' person "
                    "column (see `learnloop ladder people`)",
                    IdentityOf(identity)));
  LL_ASSIGN_OR_RETURN(auto table, Events());
  LL_ASSIGN_OR_RETURN(auto links, Links());
  LinkedPerson person;
  person.person = std::string(links->PrimaryOf(written));
  const std::vector<engine::AppliedLink> edges = links->LinksOf(written);
  const auto members = links->MembersOf(written);
  // Each identity's own channels are told by the events as stored: the
  // linked engine holds them under the person.
  std::shared_ptr<const engine::EventTable> own = table;
  if (members.size() > 1) {
    LL_ASSIGN_OR_RETURN(own, UnlinkedEvents());
  }
  for (const std::string& member : members) {
    PersonIdentity entry;
    entry.identity = member;
    if (std::optional<engine::PersonId> id = own->FindPerson(member)) {
      std::set<std::string_view> seen;
      for (uint32_t row = own->PersonBegin(*id); row < own->PersonEnd(*id); ++row)
        seen.insert(own->ChannelName(own->channel[row]));
      entry.channels.assign(seen.begin(), seen.end());
    }
    for (const engine::AppliedLink& edge : edges) {
      if (edge.a != member && edge.b != member) continue;
      const std::string& other = edge.a == member ? edge.b : edge.a;
      entry.how.push_back(edge.rule ? fmt::format("with {}: {}", other, HowRuled(*edge.rule))
                                    : fmt::format("with {}: {}'s {}", other, edge.a, edge.attribute));
    }
    person.identities.push_back(std::move(entry));
  }
  return person;
}

}  // namespace learnloop
