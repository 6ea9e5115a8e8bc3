// The workspace's own operations: create one, say what it holds, import
// event files and export its data in the canonical formats.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "learnloop/json.h"
#include "learnloop/people.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

struct CreatedWorkspace {
  std::filesystem::path dir;
  std::string time_zone;
};
// Creates an empty workspace in `dir` (see Workspace::Init for the files
// and errors): AlreadyExists if it holds one; an unknown time zone is
// named; IoError if `dir` cannot be written.
Result<CreatedWorkspace> CreateWorkspace(const std::filesystem::path& dir, const InitOptions& options);

struct WorkspaceReport {
  WorkspaceInfo info;
  std::vector<AttributeSummary> attributes;  // by name
};
// Counts of events, people and imports, the latest imports and the stored
// person attributes. Reads only.
Result<WorkspaceReport> ShowWorkspace(Workspace& ws);

struct EventImportRequest {
  std::vector<std::filesystem::path> files;
  std::filesystem::path mapping_file;  // empty: the files are canonical
};
// The files imported, in order, up to the first that failed.
struct EventImports {
  std::vector<ImportSummary> imports;
  Status failure;  // OK, or why the next file was rejected (nothing from it kept)
};
// Imports each file as its own transaction (see Workspace::Import): a bad
// file is rejected whole, the files before it stay imported, and the ones
// after it are not read. A file's error comes back in `failure`, not as
// the Result's.
Result<EventImports> ImportEvents(Workspace& ws, const EventImportRequest& request);

enum class ExportData { kEvents, kPeople };
struct ExportRequest {
  ExportData what = ExportData::kEvents;
  ExportFormat format = ExportFormat::kCsv;
};
// "events" or "people", "csv" or "jsonl"; InvalidArgument for anything
// else and for people as JSON Lines (attributes are CSV only).
Result<ExportRequest> ParseExportRequest(std::string_view what, std::string_view format);
// Writes the events (see Workspace::Export) or the person attributes as
// person,attribute,value CSV to `out`. IoError when `out` fails. Reads only.
Status ExportWorkspace(Workspace& ws, const ExportRequest& request, std::ostream& out);
// The same into `file`, whole or not at all (written beside it and renamed
// into place; a link there is replaced, not followed). InvalidArgument when
// `file` is one of the workspace's own files (Workspace::CheckNotOwnFile).
Status ExportWorkspace(Workspace& ws, const ExportRequest& request, const std::filesystem::path& file);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const app::CreatedWorkspace& created);
Json ToJson(const app::WorkspaceReport& report);
Json ToJson(const ImportSummary& summary);
Json ToJson(const app::EventImports& done);

}  // namespace learnloop::json
