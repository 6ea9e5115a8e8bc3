#include "learnloop/app/workspace.h"

#include <fmt/format.h>

#include "core/output_file.h"

namespace learnloop::app {

Result<CreatedWorkspace> CreateWorkspace(const std::filesystem::path& dir, const InitOptions& options) {
  LL_ASSIGN_OR_RETURN(Workspace ws, Workspace::Init(dir, options));
  return CreatedWorkspace{dir, ws.time_zone().name()};
}

Result<WorkspaceReport> ShowWorkspace(Workspace& ws) {
  WorkspaceReport report;
  LL_ASSIGN_OR_RETURN(report.info, ws.Info());
  LL_ASSIGN_OR_RETURN(report.attributes, ws.SummarizePersonAttributes());
  return report;
}

Result<EventImports> ImportEvents(Workspace& ws, const EventImportRequest& request) {
  ImportOptions options;
  options.mapping_file = request.mapping_file;
  EventImports done;
  for (const std::filesystem::path& file : request.files) {
    auto summary = ws.Import(file, options);
    if (!summary.ok()) {
      done.failure =
          summary.status().WithContext(fmt::format("{} was not imported (nothing from it was kept)", file.string()));
      break;
    }
    done.imports.push_back(std::move(summary).value());
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
