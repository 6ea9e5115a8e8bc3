#include "workspace/link_keys.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "config/toml_text.h"
#include "ingest/input_text.h"
#include "ingest/platform_text.h"
#include "ingest/x_archive.h"

namespace learnloop {
namespace {

struct KindName {
  LinkKeyKind kind;
  std::string_view name;
};
constexpr std::array<KindName, 4> kKinds = {{{LinkKeyKind::kEmail, "email"},
                                             {LinkKeyKind::kMastodon, "mastodon"},
                                             {LinkKeyKind::kBluesky, "bluesky"},
                                             {LinkKeyKind::kX, "x"}}};

constexpr std::string_view kExpected =
    "a [link_keys] table whose keys are email, mastodon, bluesky or x, each a list of person attribute names, "
    "like mastodon = [\"mastodon\", \"Mastodon handle\"]";

bool IsHandleChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool AllHandleChars(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), IsHandleChar);
}

// `text` without a leading "https://host/" (or "http://", "www."), when it
// starts with one of `hosts`; nullopt when it names another site.
std::optional<std::string_view> PathOn(std::string_view text, std::initializer_list<std::string_view> hosts) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (!text.starts_with(scheme)) continue;
    text.remove_prefix(scheme.size());
    if (text.starts_with("www.")) text.remove_prefix(4);
    for (std::string_view host : hosts)
      if (text.starts_with(host) && text.substr(host.size()).starts_with("/")) return text.substr(host.size() + 1);
    return std::nullopt;
  }
  return text;
}

// "@user@server" as the Mastodon importer writes people, from
// "@user@server", "user@server" or "https://server/@user".
std::string MastodonKey(std::string_view text) {
  std::string value = ingest::LowerAscii(ingest::TrimAscii(text));
  std::string_view v = value;
  if (v.starts_with("https://")) {
    v.remove_prefix(8);
    const size_t slash = v.find("/@");
    if (slash == std::string_view::npos) return {};
    const std::string_view server = v.substr(0, slash);
    std::string_view user = v.substr(slash + 2);
    if (const size_t end = user.find_first_of("/?#"); end != std::string_view::npos) user = user.substr(0, end);
    if (!AllHandleChars(user) || !AllHandleChars(server)) return {};
    return fmt::format("@{}@{}", user, server);
  }
  if (v.starts_with('@')) v.remove_prefix(1);
  const size_t at = v.find('@');
  if (at == std::string_view::npos || !AllHandleChars(v.substr(0, at)) || !AllHandleChars(v.substr(at + 1)) ||
      v.substr(at + 1).find('.') == std::string_view::npos)
    return {};
  return fmt::format("@{}", v);
}

// "@handle" as the Bluesky importer writes people, from "@handle",
// "handle" (a domain) or "https://bsky.app/profile/handle".
std::string BlueskyKey(std::string_view text) {
  const std::string value = ingest::LowerAscii(ingest::TrimAscii(text));
  std::optional<std::string_view> v = PathOn(value, {"bsky.app"});
  if (!v) return {};
  if (v->starts_with("profile/")) v->remove_prefix(8);
  if (v->starts_with('@')) v->remove_prefix(1);
  if (!AllHandleChars(*v) || v->find('.') == std::string_view::npos) return {};
  return fmt::format("@{}", *v);
}

// "@name" as the X importer writes people, from "@name", "name" or
// "https://x.com/name" (or twitter.com).
std::string XKey(std::string_view text) {
  const std::string value = ingest::LowerAscii(ingest::TrimAscii(text));
  std::optional<std::string_view> v = PathOn(value, {"x.com", "twitter.com"});
  if (!v) return {};
  if (v->starts_with('@')) v->remove_prefix(1);
  return ingest::XHandle(*v).value_or("");
}

Status ErrorAt(std::string_view file, const toml::source_region& at, std::string_view path, std::string_view problem) {
  if (at.begin.line == 0) return InvalidArgument(fmt::format("{}: {}: {}", file, path, problem));
  return InvalidArgument(fmt::format("{}:{}: {}: {}", file, at.begin.line, path, problem));
}

}  // namespace

std::vector<LinkKeyAttribute> DefaultLinkKeys() {
  return {{"email", LinkKeyKind::kEmail},
          {"mastodon", LinkKeyKind::kMastodon},
          {"bluesky", LinkKeyKind::kBluesky},
          {"twitter", LinkKeyKind::kX},
          {"x", LinkKeyKind::kX}};
}

