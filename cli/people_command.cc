// `learnloop people`: what the organization knows about its people beyond
// their events (CRM attributes), for person filters in metrics.toml.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "cli_context.h"
#include "learnloop/app/people.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct PeopleFlags {
  app::PeopleImportRequest import;
  app::PersonRequest show;
  app::LinkPeopleRequest link;
  app::SuggestLinksRequest suggest;
  std::string as;  // who links, for the history
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

// A linked person's identities: each with its channels and how it joined.
std::string IdentitiesText(const std::vector<PersonIdentity>& identities) {
  std::string text = "identities:\n";
  for (const PersonIdentity& i : identities) {
    text += fmt::format("  {}{}\n", EscapeForTerminal(i.identity),
                        i.channels.empty()
                            ? ""
                            : fmt::format(" ({})", EscapeForTerminal(fmt::format("{}", fmt::join(i.channels, ", ")))));
    for (const std::string& how : i.how) text += fmt::format("    linked {}\n", EscapeForTerminal(how));
  }
  return text;
}

std::string RuleText(const LinkRule& r) {
  return fmt::format("{} {} {} {} ({} by {} on {}{})", r.id, r.link ? "linked" : "unlinked", EscapeForTerminal(r.a),
                     EscapeForTerminal(r.b), EscapeForTerminal(r.source), EscapeForTerminal(r.actor),
                     FormatRfc3339(Timestamp{r.at}),
                     r.reason.empty() ? "" : fmt::format(": {}", EscapeForTerminal(r.reason)));
}

std::string LinkText(const app::LinkReport& report) {
  std::string text;
  if (report.rules.size() > 1 || !report.person) {
    text = fmt::format("{} pairs {}\n", Thousands(static_cast<int64_t>(report.rules.size())),
                       !report.rules.empty() && !report.rules.front().link ? "kept apart" : "linked");
  } else if (report.rules.front().link) {
    text = fmt::format("{} and {} are one person: {}\n", EscapeForTerminal(report.rules.front().a),
                       EscapeForTerminal(report.rules.front().b), EscapeForTerminal(report.person->person));
  } else {
    text = fmt::format("{} and {} are kept apart (undo with `learnloop people link`)\n",
                       EscapeForTerminal(report.rules.front().a), EscapeForTerminal(report.rules.front().b));
  }
  if (report.person && report.person->identities.size() > 1) text += IdentitiesText(report.person->identities);
  return text;
}

Status RunLink(CliContext& ctx, PeopleFlags& flags, bool link) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  app::LinkPeopleRequest request = flags.link;
  request.link = link;
  request.actor = ResolveActor(flags.as);
  LL_ASSIGN_OR_RETURN(app::LinkReport report, app::LinkPeople(ws, request));
  return PrintResult(ctx, report, LinkText);
}

Status RunLinkPair(CliContext& ctx, PeopleFlags& flags) { return RunLink(ctx, flags, true); }
Status RunUnlinkPair(CliContext& ctx, PeopleFlags& flags) { return RunLink(ctx, flags, false); }

Status RunLinks(CliContext& ctx, PeopleFlags&) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::LinkHistory history, app::ListLinks(ws));
  return PrintResult(ctx, history, [](const app::LinkHistory& h) {
    if (h.rules.empty()) return std::string("No links yet; `learnloop people link A B` links two identities.\n");
    std::string text;
    for (const LinkRule& r : h.rules) text += RuleText(r) + "\n";
    return text;
  });
}

