// people.toml: which person attributes (the columns of a CRM export) hold
// another identity of the same supporter, and of what kind, so that a CRM
// column titled "Mastodon handle" links like one titled "mastodon". A kind
// the file does not name keeps its default attributes; an empty list turns
// a kind off. Without the file, the defaults (DefaultLinkKeys).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "learnloop/people.h"
#include "learnloop/status.h"

namespace learnloop {

enum class LinkKeyKind { kEmail, kMastodon, kBluesky, kX };

struct LinkKeyAttribute {
  std::string attribute;
  LinkKeyKind kind;
  bool operator==(const LinkKeyAttribute&) const = default;
};

// email, mastodon, bluesky, twitter and x.
std::vector<LinkKeyAttribute> DefaultLinkKeys();

// The keys people.toml names, over the defaults; InvalidArgument naming the
// file, the line and the key when it does not parse, names an unknown kind,
// or puts one attribute under two kinds.
Result<std::vector<LinkKeyAttribute>> ParseLinkKeys(std::string_view text, std::string_view file_name);

// The people.toml a new workspace starts with: the defaults, explained.
std::string DefaultPeopleToml();

// The identity a key attribute's value names, written as the importers
// write that identity ("@user@server", "@handle.bsky.social", "@name", an
// email in lower case); empty when the value is not one.
std::string LinkKeyValue(LinkKeyKind kind, std::string_view value);

// The identity `attribute` links its person to: its value as LinkKeyValue
// reads it when the attribute is one of `keys`; empty when it is not a
// key, names no one, or names that person itself.
std::string KeyLinkOf(const std::vector<LinkKeyAttribute>& keys, const PersonAttribute& attribute);

}  // namespace learnloop
