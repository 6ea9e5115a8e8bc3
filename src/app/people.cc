#include "learnloop/app/people.h"

#include <fmt/format.h>

#include "learnloop/app/input.h"

namespace learnloop::app {

Result<PeopleImport> ImportPeople(Workspace& ws, const PeopleImportRequest& request) {
  PersonAttributeImportOptions options;
  options.person_column = request.person_column;
  auto done = ws.ImportPersonAttributes(request.file, options);
  if (!done.ok())
    return done.status().WithContext(
        fmt::format("{} was not imported (nothing from it was kept)", request.file.string()));
  return PeopleImport{std::move(done).value(), request.person_column};
}

Result<AttributeList> SummarizeAttributes(Workspace& ws) {
  LL_ASSIGN_OR_RETURN(std::vector<AttributeSummary> attributes, ws.SummarizePersonAttributes());
  return AttributeList{std::move(attributes)};
}

Result<PersonReport> ShowPerson(Workspace& ws, const PersonRequest& request) {
  PersonReport report;
  report.person = request.person;
  LL_ASSIGN_OR_RETURN(report.as_of, ParseDay("--as-of", request.as_of, ws.Today()));
  LL_ASSIGN_OR_RETURN(report.attributes, ws.PersonAttributesOf(request.person));
  LL_ASSIGN_OR_RETURN(Ladder ladder, ws.LoadLadder());
  report.story = ladder.Person(request.person, report.as_of);
  if (!report.story && report.attributes.empty())
    return NotFound(fmt::format(
        "no events or attributes name '{}' by {}; people are named exactly as in the events' person column (see "
        "`learnloop ladder people`)",
        request.person, FormatDate(report.as_of)));
  return report;
}

}  // namespace learnloop::app