// `word` as one shell word: as it is when it holds nothing a shell reads
// specially, else in single quotes.
std::string ShellWord(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("@._:+/=,-").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// "civicrm:1432 (of cara@example.org) [actblue, newsletter]"
std::string SideText(const std::string& identity, const std::string& person, const std::vector<std::string>& channels) {
  std::string text = EscapeForTerminal(identity);
  if (person != identity) text += fmt::format(" (of {})", EscapeForTerminal(person));
  return text + fmt::format(" [{}]", channels.empty()
                                         ? std::string("no events")
                                         : EscapeForTerminal(fmt::format("{}", fmt::join(channels, ", "))));
}

std::string SharedText(int64_t people) {
  return people > 2 ? fmt::format(" (shared by {} people, so weaker)", Thousands(people)) : "";
}

std::string EvidenceText(const LinkEvidence& e) {
  const std::string a = EscapeForTerminal(e.a_value);
  const std::string b = EscapeForTerminal(e.b_value);
  if (e.kind == "same_name")
    return (e.a_value == e.b_value ? fmt::format("both named \"{}\"", a)
                                   : fmt::format("named \"{}\" and \"{}\"", a, b)) +
           SharedText(e.people);
  return (e.a_value == e.b_value ? fmt::format("same user name {}", a)
                                 : fmt::format("same user name {} and {}", a, b)) +
         SharedText(e.people);
}

std::string SuggestionText(const LinkSuggestion& s) {
  std::vector<std::string> evidence;
  for (const LinkEvidence& e : s.evidence) evidence.push_back(EvidenceText(e));
  return fmt::format("{} (score {})  {} and {}: {}; confirm: learnloop people link {} {} --reason \"{}\"\n", s.strength,
                     s.score, SideText(s.a, s.a_person, s.a_channels), SideText(s.b, s.b_person, s.b_channels),
                     fmt::join(evidence, "; "), EscapeForTerminal(ShellWord(s.a)), EscapeForTerminal(ShellWord(s.b)),
                     s.reason);
}

std::string TooCommonText(const LinkSuggestions& found) {
  if (found.too_common.empty()) return "";
  std::vector<std::string> keys;
  for (const CommonLinkKey& k : found.too_common)
    keys.push_back(fmt::format("{} \"{}\" ({})", k.kind == "same_name" ? "name" : "user name",
                               EscapeForTerminal(k.value), Thousands(k.people)));
  std::string text = fmt::format(
      "Too common to suggest a pair by alone (more than {} people share each; they still count beside the other "
      "kind of evidence): {}",
      kMaxPeoplePerLinkKey, fmt::join(keys, ", "));
  const int64_t more = found.too_common_keys - static_cast<int64_t>(found.too_common.size());
  if (more > 0) text += fmt::format(", and {} more", Thousands(more));
  return text + ".\n";
}

std::string SuggestText(const app::LinkSuggestionReport& report) {
  const LinkSuggestions& found = report.found;
  if (found.pairs == 0)
    return fmt::format(
        "No pairs to suggest among {} people: no two of them that are not linked share a name or a user "
        "name.\n{}",
        Thousands(found.people), TooCommonText(found));
  std::string text;
  for (const LinkSuggestion& s : found.suggestions) text += SuggestionText(s);
  text += fmt::format("{} of {} suggested pairs among {} people, strongest first",
                      Thousands(static_cast<int64_t>(found.suggestions.size())), Thousands(found.pairs),
                      Thousands(found.people));
  if (static_cast<int64_t>(found.suggestions.size()) < found.pairs) text += " (--limit N shows more)";
  text +=
      ". Nothing is linked until you run a command above; `learnloop people unlink A B` keeps a pair from being "
      "suggested again.\n";
  return text + TooCommonText(found);
}

Status RunSuggest(CliContext& ctx, PeopleFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::LinkSuggestionReport report, app::SuggestLinks(ws, flags.suggest));
  return PrintResult(ctx, report, SuggestText);
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
  std::string text = FormatTable(rows);
  if (report.identities.size() > 1) text += IdentitiesText(report.identities);
  return text;
}

Status RunShow(CliContext& ctx, PeopleFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::PersonReport report, app::ShowPerson(ws, flags.show));
  return PrintResult(ctx, report, PersonText);
}

void RegisterPeople(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<PeopleFlags>();
  CLI::App* cmd = app.add_subcommand(
      "people",
      "People: CRM attributes (import, attributes) for groups and filters, one person's story (show), and which "
      "identities are one person (link, unlink, links, suggest)");
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

  for (bool link : {true, false}) {
    CLI::App* sub = AddCommand(
        *cmd, ctx, flags, link ? "link" : "unlink",
        link ? "Record that two identities (handle, email, CRM id) are one person; kept with who, when and why"
             : "Record that two identities are not one person, whatever the data's keys say; undoes a link",
        link ? RunLinkPair : RunUnlinkPair);
    sub->add_option("a", flags->link.a, "An identity as events or attributes name it");
    sub->add_option("b", flags->link.b, "The other identity");
    sub->add_option("--file", flags->link.file, "A CSV of pairs instead: a,b[,reason] with a header; all or none")
        ->check(CLI::ExistingFile);
    sub->add_option("--reason", flags->link.reason, "Why, for whoever reads the history later");
    sub->add_option("--as", flags->as, "Who makes the change, for the history (default: $USER)");
    AddJsonFlag(*sub, ctx);
  }
  CLI::App* links =
      AddCommand(*cmd, ctx, flags, "links", "Every link and unlink ever recorded, oldest first", RunLinks);
  AddJsonFlag(*links, ctx);
  CLI::App* suggest = AddCommand(
      *cmd, ctx, flags, "suggest",
      "Pairs that may be one person (same name, a handle's user name matching an email's), with the evidence and "
      "the link command to confirm; links nothing",
      RunSuggest);
  suggest->add_option("--limit", flags->suggest.limit, "Show at most this many pairs, the strongest first")
      ->capture_default_str();
  AddJsonFlag(*suggest, ctx);
}

const CommandRegistrar kRegistrar(25, RegisterPeople);

}  // namespace
}  // namespace learnloop::cli
