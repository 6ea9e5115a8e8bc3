#include <fmt/format.h>
#include <fmt/ranges.h>

#include "loop_cli.h"

namespace learnloop::cli {
namespace {

struct LearningsFlags {
  LoopFlags loop;
  std::vector<std::string> words;
  int limit = 10;
};

Status RunSearch(CliContext& ctx, LearningsFlags& flags) {
  LL_ASSIGN_OR_RETURN(LoopCall call, OpenLoopCall(ctx, flags.loop));
  const app::LearningQuery query{fmt::format("{}", fmt::join(flags.words, " ")), flags.limit};
  LL_ASSIGN_OR_RETURN(app::LearningSearch search, app::SearchLearnings(call.ws, call.caller, query));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(search));
    return Status::Ok();
  }
  if (search.hits.empty()) PrintText(*ctx.out, fmt::format("No learnings match '{}'\n", search.query));
  for (const LearningHit& h : search.hits)
    PrintText(*ctx.out, fmt::format("plan {}: {}{}\n  {}\n", h.plan_id, h.plan_title,
                                    h.tags.empty() ? "" : fmt::format(" [{}]", fmt::join(h.tags, ", ")), h.snippet));
  return Status::Ok();
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
