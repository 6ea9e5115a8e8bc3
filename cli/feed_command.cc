#include <fmt/format.h>

#include <string>

#include "cli_context.h"
#include "learnloop/app/feed.h"
#include "print_report.h"

namespace learnloop::cli {
namespace {

struct FeedFlags {
  std::string file;
};

// The first line of an item's text, cut short: enough to recognize it.
std::string Glimpse(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() <= 72) return line;
  size_t cut = 72;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + "...";
}

std::string InspectionText(const app::FeedInspection& f) {
  std::string text = fmt::format("{} ({}, {} items)\n  title: {}\n  link: {}\n", f.file, f.kind,
                                 Thousands(static_cast<int64_t>(f.items.size())), f.title, f.link);
  if (!f.id.empty()) text += fmt::format("  id: {}\n", f.id);
  for (const app::FeedEntry& item : f.items) {
    text += fmt::format("\n{}  {}\n", item.published ? FormatRfc3339(*item.published) : "(no date)",
                        item.title.empty() ? "(no title)" : item.title);
    text += fmt::format("  id: {}\n  link: {}\n", item.id.empty() ? "(none)" : item.id,
                        item.link.empty() ? "(none)" : item.link);
    if (!item.text.empty()) text += fmt::format("  {}\n", Glimpse(item.text));
  }
  if (!f.skipped.empty() || !f.warnings.empty()) text += "\n";
  for (const auto& [reason, count] : f.skipped) text += fmt::format("skipped {}: {}\n", Thousands(count), reason);
  for (const std::string& warning : f.warnings) text += fmt::format("warning: {}\n", warning);
  if (f.more_warnings > 0) text += fmt::format("... and {} more warnings\n", Thousands(f.more_warnings));
  return text;
}

// Reads only: no workspace is opened.
Status RunInspect(CliContext& ctx, FeedFlags& flags) {
  LL_ASSIGN_OR_RETURN(app::FeedInspection feed, app::InspectFeed(flags.file));
  return PrintResult(ctx, feed, InspectionText);
}

void RegisterFeed(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<FeedFlags>();
  CLI::App* feed = app.add_subcommand("feed", "Web feeds (RSS, Atom, JSON Feed): the organization's own posts");
  feed->require_subcommand(1);
  CLI::App* inspect = AddCommand(*feed, ctx, flags, "inspect",
                                 "Show what learnloop reads in a feed file (for a feed that looks wrong)", RunInspect);
  inspect->add_option("file", flags->file, "RSS, Atom or JSON Feed file")->required();
  AddJsonFlag(*inspect, ctx);
}

const CommandRegistrar kRegistrar(22, RegisterFeed);

}  // namespace
}  // namespace learnloop::cli
