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

Json ToJson(const app::PersonReport& report) {
  Json doc = {{"person", report.person}, {"as_of", FormatDate(report.as_of)}};
  Json attributes = Json::object();
  for (const PersonAttribute& a : report.attributes) attributes[a.attribute] = a.value;
  doc["attributes"] = attributes;
  if (report.story) AddStory(*report.story, doc);
  return doc;
}

}  // namespace learnloop::json
