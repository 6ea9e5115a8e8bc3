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

void RegisterPeople(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<PeopleFlags>();
  CLI::App* cmd =
      app.add_subcommand("people", "Person attributes from a CRM (city, membership, ...) for metric filters");
  cmd->require_subcommand(1);

  CLI::App* import = cmd->add_subcommand(
      "import", "Import person attributes: CSV with a person column and attribute columns (or attribute,value)");
  import->add_option("file", flags->file, "Attributes file")->required()->check(CLI::ExistingFile);
  import->add_option("--person-column", flags->person_column, "The column naming the person, e.g. email")
      ->capture_default_str();
  AddJsonFlag(*import, ctx);
  import->callback([&ctx, flags] { ctx.run = [&ctx, flags] { return RunImport(ctx, *flags);
};
}  // namespace
);

CLI::App* attributes = cmd->add_subcommand("attributes", "Each stored attribute: people, values, most common");
AddJsonFlag(*attributes, ctx);
attributes->callback([&ctx] { ctx.run = [&ctx] { return RunAttributes(ctx); }; });
}  // namespace learnloop::cli

const CommandRegistrar kRegistrar(25, RegisterPeople);

}  // namespace
}  // namespace learnloop::cli
