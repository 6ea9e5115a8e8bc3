// `learnloop people`: what the organization knows about its people beyond
// their events (CRM attributes), for person filters in metrics.toml.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli_context.h"
#include "learnloop/people.h"

namespace learnloop::cli {
namespace {

using Json = nlohmann::ordered_json;

struct PeopleFlags {
  std::string file;
  std::string person_column = "person";
  std::string person;
  std::string as_of = "today";
};

// "640 of 1,000 (64%)"
std::string ShareText(int64_t part, int64_t whole) {
  if (whole == 0) return "0";
  return fmt::format("{} of {} ({:.0f}%)", Thousands(part), Thousands(whole), 100.0 * part / whole);
}

int RunImport(CliContext& ctx, const PeopleFlags& flags) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  PersonAttributeImportOptions options;
  options.person_column = flags.person_column;
  auto done = ws->ImportPersonAttributes(flags.file, options);
  if (!done.ok())
    return Fail(ctx,
                done.status().WithContext(fmt::format("{} was not imported (nothing from it was kept)", flags.file)));
  const PersonAttributeCounts& c = done->counts;
  if (ctx.json) {
    PrintJson(ctx, {{"file", done->file},
                    {"values", c.rows},
                    {"people", c.people},
                    {"people_with_events", c.people_with_events},
                    {"added", c.added},
                    {"updated", c.updated},
                    {"removed", c.removed},
                    {"unchanged", c.unchanged}});
    return 0;
  }
  *ctx.out << fmt::format(
      "{}: {} values about {} people; {} added, {} updated (newest import wins), {} removed (empty cells), {} "
      "unchanged\n",
      done->file, Thousands(c.rows), Thousands(c.people), Thousands(c.added), Thousands(c.updated),
      Thousands(c.removed), Thousands(c.unchanged));
  *ctx.out << fmt::format("people with events in this workspace: {}\n", ShareText(c.people_with_events, c.people));
  if (c.people > 0 && c.people_with_events == 0) {
    *ctx.out << fmt::format(
        "warning: none of these people has an event, so no metric can count them; check that the '{}' column holds "
        "the same handles or emails as the events' person column\n",
        flags.person_column);
  }
  return 0;
}

int RunAttributes(CliContext& ctx) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto summaries = ws->SummarizePersonAttributes();
  if (!summaries.ok()) return Fail(ctx, summaries.status());
  if (ctx.json) {
    Json list = Json::array();
    for (const AttributeSummary& s : *summaries) {
      Json values = Json::array();
      for (const auto& v : s.top_values) values.push_back({{"value", v.value}, {"people", v.people}});
      list.push_back({{"attribute", s.attribute},
                      {"people", s.people},
                      {"people_with_events", s.people_with_events},
                      {"distinct_values", s.distinct_values},
                      {"top_values", values}});
    }
    PrintJson(ctx, {{"attributes", list}});
    return 0;
  }
  if (summaries->empty()) {
    *ctx.out << "No person attributes yet; import a CRM export with `learnloop people import FILE` (see "
                "docs/people.md).\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"attribute", "people", "with events", "values", "most common"}};
  for (const AttributeSummary& s : *summaries) {
    std::vector<std::string> common;
    for (size_t i = 0; i < s.top_values.size() && i < 3; ++i)
      common.push_back(fmt::format("{} ({})", s.top_values[i].value, Thousands(s.top_values[i].people)));
    rows.push_back({s.attribute, Thousands(s.people), Thousands(s.people_with_events), Thousands(s.distinct_values),
                    fmt::format("{}", fmt::join(common, ", "))});
  }
  *ctx.out << FormatTable(rows);
  return 0;
}

std::string StayText(const PersonStay& stay, Day as_of) {
  if (stay.to == as_of) return fmt::format("{} since {}", stay.rung, FormatDate(stay.from));
  return fmt::format("{} {} to {}", stay.rung, FormatDate(stay.from), FormatDate(stay.to));
}

int RunShow(CliContext& ctx, const PeopleFlags& flags) {
  auto ws = OpenWorkspace(ctx);
  if (!ws.ok()) return Fail(ctx, ws.status());
  auto as_of = ParseDayFlag("--as-of", flags.as_of, ws->Today());
  if (!as_of.ok()) return Fail(ctx, as_of.status());
  auto attributes = ws->PersonAttributesOf(flags.person);
  if (!attributes.ok()) return Fail(ctx, attributes.status());
  auto ladder = ws->LoadLadder();
  if (!ladder.ok()) return Fail(ctx, ladder.status());
  std::optional<PersonStory> story = ladder->Person(flags.person, *as_of);
  if (!story && attributes->empty())
    return Fail(ctx, NotFound(fmt::format("no events or attributes name '{}' by {}; people are named exactly as in "
                                          "the events' person column (see `learnloop ladder people`)",
                                          flags.person, FormatDate(*as_of))));
  if (ctx.json) {
    Json doc = {{"person", flags.person}, {"as_of", FormatDate(*as_of)}};
    Json attrs = Json::object();
    for (const PersonAttribute& a : *attributes) attrs[a.attribute] = a.value;
    doc["attributes"] = attrs;
    if (story) {
      Json kinds = Json::object();
      for (const KindCount& k : story->kinds) kinds[k.kind] = k.events;
      Json stays = Json::array();
      for (const PersonStay& s : story->stays)
        stays.push_back({{"rung", s.rung}, {"from", FormatDate(s.from)}, {"to", FormatDate(s.to)}});
      doc["rung"] = story->stays.empty() ? Json(nullptr) : Json(story->stays.back().rung);
      doc["first_seen"] = FormatDate(story->first_seen);
      doc["last_seen"] = FormatDate(story->last_seen);
      doc["events"] = story->events;
      doc["kinds"] = kinds;
      doc["channels"] = story->channels;
      doc["stays"] = stays;
    }
    PrintJson(ctx, doc);
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{flags.person, ""}};
  if (story) {
    std::vector<std::string> kinds;
    for (const KindCount& k : story->kinds) kinds.push_back(fmt::format("{} {}", k.kind, Thousands(k.events)));
    std::vector<std::string> path;
    for (const PersonStay& s : story->stays) path.push_back(StayText(s, *as_of));
    rows.push_back({"rung", story->stays.empty() ? "-" : StayText(story->stays.back(), *as_of)});
    rows.push_back({"first seen", FormatDate(story->first_seen)});
    rows.push_back({"last event", FormatDate(story->last_seen)});
    rows.push_back({"events", fmt::format("{}: {}", Thousands(story->events), fmt::join(kinds, ", "))});
    rows.push_back({"channels", fmt::format("{}", fmt::join(story->channels, ", "))});
    rows.push_back({"path", fmt::format("{}", fmt::join(path, " -> "))});
  } else {
    rows.push_back({"events", fmt::format("none by {}", FormatDate(*as_of))});
  }
  for (const PersonAttribute& a : *attributes) rows.push_back({a.attribute, a.value});
  *ctx.out << FormatTable(rows);
  return 0;
}

void RegisterPeople(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<PeopleFlags>();
  CLI::App* cmd = app.add_subcommand(
      "people", "People: CRM attributes (import, attributes) for groups and filters, and one person's story (show)");
  cmd->require_subcommand(1);

  CLI::App* importer = cmd->add_subcommand(
      "import", "Import person attributes: CSV with a person column and attribute columns (or attribute,value)");
  importer->add_option("file", flags->file, "Attributes file")->required()->check(CLI::ExistingFile);
  importer->add_option("--person-column", flags->person_column, "The column naming the person, e.g. email")
      ->capture_default_str();
  AddJsonFlag(*importer, ctx);
  importer->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunImport(ctx, *flags); }; });

  CLI::App* show = cmd->add_subcommand("show", "One person: rung and path up the ladder, events, attributes");
  show->add_option("person", flags->person, "The person as events name them (handle or email)")->required();
  show->add_option("--as-of", flags->as_of, "Tell the story up to this day (YYYY-MM-DD, today, today-N)")
      ->capture_default_str();
  AddJsonFlag(*show, ctx);
  show->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunShow(ctx, *flags); }; });

  CLI::App* attributes = cmd->add_subcommand("attributes", "Each stored attribute: people, values, most common");
  AddJsonFlag(*attributes, ctx);
  attributes->callback([&ctx] { ctx.run = [&ctx] { return RunAttributes(ctx); }; });
}

const CommandRegistrar kRegistrar(25, RegisterPeople);

}  // namespace
}  // namespace learnloop::cli