Result<std::vector<LinkKeyAttribute>> ParseLinkKeys(std::string_view text, std::string_view file_name) {
  LL_ASSIGN_OR_RETURN(toml::table root, config::ParseToml(text, file_name, kExpected));
  std::vector<LinkKeyAttribute> keys = DefaultLinkKeys();
  for (auto&& [key, node] : root) {
    if (key.str() != "link_keys")
      return ErrorAt(file_name, key.source(), key.str(), fmt::format("unknown table; expected {}", kExpected));
  }
  const toml::node* table_node = root.get("link_keys");
  if (table_node == nullptr) return keys;
  const toml::table* table = table_node->as_table();
  if (table == nullptr)
    return ErrorAt(file_name, table_node->source(), "link_keys", fmt::format("expected {}", kExpected));
  for (auto&& [key, node] : *table) {
    const std::string path = fmt::format("link_keys.{}", key.str());
    const std::string_view kind_name = key.str();  // a structured binding cannot be captured before C++20's clang 16
    const auto kind =
        std::find_if(kKinds.begin(), kKinds.end(), [&](const KindName& k) { return k.name == kind_name; });
    if (kind == kKinds.end())
      return ErrorAt(file_name, key.source(), path, "unknown kind of identity; expected email, mastodon, bluesky or x");
    const toml::array* list = node.as_array();
    if (list == nullptr)
      return ErrorAt(file_name, node.source(), path, "expected a list of person attribute names, like [\"mastodon\"]");
    std::erase_if(keys, [&](const LinkKeyAttribute& k) { return k.kind == kind->kind; });
    for (const toml::node& item : *list) {
      const std::optional<std::string_view> name = item.value<std::string_view>();
      if (!name || ingest::TrimAscii(*name).empty())
        return ErrorAt(file_name, item.source(), path, "expected a person attribute name (a column of the CRM export)");
      keys.push_back({std::string(*name), kind->kind});
    }
  }
  // By kind, each kind's attributes in the order written.
  std::stable_sort(keys.begin(), keys.end(),
                   [](const LinkKeyAttribute& a, const LinkKeyAttribute& b) { return a.kind < b.kind; });
  for (size_t i = 0; i < keys.size(); ++i) {
    for (size_t j = i + 1; j < keys.size(); ++j) {
      if (keys[i].attribute != keys[j].attribute) continue;
      if (keys[i].kind == keys[j].kind)
        return InvalidArgument(
            fmt::format("{}: link_keys: attribute '{}' is listed twice", file_name, keys[i].attribute));
      return InvalidArgument(
          fmt::format("{}: link_keys: attribute '{}' is under two kinds of identity; it can hold one", file_name,
                      keys[i].attribute));
    }
  }
  return keys;
}

std::string DefaultPeopleToml() {
  return R"(# Which person attributes (the columns of a CRM export imported with
# `learnloop people import`) hold another identity of the same supporter.
# A value in one of them links the row's person to the events of that email
# or handle (see docs/people.md). Name your CRM's own columns here, e.g.
#   mastodon = ["mastodon", "Mastodon handle"]
# A kind left out keeps the attributes below; an empty list turns it off.
[link_keys]
email = ["email"]
mastodon = ["mastodon"]
bluesky = ["bluesky"]
x = ["twitter", "x"]
)";
}

std::string LinkKeyValue(LinkKeyKind kind, std::string_view value) {
  switch (kind) {
    case LinkKeyKind::kEmail:
      return ingest::EmailPerson(value).value_or("");
    case LinkKeyKind::kMastodon:
      return MastodonKey(value);
    case LinkKeyKind::kBluesky:
      return BlueskyKey(value);
    case LinkKeyKind::kX:
      return XKey(value);
  }
  return "";
}

std::string KeyLinkOf(const std::vector<LinkKeyAttribute>& keys, const PersonAttribute& attribute) {
  const auto key = std::find_if(keys.begin(), keys.end(),
                                [&](const LinkKeyAttribute& k) { return k.attribute == attribute.attribute; });
  if (key == keys.end()) return {};
  std::string other = LinkKeyValue(key->kind, attribute.value);
  return other == attribute.person ? std::string() : other;
}

}  // namespace learnloop
