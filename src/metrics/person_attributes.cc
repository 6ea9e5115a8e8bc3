#include "metrics/person_attributes.h"

namespace learnloop::metrics {

Result<PersonAttributeIndex> PersonAttributeIndex::Build(const engine::EventTable& table, const Scan& scan,
                                                         const std::set<std::string, std::less<>>& wanted) {
  PersonAttributeIndex index(table.people());
  // Built on the first wanted attribute, so a workspace without them does
  // not pay for hashing every person.
  std::optional<engine::StringIndex> person_ids;
  LL_RETURN_IF_ERROR(scan([&](const PersonAttribute& a) {
    if (a.value.empty() || !wanted.contains(a.attribute)) return Status::Ok();
    if (!person_ids) person_ids.emplace(table.persons);
    std::optional<uint32_t> person = person_ids->Find(a.person);
    if (!person) return Status::Ok();
    Column& column = index.columns_[a.attribute];
    if (column.value_of.empty()) column.value_of.resize(index.people_);
    auto id = column.ids.try_emplace(a.value, static_cast<uint32_t>(column.ids.size()) + 1).first;
    column.value_of[*person] = id->second;
    return Status::Ok();
  }));
  return index;
}

std::vector<char> PersonAttributeIndex::Mask(const std::vector<PersonFilter>& filters) const {
  if (filters.empty()) return {};
  std::vector<char> mask(people_, 1);
  for (const PersonFilter& filter : filters) {
    auto column = columns_.find(filter.attribute);
    if (column == columns_.end()) return std::vector<char>(people_, 0);
    std::vector<char> wanted(column->second.ids.size() + 1, 0);
    for (const std::string& value : filter.values) {
      if (auto id = column->second.ids.find(value); id != column->second.ids.end()) wanted[id->second] = 1;
    }
    for (size_t p = 0; p < people_; ++p) mask[p] = mask[p] && wanted[column->second.value_of[p]];
  }
  return mask;
}

}  // namespace learnloop::metrics
