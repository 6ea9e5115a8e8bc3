#include <fmt/format.h>

#include "loop_cli.h"

namespace learnloop::cli {
namespace {

struct LearningsFlags {
  LoopFlags loop;
  std::vector<std::string> words;
  int limit = 10;
};

int RunSearch(CliContext& ctx, LearningsFlags& flags) {
  auto session = OpenLoop(ctx, flags.loop);
  if (!session.ok()) return Fail(ctx, session.status());
  if (flags.limit < 1) return Fail(ctx, InvalidArgument("--limit must be at least 1"));
  const std::string text = fmt::format("{}", fmt::join(flags.words, " "));
  auto hits = session->loop.SearchLearnings(text, flags.limit);
  if (!hits.ok()) return Fail(ctx, hits.status());
  if (ctx.json) {
    LoopJson list = LoopJson::array();
    for (const LearningHit& h : *hits)
      list.push_back({{"plan_id", h.plan_id},
                      {"plan_title", h.plan_title},
                      {"snippet", h.snippet},
                      {"score", h.score},
                      {"tags", h.tags}});
    PrintJson(ctx, {{"query", text}, {"results", list}});
    return 0;
  }
  if (hits->empty()) *ctx.out << fmt::format("No learnings match '{}'\n", text);
  for (const LearningHit& h : *hits)
    *ctx.out << fmt::format("plan {}: {}{}\n  {}\n", h.plan_id, h.plan_title,
                            h.tags.empty() ? "" : fmt::format(" [{}]", fmt::join(h.tags, ", ")), h.snippet);
  return 0;
}

void RegisterLearnings(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<LearningsFlags>();
  CLI::App* cmd = app.add_subcommand("learnings", "What the team learned, across all loops");
  cmd->require_subcommand(1);
  CLI::App* search =
      AddLoopCommand(*cmd, ctx, flags, "search", "Search the reflections' learnings, best match first", RunSearch);
  search->add_option("text", flags->words, "Words to look for (every word must match)")->required();
  search->add_option("--limit", flags->limit, "At most this many results")->capture_default_str();
}

const CommandRegistrar kRegistrar(68, RegisterLearnings);

}  // namespace
}  // namespace learnloop::cli
