#include "learnloop/app/people.h"

namespace learnloop::json {

Json ToJson(const app::PeopleImport& done) {
  const PersonAttributeCounts& c = done.import.counts;
  return {{"file", done.import.file}, {"values", c.rows},
          {"people", c.people},       {"people_with_events", c.people_with_events},
          {"added", c.added},         {"updated", c.updated},
          {"removed", c.removed},     {"unchanged", c.unchanged}};
}

Json ToJson(const app::AttributeList& list) {
  Json attributes = Json::array();
  for (const AttributeSummary& s : list.attributes) {
    Json values = Json::array();
    for (const auto& v : s.top_values) values.push_back({{"value", v.value}, {"people", v.people}});
    attributes.push_back({{"attribute", s.attribute},
                          {"people", s.people},
                          {"people_with_events", s.people_with_events},
                          {"distinct_values", s.distinct_values},
                          {"top_values", values}});
  }
  return {{"attributes", attributes}};
}

namespace {

void AddStory(const PersonStory& story, Json& doc) {
  Json kinds = Json::object();
  for (const KindCount& k : story.kinds) kinds[k.kind] = k.events;
  Json stays = Json::array();
  for (const PersonStay& s : story.stays)
    stays.push_back({{"rung", s.rung}, {"from", FormatDate(s.from)}, {"to", FormatDate(s.to)}});
  doc["rung"] = story.stays.empty() ? Json(nullptr) : Json(story.stays.back().rung);
  doc["first_seen"] = FormatDate(story.first_seen);
  doc["last_seen"] = FormatDate(story.last_seen);
  doc["events"] = story.events;
  doc["kinds"] = kinds;
  doc["channels"] = story.channels;
  doc["stays"] = stays;
}

}  // namespace

namespace {

Json RuleJson(const LinkRule& r) {
  return {{"id", r.id},         {"a", r.a},           {"b", r.b},         {"link", r.link},
          {"source", r.source}, {"reason", r.reason}, {"actor", r.actor}, {"at", FormatRfc3339(Timestamp{r.at})}};
}

Json IdentitiesJson(const std::vector<PersonIdentity>& identities) {
  Json list = Json::array();
  for (const PersonIdentity& i : identities)
    list.push_back({{"identity", i.identity}, {"channels", i.channels}, {"how", i.how}});
  return list;
}

}  // namespace

Json ToJson(const app::LinkReport& report) {
  Json rules = Json::array();
  for (const LinkRule& r : report.rules) rules.push_back(RuleJson(r));
  Json doc = {{"rules", rules}};
  if (report.person)
    doc["person"] = {{"person", report.person->person}, {"identities", IdentitiesJson(report.person->identities)}};
  return doc;
}

Json ToJson(const app::LinkHistory& history) {
  Json rules = Json::array();
  for (const LinkRule& r : history.rules) rules.push_back(RuleJson(r));
  return {{"rules", rules}};
}

Json ToJson(const app::LinkSuggestionReport& report) {
  const LinkSuggestions& found = report.found;
  Json suggestions = Json::array();
  for (const LinkSuggestion& s : found.suggestions) {
    Json evidence = Json::array();
    for (const LinkEvidence& e : s.evidence)
      evidence.push_back({{"kind", e.kind},
                          {"a_value", e.a_value},
                          {"a_source", e.a_source},
                          {"b_value", e.b_value},
                          {"b_source", e.b_source},
                          {"people", e.people}});
    suggestions.push_back({{"a", s.a},
                           {"b", s.b},
                           {"a_person", s.a_person},
                           {"b_person", s.b_person},
                           {"a_channels", s.a_channels},
                           {"b_channels", s.b_channels},
                           {"score", s.score},
                           {"strength", s.strength},
                           {"evidence", evidence},
                           {"reason", s.reason}});
  }
  Json common = Json::array();
  for (const CommonLinkKey& k : found.too_common)
    common.push_back({{"kind", k.kind}, {"value", k.value}, {"people", k.people}});
  return {{"people", found.people},
          {"pairs", found.pairs},
          {"limit", report.limit},
          {"max_people_per_key", kMaxPeoplePerLinkKey},
          {"suggestions", suggestions},
          {"too_common", common},
          {"too_common_keys", found.too_common_keys}};
}

Json ToJson(const app::PersonReport& report) {
  Json doc = {{"person", report.person}, {"as_of", FormatDate(report.as_of)}};
  doc["identities"] = IdentitiesJson(report.identities);
  Json attributes = Json::object();
  for (const PersonAttribute& a : report.attributes) attributes[a.attribute] = a.value;
  doc["attributes"] = attributes;
  if (report.story) AddStory(*report.story, doc);
  return doc;
}

}  // namespace learnloop::json
