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
  std::string person;  // the linked person's primary identity
  Day as_of = 0;
  std::vector<PersonIdentity> identities;   // the primary first, each with how it was linked
  std::vector<PersonAttribute> attributes;  // of every identity, by name (the primary's first)
  std::optional<PersonStory> story;         // none: no event by `as_of`
};
// Any identity of a person shows the whole linked person. NotFound naming
// the person when neither an event by `as_of` nor an attribute names them;
// InvalidArgument for a bad `as_of`.
Result<PersonReport> ShowPerson(Workspace& ws, const PersonRequest& request);

struct LinkPeopleRequest {
  std::string a;
  std::string b;
  std::filesystem::path file;  // instead of a and b: CSV rows of two identities and an optional reason
  bool link = true;            // false: unlink
  std::string reason;
  std::string actor;
};
struct LinkReport {
  std::vector<LinkRule> rules;         // as recorded
  std::optional<LinkedPerson> person;  // a single link's person, as it now stands
};
// Links (or unlinks) two identities, or every pair of `file` in one go: all
// the file's pairs or none, errors naming its line.
Result<LinkReport> LinkPeople(Workspace& ws, const LinkPeopleRequest& request);

struct LinkHistory {
  std::vector<LinkRule> rules;  // oldest first
};
Result<LinkHistory> ListLinks(Workspace& ws);

struct SuggestLinksRequest {
  int64_t limit = 50;  // at most this many pairs, the best first
};
struct LinkSuggestionReport {
  LinkSuggestions found;
  int64_t limit = 0;
};
// Pairs of identities that may be one person (see Workspace::SuggestLinks),
// for someone to confirm with LinkPeople. Reads only. InvalidArgument for a
// negative limit.
Result<LinkSuggestionReport> SuggestLinks(Workspace& ws, const SuggestLinksRequest& request);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::PeopleImport& done);
Json ToJson(const app::AttributeList& list);
Json ToJson(const app::PersonReport& report);
Json ToJson(const app::LinkReport& report);
Json ToJson(const app::LinkHistory& history);
Json ToJson(const app::LinkSuggestionReport& report);

}  // namespace learnloop::json
