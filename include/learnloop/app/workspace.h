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
  bool emails_hashed = false;  // its key is in dir/kEmailKeyFileName
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
  // Files, folders (every file under them) and .zip or tar archives (every
  // member); see ImportEvents.
  std::vector<std::filesystem::path> files;
  std::filesystem::path mapping_file;  // empty: the files are canonical
  std::string format;                  // see ImportOptions
  std::string channel;
  bool strict = false;
  bool dry_run = false;  // read and check each file, write nothing
};
// A format `import --format` takes: kCanonicalFormat, then each platform's.
struct ImportFormat {
  std::string name;
  std::string title;
};
std::vector<ImportFormat> ImportFormats();

// A file found in a folder or archive that was not read, and why.
struct PassedOverFile {
  std::string file;
  std::string reason;
};

// The files imported, in order, up to the first that failed.
struct EventImports {
  std::vector<ImportSummary> imports;
  std::vector<PassedOverFile> passed_over;  // in folders and archives, in the order met
  Status failure;                           // OK, or why the next file was rejected (nothing from it kept)
};
// Imports each file as its own transaction (see Workspace::Import): a bad
// file is rejected whole, the files before it stay imported, and the ones
// after it are not read. A file's error comes back in `failure`, not as
// the Result's. A folder or archive stands for the files in it, in name
// order (import_sources.h): each is recognized by its content, and one
// that is no format learnloop reads (a manifest, an image, a hidden
// file) is passed over with its reason instead of failing the import.
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
