#include <fmt/format.h>

#include <map>
#include <string>

#include "cli_context.h"
#include "learnloop/app/workspace.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct ImportFlags {
  std::vector<std::string> files;
  std::string map_file;
  std::string format;
  std::string channel;
  bool strict = false;
  bool dry_run = false;
};

// What a platform file held beside its events, and what it could not use.
std::string PlatformText(const ImportSummary& s) {
  std::string text;
  const ObservationCounts& o = s.observations;
  if (o.rows > 0)
    text += fmt::format("  {} numbers about posts: {} new, {} updated, {} unchanged\n", Thousands(o.rows),
                        Thousands(o.added), Thousands(o.updated), Thousands(o.unchanged));
  const ContentCounts& c = s.contents;
  if (c.rows > 0)
    text += fmt::format("  {} posts of the organization: {} new, {} updated, {} unchanged\n", Thousands(c.rows),
                        Thousands(c.added), Thousands(c.updated), Thousands(c.unchanged));
  const PersonAttributeCounts& a = s.attributes;
  if (a.rows > 0)
    text += fmt::format("  {} person fields of {} people: {} new, {} updated, {} removed, {} unchanged\n",
                        Thousands(a.rows), Thousands(a.people), Thousands(a.added), Thousands(a.updated),
                        Thousands(a.removed), Thousands(a.unchanged));
  for (const auto& [reason, count] : s.skipped)
    text += fmt::format("  skipped {}: {}\n", Thousands(count), EscapeForTerminal(reason));
  for (const std::string& warning : s.warnings) text += fmt::format("  warning: {}\n", EscapeForTerminal(warning));
  if (s.more_warnings > 0) text += fmt::format("  ... and {} more warnings\n", Thousands(s.more_warnings));
  return text;
}

std::string Counts(const std::map<std::string, int64_t>& counts) {
  std::string text;
  for (const auto& [name, count] : counts)
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", EscapeForTerminal(name), Thousands(count));
  return text;
}

// What a dry run found.
std::string PreviewText(const ImportSummary& s, const ImportPreview& p) {
  std::string text = fmt::format("{}{}: {} {} read; would add up to {} events", EscapeForTerminal(s.file),
                                 s.format == kCanonicalFormat ? "" : fmt::format(" ({})", s.format), Thousands(s.rows),
                                 s.format == kCanonicalFormat ? "rows" : "records", Thousands(p.events));
  if (p.first) text += fmt::format(" from {} to {}", FormatRfc3339(*p.first), FormatRfc3339(*p.last));
  text += fmt::format(" by {} people ({} new to the workspace)\n", Thousands(p.people), Thousands(p.new_people));
  if (!p.kinds.empty()) text += fmt::format("  kinds: {}\n", Counts(p.kinds));
  if (!p.channels.empty()) text += fmt::format("  channels: {}\n", Counts(p.channels));
  if (p.observations > 0) text += fmt::format("  {} numbers about posts\n", Thousands(p.observations));
  if (p.attributes > 0) text += fmt::format("  {} person fields\n", Thousands(p.attributes));
  if (!p.links.empty()) text += fmt::format("  would link identities by key fields: {}\n", Counts(p.links));
  if (p.contents > 0) text += fmt::format("  {} posts of the organization\n", Thousands(p.contents));
  for (const auto& [reason, count] : s.skipped)
    text += fmt::format("  would skip {}: {}\n", Thousands(count), EscapeForTerminal(reason));
  for (const std::string& warning : s.warnings) text += fmt::format("  warning: {}\n", EscapeForTerminal(warning));
  if (s.more_warnings > 0) text += fmt::format("  ... and {} more warnings\n", Thousands(s.more_warnings));
  return text;
}

std::string SummaryText(const ImportSummary& s) {
  if (s.preview) return PreviewText(s, *s.preview);
  const bool platform = s.format != kCanonicalFormat;
  std::string text = fmt::format("{}{}: {} {}, {} new events", EscapeForTerminal(s.file),
                                 platform ? fmt::format(" ({})", s.format) : "", Thousands(s.rows),
                                 platform ? "records" : "rows", Thousands(s.added));
  if (s.duplicates > 0) text += fmt::format(", {} already in the workspace (not added again)", Thousands(s.duplicates));
  if (s.repeated > 0) text += fmt::format(", {} repeated within the file (kept once)", Thousands(s.repeated));
  const bool nothing_new = s.added == 0 && s.contents.added + s.contents.updated == 0 &&
                           s.observations.added + s.observations.updated == 0 &&
                           s.attributes.added + s.attributes.updated + s.attributes.removed == 0;
  if (nothing_new && s.rows > 0) text += " - nothing new";
  text += "\n";
  if (s.custom_kinds > 0)
    text += fmt::format("  warning: {} rows use a kind learnloop does not know; kept as custom kinds\n",
                        Thousands(s.custom_kinds));
  if (platform) text += PlatformText(s);
  return text;
}

// The files imported before a bad one are reported (and kept) too.
Status RunImport(CliContext& ctx, ImportFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::EventImports done, app::ImportEvents(ws, {.files = {flags.files.begin(), flags.files.end()},
                                                                     .mapping_file = flags.map_file,
                                                                     .format = flags.format,
                                                                     .channel = flags.channel,
                                                                     .strict = flags.strict,
                                                                     .dry_run = flags.dry_run}));
  LL_RETURN_IF_ERROR(PrintResult(ctx, done, [](const app::EventImports& d) {
    std::string text;
    for (const ImportSummary& s : d.imports) text += SummaryText(s);
    for (const app::PassedOverFile& p : d.passed_over)
      text += fmt::format("{}: passed over, {}\n", EscapeForTerminal(p.file), EscapeForTerminal(p.reason));
    if (!d.imports.empty() && d.imports.front().preview) text += "dry run: nothing was written\n";
    return text;
  }));
  return done.failure;
}

void RegisterImport(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = AddCommand(app, ctx, flags, "import",
                             "Import event files: canonical CSV or JSON Lines, or a platform's export\n"
                             "(recognized by its content), or folders and .zip/.tar.gz archives of them.\n"
                             "Each file is all-or-nothing; rows already in the workspace are not added twice.",
                             RunImport);
  cmd->add_option("files", flags->files, "Event files, folders or archives")->required()->check(CLI::ExistingPath);
  cmd->add_option("--map", flags->map_file, "TOML file mapping another CSV's columns onto the canonical ones")
      ->check(CLI::ExistingFile);
  std::string formats;
  for (const app::ImportFormat& format : app::ImportFormats())
    formats += fmt::format("\n  {}: {}", format.name, format.title);
  cmd->add_option("--format", flags->format, "Read the files as this format instead of recognizing it:" + formats);
  cmd->add_option("--channel", flags->channel,
                  "The channel a platform export's events belong to (default: the platform, e.g. mastodon)");
  cmd->add_flag("--strict", flags->strict,
                "Refuse a platform export with any record learnloop cannot use, instead of skipping it");
  cmd->add_flag("--dry-run", flags->dry_run,
                "Read and check the files and say what they hold (kinds, channels, dates, people), writing nothing");
  AddJsonFlag(*cmd, ctx);
}

const CommandRegistrar kRegistrar(20, RegisterImport);

}  // namespace
}  // namespace learnloop::cli
