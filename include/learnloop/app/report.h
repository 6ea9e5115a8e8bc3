// `report`: one self-contained HTML page on a period of the loop, for a
// board meeting or a funder: the ladder and its movement, the rungs over
// time, goals, the plans in play with their evaluations, and the learnings.
// It presents what the other operations return and computes nothing more.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "learnloop/app/caller.h"
#include "learnloop/json.h"
#include "learnloop/status.h"
#include "learnloop/time.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

struct ReportRequest {
  std::string from;          // empty: 30 days before `to`
  std::string to = "today";  // not after the caller's today
  std::string generator;     // names the tool in the footer ("learnloop 1.2"); may be empty
};

// The page and the period it covers. The loop is read as of `to` (goal
// progress, plan states, evaluations), the ladder as of `from` and `to`.
struct Report {
  Day from = 0;
  Day to = 0;
  Day generated = 0;  // the caller's today
  std::string html;   // no script, no link or resource outside the page
};
// Reads only. InvalidArgument naming --from or --to for a day that does not
// parse, for `from` after `to` and for `to` after today; the errors of the
// operations it reads (ShowLadder, ListGoals, ...). A plan that cannot be
// evaluated shows why instead of failing the report.
Result<Report> RenderReport(Workspace& ws, const Caller& caller, const ReportRequest& request);

struct WrittenReport {
  std::filesystem::path file;
  int64_t bytes = 0;
  Day from = 0;
  Day to = 0;
};
// RenderReport into `file`, whole or not at all (see ExportWorkspace).
// InvalidArgument when `file` is one of the workspace's own files.
Result<WrittenReport> WriteReport(Workspace& ws, const Caller& caller, const ReportRequest& request,
                                  const std::filesystem::path& file);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::WrittenReport& written);  // {"file", "bytes", "from", "to"}

}  // namespace learnloop::json
