// What the learning-loop commands (goal, plan, plans, today, loops,
// learnings) share: the --as and --today flags, opening the loop, reading
// metrics, and the JSON and text forms of goals and plans.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <string>

#include "cli_context.h"
#include "learnloop/app.h"
#include "learnloop/json.h"
#include "learnloop/loop.h"

namespace learnloop::cli {

using LoopJson = nlohmann::ordered_json;

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
                         const char* help, int (*run)(CliContext&, Flags&)) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  AddLoopFlags(*cmd, flags->loop, ctx);
  cmd->callback([&ctx, flags, run] { ctx.run = [&ctx, flags, run] { return run(ctx, *flags); }; });
  return cmd;
}

// The caller the loop flags name: --as (else $USER) and --today (else
// $LEARNLOOP_TODAY, else the workspace's today).
inline Result<app::Caller> ResolveCaller(const LoopFlags& flags) {
  LL_ASSIGN_OR_RETURN(std::optional<Day> today, ResolveToday(flags.today));
  return app::Caller{ResolveActor(flags.as), today};
}

struct LoopSession {
  Workspace ws;
  LearningLoop loop;
};

inline Result<LoopSession> OpenLoop(const CliContext& ctx, const LoopFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(std::optional<Day> today, ResolveToday(flags.today));
  LL_ASSIGN_OR_RETURN(LearningLoop loop, ws.OpenLoop(ResolveActor(flags.as), today));
  return LoopSession{std::move(ws), std::move(loop)};
}

// Reads rung metrics from `ladder` and named ones from metrics.toml; when
// metrics.toml does not load, named metrics read as not available, with the
// reason, rather than failing the whole command.
inline MetricReader MakeMetricReader(Workspace& ws, Ladder ladder) {
  auto metrics = ws.LoadMetrics();
  return MetricReader(
      std::move(ladder),
      [m = std::move(metrics)](std::string_view name, Day from, Day to) -> Result<std::vector<std::optional<double>>> {
        if (!m.ok()) return m.status();
        LL_ASSIGN_OR_RETURN(MetricSeries series, m->Series(name, from, to));
        return series.values;
      });
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

inline LoopJson DayJson(std::optional<Day> day) { return json::DayOrNull(day); }

inline std::string DayText(std::optional<Day> day) { return day ? FormatDate(*day) : "-"; }

inline std::string StepText(const Plan& p) {
  return p.step_from == p.step_to ? p.step_to : p.step_from + " -> " + p.step_to;
}

inline LoopJson PlanJson(const Plan& p) { return json::ToJson(p); }

inline LoopJson OptionalNumber(std::optional<double> value) { return json::NumberOrNull(value); }

inline LoopJson ReadingJson(const InterimReading& r) { return json::ToJson(r); }

// "120 -> 134 (+11.7%)" or the reason there is no reading.
inline std::string ReadingText(const InterimReading& r) {
  if (!r.baseline || !r.current) return r.note;
  std::string change =
      *r.baseline == 0 ? std::string() : fmt::format(" ({:+.1f}%)", 100.0 * (*r.current - *r.baseline) / *r.baseline);
  return fmt::format("{:.4g} now vs {:.4g} baseline{}", *r.current, *r.baseline, change);
}

}  // namespace learnloop::cli
