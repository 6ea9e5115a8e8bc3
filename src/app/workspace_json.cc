#include "learnloop/app/workspace.h"

namespace learnloop::json {

Json ToJson(const app::CreatedWorkspace& created) {
  return {{"workspace", created.dir.string()}, {"time_zone", created.time_zone}};
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
  return {{"workspace", info.dir.string()}, {"org_name", info.org_name}, {"time_zone", info.time_zone},
          {"events", info.events},          {"people", info.people},     {"imports", info.imports},
          {"recent_imports", imports},      {"attributes", attributes}};
}

Json ToJson(const ImportSummary& s) {
  return {
      {"file", s.file},   {"sha256", s.sha256},         {"import_id", s.import_id}, {"rows", s.rows},
      {"added", s.added}, {"duplicates", s.duplicates}, {"repeated", s.repeated},   {"custom_kinds", s.custom_kinds}};
}

Json ToJson(const app::EventImports& done) {
  Json imports = Json::array();
  for (const ImportSummary& s : done.imports) imports.push_back(ToJson(s));
  return {{"imports", imports}};
}

}  // namespace learnloop::json
