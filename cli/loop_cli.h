// What the learning-loop commands (goal, plan, plans, checkin, today,
// loops, learnings) share: the --as and --today flags, plan ids, and the
// text forms of plans and readings.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <memory>
#include <string>
#include <utility>

#include "cli_context.h"
#include "learnloop/app.h"
#include "learnloop/loop.h"
#include "print_report.h"

namespace learnloop::cli {

struct LoopFlags {
  std::string as;
  std::string today;
};

// --as, --today and --json.
inline void AddLoopFlags(CLI::App& cmd, LoopFlags& flags, CliContext& ctx) {
  cmd.add_option("--as", flags.as, "Who makes the change, for the history (default: $USER)");
  cmd.add_option("--today", flags.today, "Take this day (YYYY-MM-DD) as today (default: $LEARNLOOP_TODAY or today)");
  AddJsonFlag(cmd, ctx);
}

// A subcommand of `parent` with the loop flags (flags->loop) that runs `run`.
template <typename Flags>
CLI::App* AddLoopCommand(CLI::App& parent, CliContext& ctx, std::shared_ptr<Flags> flags, const char* name,
                         const char* help, Status (*run)(CliContext&, Flags&)) {
  CLI::App* cmd = AddCommand(parent, ctx, flags, name, help, run);
  AddLoopFlags(*cmd, flags->loop, ctx);
  return cmd;
}

// The caller the loop flags name: --as (else $USER) and --today (else
// $LEARNLOOP_TODAY, else the workspace's today).
inline Result<app::Caller> ResolveCaller(const LoopFlags& flags) {
  LL_ASSIGN_OR_RETURN(std::optional<Day> today, ResolveToday(flags.today));
  return app::Caller{ResolveActor(flags.as), today, "cli"};
}

// A loop command's workspace and caller.
struct LoopCall {
  Workspace ws;
  app::Caller caller;
};
inline Result<LoopCall> OpenLoopCall(const CliContext& ctx, const LoopFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::Caller caller, ResolveCaller(flags));
  return LoopCall{std::move(ws), std::move(caller)};
}

// "12" or "#12".
inline Result<int64_t> ParseId(std::string_view what, std::string_view text) {
  std::string_view digits = !text.empty() && text.front() == '#' ? text.substr(1) : text;
  int64_t id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || end != digits.data() + digits.size() || id <= 0)
    return InvalidArgument(fmt::format("{} '{}': expected a number such as 3 (see `learnloop plans`)", what, text));
  return id;
}

// ParseId for an optional flag: unset when empty.
inline Result<std::optional<int64_t>> ParseOptionalId(std::string_view what, std::string_view text) {
  if (text.empty()) return std::optional<int64_t>();
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId(what, text));
  return std::optional<int64_t>(id);
}

inline std::string DayText(std::optional<Day> day) { return day ? FormatDate(*day) : "-"; }

inline std::string StepText(const Plan& p) {
  return p.step_from == p.step_to ? p.step_to : p.step_from + " -> " + p.step_to;
}

// "120 -> 134 (+11.7%)" or the reason there is no reading.
inline std::string ReadingText(const InterimReading& r) {
  if (!r.baseline || !r.current) return r.note;
  std::string change =
      *r.baseline == 0 ? std::string() : fmt::format(" ({:+.1f}%)", 100.0 * (*r.current - *r.baseline) / *r.baseline);
  return fmt::format("{:.4g} now vs {:.4g} baseline{}", *r.current, *r.baseline, change);
}

}  // namespace learnloop::cli
