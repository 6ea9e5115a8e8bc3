// The demo's operations: a ready workspace holding a synthetic
// organization, or just the generated event file.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "learnloop/clock.h"
#include "learnloop/demo.h"
#include "learnloop/json.h"
#include "learnloop/progress.h"
#include "learnloop/status.h"

namespace learnloop::app {

struct DemoRequest {
  DemoOptions options;            // end_day is set from `end`
  std::string end = "today";      // the last day generated (see ParseDay)
  std::string time_zone = "UTC";  // of the workspace; `end`'s today is the workspace's
  bool loop = true;               // also goals and plans in progress (see DemoLoop)
};

// What the demo's learning loop holds (all zero when its history is
// shorter than kDemoLoopDays, or it was left out).
inline constexpr int kDemoLoopDays = 70;
struct DemoLoop {
  int goals = 0;
  int plans = 0;
  int decided = 0;
  int running = 0;
  int due_for_review = 0;  // running past their timebox
  int ideas = 0;
  int checkins = 0;
  int learnings = 0;
};

struct DemoWorkspace {
  std::filesystem::path dir;
  std::string org_name;
  int days = 0;
  Day end_day = 0;
  int64_t events = 0;                 // events imported
  std::filesystem::path file;         // the generated events, kept in the workspace
  std::filesystem::path people_file;  // the generated CRM export, kept too
  int64_t people_with_attributes = 0;
  int64_t linked_people = 0;  // supporters whose handle the CRM links to their email
  DemoLoop loop;
};
// Creates a workspace in `dir` (see Workspace::Init for its errors), fills
// it with the generated events and CRM attributes, adds metrics for
// members and one town to metrics.toml and, with `loop` and at least
// kDemoLoopDays of history, a learning loop in progress made through the
// loop's operations by the actor "demo": three goals, two plans decided
// with their reflections (one adapted into a running second loop with
// check-ins), one running past its timebox and two ideas from tactics. InvalidArgument naming the option
// out of range. Generation and import report to `progress`.
Result<DemoWorkspace> CreateDemoWorkspace(const std::filesystem::path& dir, const DemoRequest& request,
                                          Progress& progress = NoProgress());

// The options `request` names, with end_day resolved against today in UTC
// by `clock`; InvalidArgument naming the option out of range. Resolve
// before opening the outputs, so a bad option leaves them alone.
Result<DemoOptions> ResolveDemoOptions(const DemoRequest& request, const Clock& clock = SystemClock());

struct DemoOutput {
  std::ostream* events = nullptr;  // required
  DemoFormat format = DemoFormat::kCsv;
  std::ostream* people = nullptr;  // optional: the CRM export
};
// Writes the generated events (see GenerateDemoEvents), reporting the days
// generated to `progress`; IoError when a stream fails.
Result<DemoStats> GenerateDemo(const DemoOptions& options, const DemoOutput& output, Progress& progress = NoProgress());

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::DemoWorkspace& demo);

}  // namespace learnloop::json
