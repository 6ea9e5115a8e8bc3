// `learnloop people`: what the organization knows about its people beyond
// their events (CRM attributes), for person filters in metrics.toml.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli_context.h"
#include "learnloop/app/people.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct PeopleFlags {
  app::PeopleImportRequest import;
  app::PersonRequest show;
};

// "640 of 1,000 (64%)"
std::string ShareText(int64_t part, int64_t whole) {
  if (whole == 0) return "0";
  return fmt::format("{} of {} ({:.0f}%)", Thousands(part), Thousands(whole), 100.0 * part / whole);
}

std::string ImportText(const app::PeopleImport& done) {
  const PersonAttributeCounts& c = done.import.counts;
  std::string text = fmt::format(
      "{}: {} values about {} people; {} added, {} updated (newest import wins), {} removed (empty cells), {} "
      "unchanged\n",
      EscapeForTerminal(done.import.file), Thousands(c.rows), Thousands(c.people), Thousands(c.added),
      Thousands(c.updated), Thousands(c.removed), Thousands(c.unchanged));
  text += fmt::format("people with events in this workspace: {}\n", ShareText(c.people_with_events, c.people));
  if (c.people > 0 && c.people_with_events == 0) {
    text += fmt::format(
        "warning: none of these people has an event, so no metric can count them; check that the '{}' column holds "
        "the same handles or emails as the events' person column\n",
        done.person_column);
  }
  return text;
}

Status RunImport(CliContext& ctx, PeopleFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::PeopleImport done, app::ImportPeople(ws, flags.import));
  return PrintResult(ctx, done, ImportText);
}

std::string AttributesText(const app::AttributeList& list) {
  if (list.attributes.empty())
    return "No person attributes yet; import a CRM export with `learnloop people import FILE` (see "
           "docs/people.md).\n";
  std::vector<std::vector<std::string>> rows = {{"attribute", "people", "with events", "values", "most common"}};
  for (const AttributeSummary& s : list.attributes) {
    std::vector<std::string> common;
    for (size_t i = 0; i < s.top_values.size() && i < 3; ++i)
      common.push_back(fmt::format("{} ({})", s.top_values[i].value, Thousands(s.top_values[i].people)));
    rows.push_back({s.attribute, Thousands(s.people), Thousands(s.people_with_events), Thousands(s.distinct_values),
                    fmt::format("{}", fmt::join(common, ", "))});
  }
  return FormatTable(rows);
}

Status RunAttributes(CliContext& ctx, PeopleFlags&) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::AttributeList list, app::SummarizeAttributes(ws));
  return PrintResult(ctx, list, AttributesText);
}

std::string StayText(const PersonStay& stay, Day as_of) {
  if (stay.to == as_of) return fmt::format("{} since {}", stay.rung, FormatDate(stay.from));
  return fmt::format("{} {} to {}", stay.rung, FormatDate(stay.from), FormatDate(stay.to));
}

std::string PersonText(const app::PersonReport& report) {
  std::vector<std::vector<std::string>> rows = {{report.person, ""}};
  if (const auto& story = report.story) {
    std::vector<std::string> kinds;
    for (const KindCount& k : story->kinds) kinds.push_back(fmt::format("{} {}", k.kind, Thousands(k.events)));
    std::vector<std::string> path;
    for (const PersonStay& s : story->stays) path.push_back(StayText(s, report.as_of));
    rows.push_back({"rung", story->stays.empty() ? "-" : StayText(story->stays.back(), report.as_of)});
    rows.push_back({"first seen", FormatDate(story->first_seen)});
    rows.push_back({"last event", FormatDate(story->last_seen)});
    rows.push_back({"events", fmt::format("{}: {}", Thousands(story->events), fmt::join(kinds, ", "))});
    rows.push_back({"channels", fmt::format("{}", fmt::join(story->channels, ", "))});
    rows.push_back({"path", fmt::format("{}", fmt::join(path, " -> "))});
  } else {
    rows.push_back({"events", fmt::format("none by {}", FormatDate(report.as_of))});
  }
  for (const PersonAttribute& a : report.attributes) rows.push_back({a.attribute, a.value});
  return FormatTable(rows);
}

Status RunShow(CliContext& ctx, PeopleFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::PersonReport report, app::ShowPerson(ws, flags.show));
  return PrintResult(ctx, report, PersonText);
}

void RegisterPeople(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<PeopleFlags>();
  CLI::App* cmd = app.add_subcommand(
      "people", "People: CRM attributes (import, attributes) for groups and filters, and one person's story (show)");
  cmd->require_subcommand(1);

  CLI::App* importer = AddCommand(
      *cmd, ctx, flags, "import",
      "Import person attributes: CSV with a person column and attribute columns (or attribute,value)", RunImport);
  importer->add_option("file", flags->import.file, "Attributes file")->required()->check(CLI::ExistingFile);
  importer->add_option("--person-column", flags->import.person_column, "The column naming the person, e.g. email")
      ->capture_default_str();
  AddJsonFlag(*importer, ctx);

  CLI::App* show =
      AddCommand(*cmd, ctx, flags, "show", "One person: rung and path up the ladder, events, attributes", RunShow);
  show->add_option("person", flags->show.person, "The person as events name them (handle or email)")->required();
  show->add_option("--as-of", flags->show.as_of, "Tell the story up to this day (YYYY-MM-DD, today, today-N)")
      ->capture_default_str();
  AddJsonFlag(*show, ctx);

  CLI::App* attributes =
      AddCommand(*cmd, ctx, flags, "attributes", "Each stored attribute: people, values, most common", RunAttributes);
  AddJsonFlag(*attributes, ctx);
}

const CommandRegistrar kRegistrar(25, RegisterPeople);

}  // namespace
}  // namespace learnloop::cli
