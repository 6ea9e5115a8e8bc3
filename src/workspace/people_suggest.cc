// Workspace's side of suggested links: which identities there are, their
// channels, and the display names their attributes hold.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "engine/event_table.h"
#include "engine/identity_links.h"
#include "engine/link_suggestions.h"
#include "learnloop/workspace.h"
#include "store/store.h"

namespace learnloop {
namespace {

enum class NamePart { kNone, kFull, kFirst, kLast };

// What part of a name an attribute holds, by its name as CRMs and
// platform exports write it: "Display Name", "first_name", "FNAME".
NamePart NamePartOf(std::string_view attribute) {
  std::string name;
  for (char c : attribute)
    name.push_back(c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  constexpr std::array<std::string_view, 5> kFull = {"name", "full_name", "fullname", "display_name", "displayname"};
  constexpr std::array<std::string_view, 4> kFirst = {"first_name", "firstname", "given_name", "fname"};
  constexpr std::array<std::string_view, 5> kLast = {"last_name", "lastname", "family_name", "surname", "lname"};
  auto in = [&](const auto& names) { return std::find(names.begin(), names.end(), name) != names.end(); };
  if (in(kFull)) return NamePart::kFull;
  if (in(kFirst)) return NamePart::kFirst;
  if (in(kLast)) return NamePart::kLast;
  return NamePart::kNone;
}

// One stored value of a name attribute.
struct NameCell {
  uint32_t identity;
  uint32_t attribute;  // in the list of name attributes
  std::string value;
};

// The display names of one identity's name attribute values (`cells`, in
// attribute order): each full name, and the first and last name together.
void AddNames(std::span<const NameCell> cells, const std::vector<std::string>& attributes,
              std::vector<engine::DisplayName>& names) {
  const NameCell* first = nullptr;
  const NameCell* last = nullptr;
  for (const NameCell& cell : cells) {
    switch (NamePartOf(attributes[cell.attribute])) {
      case NamePart::kFull:
        names.push_back({cell.value, attributes[cell.attribute]});
        break;
      case NamePart::kFirst:
        first = &cell;
        break;
      case NamePart::kLast:
        last = &cell;
        break;
      case NamePart::kNone:
        break;
    }
  }
  if (first != nullptr && last != nullptr)
    names.push_back({fmt::format("{} {}", first->value, last->value),
                     fmt::format("{} + {}", attributes[first->attribute], attributes[last->attribute])});
}

// Each identity the events name, with its channels.
std::vector<engine::IdentityFacts> IdentitiesOf(const engine::EventTable& events) {
  std::vector<engine::IdentityFacts> identities(events.people());
  for (engine::PersonId p = 0; p < events.people(); ++p) {
    engine::IdentityFacts& facts = identities[p];
    facts.identity = events.PersonName(p);
    for (uint32_t row = events.PersonBegin(p); row < events.PersonEnd(p); ++row)
      facts.channels.push_back(events.ChannelName(events.channel[row]));
    std::sort(facts.channels.begin(), facts.channels.end());
    facts.channels.erase(std::unique(facts.channels.begin(), facts.channels.end()), facts.channels.end());
  }
  return identities;
}

}  // namespace

Result<LinkSuggestions> Workspace::SuggestLinks(size_t limit) {
  LL_ASSIGN_OR_RETURN(std::shared_ptr<const engine::EventTable> events, UnlinkedEvents());
  LL_ASSIGN_OR_RETURN(std::shared_ptr<const engine::IdentityLinks> links, Links());
  LL_ASSIGN_OR_RETURN(std::vector<std::string> attributes, store_->AttributeNames());
  std::erase_if(attributes, [](const std::string& name) { return NamePartOf(name) == NamePart::kNone; });

  std::vector<engine::IdentityFacts> identities = IdentitiesOf(*events);
  std::unordered_map<std::string_view, uint32_t> index;
  index.reserve(identities.size());
  for (uint32_t i = 0; i < identities.size(); ++i) index.emplace(identities[i].identity, i);
  // People only attributes name (a CRM record without events) are
  // identities too: `people link` takes them.
  std::deque<std::string> attribute_only;
  std::vector<NameCell> cells;
  LL_RETURN_IF_ERROR(store_->ScanAttributesNamed(attributes, [&](const PersonAttribute& a) {
    auto it = index.find(a.person);
    if (it == index.end()) {
      const std::string& person = attribute_only.emplace_back(a.person);
      it = index.emplace(person, static_cast<uint32_t>(identities.size())).first;
      identities.push_back({person, {}, {}});
    }
    const auto attribute =
        static_cast<uint32_t>(std::find(attributes.begin(), attributes.end(), a.attribute) - attributes.begin());
    cells.push_back({it->second, attribute, a.value});
    return Status::Ok();
  }));
  // By identity, then attribute name, so an identity's names come out the
  // same whatever order the store scans in.
  std::sort(cells.begin(), cells.end(), [](const NameCell& x, const NameCell& y) {
    return std::tie(x.identity, x.attribute) < std::tie(y.identity, y.attribute);
  });
  for (size_t begin = 0; begin < cells.size();) {
    size_t end = begin;
    while (end < cells.size() && cells[end].identity == cells[begin].identity) ++end;
    AddNames(std::span(cells).subspan(begin, end - begin), attributes, identities[cells[begin].identity].names);
    begin = end;
  }
  return engine::SuggestLinks(identities, *links, limit);
}

}  // namespace learnloop
