// Suggested links: pairs of people that no key or rule joins but whose
// display names or user names agree (see LinkEvidence), for someone to
// confirm. Identities are bucketed by each normalized key, so the cost is
// one sort of the keys plus the pairs inside buckets of at most
// kMaxPeoplePerLinkKey people, never a loop over all pairs of people.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/identity_links.h"
#include "learnloop/people.h"

namespace learnloop::engine {

// A display name of an identity and where it came from.
struct DisplayName {
  std::string value;   // as written: "Cara Jones"
  std::string source;  // "first_name + last_name", "name"
};

// What suggestions look at about one identity. The views must outlive the
// call to SuggestLinks.
struct IdentityFacts {
  std::string_view identity;               // as events write it; each identity once
  std::vector<std::string_view> channels;  // of its events, sorted, distinct; empty: only attributes name it
  std::vector<DisplayName> names;
};

// The pairs of `identities`' people (as `links` resolves them) that share a
// normalized display name or user name, except pairs `links` keeps apart;
// the `limit` best of them (see LinkSuggestions).
LinkSuggestions SuggestLinks(const std::vector<IdentityFacts>& identities, const IdentityLinks& links, size_t limit);

// A display name compared: case-folded, accents dropped, spaces collapsed
// and trimmed; "" when it has fewer than two words, since a first name
// alone is shared by too many people to suggest anything.
std::string NormalizedName(std::string_view name);

// The user name part of an identity, and on which kind of identity.
struct UserName {
  std::string_view kind;   // "email", "mastodon", "bluesky", "x"; empty: none (a CRM id)
  std::string_view value;  // as written: "cara.jones" of "cara.jones+news@example.org"
  std::string key;         // compared: lower case without . _ -, e.g. "carajones"
};
UserName UserNameOf(std::string_view identity);

}  // namespace learnloop::engine
