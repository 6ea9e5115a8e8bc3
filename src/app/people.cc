#include "learnloop/app/people.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "ingest/chunked_input.h"
#include "ingest/csv_scanner.h"
#include "ingest/input_text.h"
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
  LL_ASSIGN_OR_RETURN(report.as_of, ParseDay("--as-of", request.as_of, ws.Today()));
  auto linked = ws.PersonOf(request.person);
  if (!linked.ok() && linked.status().code() != StatusCode::kNotFound) return linked.status();
  report.person = linked.ok() ? linked->person : request.person;
  if (linked.ok()) report.identities = linked->identities;
  std::set<std::string> named;
  for (const PersonIdentity& identity : report.identities) {
    LL_ASSIGN_OR_RETURN(std::vector<PersonAttribute> attributes, ws.PersonAttributesOf(identity.identity));
    for (PersonAttribute& a : attributes)
      if (named.insert(a.attribute).second) report.attributes.push_back(std::move(a));
  }
  std::sort(report.attributes.begin(), report.attributes.end(),
            [](const PersonAttribute& x, const PersonAttribute& y) { return x.attribute < y.attribute; });
  LL_ASSIGN_OR_RETURN(Ladder ladder, ws.LoadLadder());
  report.story = ladder.Person(report.person, report.as_of);
  if (!report.story && report.attributes.empty())
    return NotFound(fmt::format(
        "no events or attributes name '{}' by {}; people are named exactly as in the events' person column (see "
        "`learnloop ladder people`)",
        request.person, FormatDate(report.as_of)));
  return report;
}

namespace {

// The pairs of a links file: a header, then rows of two identities and an
// optional reason.
Result<std::vector<LinkRequest>> ReadLinkPairs(const std::filesystem::path& file, const LinkPeopleRequest& request) {
  LL_ASSIGN_OR_RETURN(auto input, ingest::ChunkedInput::Open(file));
  LL_RETURN_IF_ERROR(ingest::RequireText(*input, "a CSV of identity pairs: a,b[,reason]"));
  ingest::CsvScanner scanner(*input, ingest::BomSize(input->window()));
  LL_ASSIGN_OR_RETURN(bool header, scanner.Next());
  if (!header) return InvalidArgument(fmt::format("{}: file is empty; expected a header a,b[,reason]", file.string()));
  if (scanner.fields().size() < 2 || scanner.fields().size() > 3)
    return InputError(scanner.RecordLocation(), fmt::format("the header has {} columns", scanner.fields().size()),
                      "two identities and an optional reason: a,b[,reason]");
  std::vector<LinkRequest> pairs;
  const std::string source =
      fmt::format("people {} --file {}", request.link ? "link" : "unlink", file.filename().string());
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, scanner.Next());
    if (!more) break;
    const auto& fields = scanner.fields();
    if (fields.size() < 2 || fields.size() > 3)
      return InputError(scanner.RecordLocation(), fmt::format("{} fields", fields.size()),
                        "two identities and an optional reason");
    const InputLocation where = scanner.RecordLocation();
    LinkRequest pair;
    pair.a = fields[0];
    pair.b = fields[1];
    pair.link = request.link;
    pair.reason = fields.size() == 3 ? std::string(fields[2]) : request.reason;
    pair.actor = request.actor;
    pair.source = source;
    pair.where = fmt::format("{}:{}", file.string(), where.line);
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

}  // namespace

Result<LinkReport> LinkPeople(Workspace& ws, const LinkPeopleRequest& request) {
  LinkReport report;
  if (!request.file.empty()) {
    if (!request.a.empty() || !request.b.empty())
      return InvalidArgument("name two identities or a --file of pairs, not both");
    LL_ASSIGN_OR_RETURN(std::vector<LinkRequest> pairs, ReadLinkPairs(request.file, request));
    auto done = ws.SetLinks(pairs);
    if (!done.ok())
      return done.status().WithContext(
          fmt::format("{}: no pair was linked (nothing from the file was kept)", request.file.string()));
    report.rules = std::move(done).value();
    return report;
  }
  LL_ASSIGN_OR_RETURN(LinkRule rule, ws.SetLink({request.a, request.b, request.link, request.reason, request.actor,
                                                 request.link ? "people link" : "people unlink", ""}));
  report.rules.push_back(rule);
  LL_ASSIGN_OR_RETURN(report.person, ws.PersonOf(rule.a));
  return report;
}

Result<LinkHistory> ListLinks(Workspace& ws) {
  LL_ASSIGN_OR_RETURN(std::vector<LinkRule> rules, ws.LinkRules());
  return LinkHistory{std::move(rules)};
}

Result<LinkSuggestionReport> SuggestLinks(Workspace& ws, const SuggestLinksRequest& request) {
  if (request.limit < 0)
    return InvalidArgument(
        fmt::format("--limit: {} is below 0; expected how many pairs to show, e.g. 50", request.limit));
  LL_ASSIGN_OR_RETURN(LinkSuggestions found, ws.SuggestLinks(static_cast<size_t>(request.limit)));
  return LinkSuggestionReport{std::move(found), request.limit};
}

}  // namespace learnloop::app
