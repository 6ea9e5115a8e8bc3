#include "learnloop/app/workspace.h"

namespace learnloop::json {

Json ToJson(const app::CreatedWorkspace& created) {
  return {
      {"workspace", created.dir.string()}, {"time_zone", created.time_zone}, {"emails_hashed", created.emails_hashed}};
}

Json ToJson(const app::WorkspaceReport& report) {
  const WorkspaceInfo& info = report.info;
  Json imports = Json::array();
  for (const ImportSummary& i : info.recent_imports)
    imports.push_back({{"id", i.import_id},
                       {"file", i.file},
                       {"rows", i.rows},
                       {"added", i.added},
                       {"duplicates", i.duplicates},
                       {"repeated", i.repeated},
                       {"finished_at", i.finished_at}});
  Json attributes = Json::array();
  for (const AttributeSummary& a : report.attributes)
    attributes.push_back({{"attribute", a.attribute}, {"people", a.people}});
  return {{"workspace", info.dir.string()}, {"org_name", info.org_name},
          {"time_zone", info.time_zone},    {"emails_hashed", info.emails_hashed},
          {"events", info.events},          {"people", info.people},
          {"imports", info.imports},        {"recent_imports", imports},
          {"attributes", attributes}};
}

Json ToJson(const ImportSummary& s) {
  Json doc = {{"file", s.file},
              {"format", s.format},
              {"sha256", s.sha256},
              {"import_id", s.import_id},
              {"rows", s.rows},
              {"added", s.added},
              {"duplicates", s.duplicates},
              {"repeated", s.repeated},
              {"custom_kinds", s.custom_kinds}};
  if (const std::optional<ImportPreview>& p = s.preview) {
    Json range = nullptr;
    if (p->first) range = {{"first", FormatRfc3339(*p->first)}, {"last", FormatRfc3339(*p->last)}};
    doc["dry_run"] = true;
    doc["preview"] = {{"events", p->events},         {"kinds", p->kinds},
                      {"channels", p->channels},     {"time_range", range},
                      {"people", p->people},         {"new_people", p->new_people},
                      {"links", p->links},           {"observations", p->observations},
                      {"attributes", p->attributes}, {"contents", p->contents}};
  }
  if (s.format == kCanonicalFormat) return doc;
  const ObservationCounts& o = s.observations;
  doc["observations"] = {{"rows", o.rows}, {"added", o.added}, {"updated", o.updated}, {"unchanged", o.unchanged}};
  const ContentCounts& c = s.contents;
  doc["contents"] = {{"rows", c.rows}, {"added", c.added}, {"updated", c.updated}, {"unchanged", c.unchanged}};
  const PersonAttributeCounts& a = s.attributes;
  doc["attributes"] = {{"values", a.rows},     {"people", a.people},   {"added", a.added},
                       {"updated", a.updated}, {"removed", a.removed}, {"unchanged", a.unchanged}};
  Json skipped = Json::array();
  for (const auto& [reason, count] : s.skipped) skipped.push_back({{"reason", reason}, {"records", count}});
  doc["skipped"] = skipped;
  doc["warnings"] = s.warnings;
  doc["more_warnings"] = s.more_warnings;
  return doc;
}

Json ToJson(const app::EventImports& done) {
  Json imports = Json::array();
  for (const ImportSummary& s : done.imports) imports.push_back(ToJson(s));
  Json passed_over = Json::array();
  for (const app::PassedOverFile& p : done.passed_over) passed_over.push_back({{"file", p.file}, {"reason", p.reason}});
  return {{"imports", imports}, {"passed_over", passed_over}};
}

}  // namespace learnloop::json
