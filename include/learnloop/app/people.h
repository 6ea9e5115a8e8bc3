// The people's operations: import CRM attributes, summarize the stored
// attributes, and tell one person's story (rung path, events, attributes).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/json.h"
#include "learnloop/ladder.h"
#include "learnloop/people.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

struct PeopleImportRequest {
  std::filesystem::path file;
  std::string person_column = "person";  // the header naming the person, e.g. "email"
};
struct PeopleImport {
  PersonAttributeImport import;
  std::string person_column;
};
// Imports an attributes file atomically (see Workspace::ImportPersonAttributes);
// errors name the file, line and field, and keep nothing.
Result<PeopleImport> ImportPeople(Workspace& ws, const PeopleImportRequest& request);

struct AttributeList {
  std::vector<AttributeSummary> attributes;  // by name
};
Result<AttributeList> SummarizeAttributes(Workspace& ws);

struct PersonRequest {
  std::string person;  // as the events name them (handle or email)
  std::string as_of = "today";
};
struct PersonReport {
  std::string person;
  Day as_of = 0;
  std::vector<PersonAttribute> attributes;  // by name
  std::optional<PersonStory> story;         // none: no event by `as_of`
};
// NotFound naming the person when neither an event by `as_of` nor an
// attribute names them; InvalidArgument for a bad `as_of`.
Result<PersonReport> ShowPerson(Workspace& ws, const PersonRequest& request);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::PeopleImport& done);
Json ToJson(const app::AttributeList& list);
Json ToJson(const app::PersonReport& report);

}  // namespace learnloop::json
