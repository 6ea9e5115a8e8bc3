#include "learnloop/app/workspace.h"

#include <fmt/format.h>

#include "app/import_sources.h"
#include "core/output_file.h"
#include "ingest/platform.h"

namespace learnloop::app {

Result<CreatedWorkspace> CreateWorkspace(const std::filesystem::path& dir, const InitOptions& options) {
  LL_ASSIGN_OR_RETURN(Workspace ws, Workspace::Init(dir, options));
  return CreatedWorkspace{dir, ws.time_zone().name(), options.hash_emails};
}

Result<WorkspaceReport> ShowWorkspace(Workspace& ws) {
  WorkspaceReport report;
  LL_ASSIGN_OR_RETURN(report.info, ws.Info());
  LL_ASSIGN_OR_RETURN(report.attributes, ws.SummarizePersonAttributes());
  return report;
}

std::vector<ImportFormat> ImportFormats() {
  std::vector<ImportFormat> formats = {{std::string(kCanonicalFormat), "canonical event CSV or JSON Lines"}};
  for (const ingest::PlatformFormat* format : ingest::PlatformFormats())
    formats.push_back({std::string(format->name), std::string(format->title)});
  return formats;
}

Result<EventImports> ImportEvents(Workspace& ws, const EventImportRequest& request) {
  ImportOptions options;
  options.mapping_file = request.mapping_file;
  options.format = request.format;
  options.channel = request.channel;
  options.strict = request.strict;
  options.dry_run = request.dry_run;
  EventImports done;
  auto import = [&](const ImportSource& source) -> Status {
    ImportOptions file_options = options;
    file_options.display_name = source.name;
    // A file found in a folder or archive may be anything; one named on
    // its own is meant to be imported, and refusing it says why.
    if (source.found && options.format.empty()) {
      LL_ASSIGN_OR_RETURN(std::optional<std::string> why, ws.WhyNotImportable(source.path, file_options));
      if (why) {
        std::string_view reason = *why;
        if (reason.starts_with(source.name)) reason.remove_prefix(source.name.size());
        while (!reason.empty() && (reason.front() == ':' || reason.front() == ' ')) reason.remove_prefix(1);
        done.passed_over.push_back({source.name, std::string(reason)});
        return Status::Ok();
      }
    }
    auto summary = ws.Import(source.path, file_options);
    if (!summary.ok())
      return summary.status().WithContext(fmt::format("{} was not imported (nothing from it was kept)", source.name));
    done.imports.push_back(std::move(summary).value());
    return Status::Ok();
  };
  auto pass_over = [&](PassedOverFile file) { done.passed_over.push_back(std::move(file)); };
  for (const std::filesystem::path& path : request.files) {
    done.failure = ForEachImportSource(path, import, pass_over);
    if (!done.failure.ok()) break;
  }
  return done;
}

Result<ExportRequest> ParseExportRequest(std::string_view what, std::string_view format) {
  ExportRequest request;
  if (what == "people") {
    request.what = ExportData::kPeople;
  } else if (what != "events") {
    return InvalidArgument(fmt::format("export '{}': expected events or people", what));
  }
  if (format == "jsonl") {
    request.format = ExportFormat::kJsonl;
  } else if (format != "csv") {
    return InvalidArgument(fmt::format("--format '{}': expected csv or jsonl", format));
  }
  if (request.what == ExportData::kPeople && request.format != ExportFormat::kCsv)
    return InvalidArgument("person attributes are exported as CSV only; drop --format");
  return request;
}

Status ExportWorkspace(Workspace& ws, const ExportRequest& request, std::ostream& out) {
  return request.what == ExportData::kPeople ? ws.ExportPersonAttributes(out) : ws.Export(out, request.format);
}

Status ExportWorkspace(Workspace& ws, const ExportRequest& request, const std::filesystem::path& file) {
  LL_RETURN_IF_ERROR(ws.CheckNotOwnFile(file));
  LL_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(file, {.durable = true}));
  LL_RETURN_IF_ERROR(ExportWorkspace(ws, request, out.stream()).WithContext(file.string()));
  return out.Commit();
}

}  // namespace learnloop::app
