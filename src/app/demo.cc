#include "learnloop/app/demo.h"

#include <fmt/format.h>

#include <fstream>

#include "app/demo_loop.h"
#include "learnloop/app/input.h"
#include "learnloop/workspace.h"

namespace learnloop::app {
namespace {

// Metrics for one group of the demo's people, to show person filters.
constexpr std::string_view kDemoMetrics = R"toml(
# The demo's CRM attributes (learnloop people attributes) at work: the
# same measures, for members only. See docs/people.md.
[[metric]]
name = "member_donations"
description = "Donations by members (CRM membership = member)"
type = "count"
kinds = ["donation"]
person = { membership = ["member"] }

[[metric]]
name = "riverbend_newsletter_readers"
description = "People in Riverbend (CRM city) who opened or clicked the newsletter that day"
type = "people"
kinds = ["open", "click"]
person = { city = ["Riverbend"] }
)toml";

Status AppendDemoMetrics(const std::filesystem::path& dir) {
  std::ofstream out(dir / kMetricsFileName, std::ios::binary | std::ios::app);
  out << kDemoMetrics;
  out.close();
  if (!out) return IoError(fmt::format("{}: cannot be written", (dir / kMetricsFileName).string()));
  return Status::Ok();
}

Result<DemoOptions> ResolveOptions(const DemoRequest& request, Day today) {
  DemoOptions options = request.options;
  LL_ASSIGN_OR_RETURN(options.end_day, ParseDay("--end", request.end, today));
  LL_RETURN_IF_ERROR(ValidateDemoOptions(options));
  return options;
}

Status GenerateFiles(const DemoOptions& options, const DemoWorkspace& demo, Progress& progress) {
  std::ofstream out(demo.file, std::ios::binary | std::ios::trunc);
  std::ofstream people(demo.people_file, std::ios::binary | std::ios::trunc);
  return GenerateDemoEvents(options, out, DemoFormat::kCsv, &people, &progress).status();
}

}  // namespace

Result<DemoWorkspace> CreateDemoWorkspace(const std::filesystem::path& dir, const DemoRequest& request,
                                          Progress& progress) {
  InitOptions init;
  init.time_zone = request.time_zone;
  init.org_name = request.options.org_name;
  LL_ASSIGN_OR_RETURN(Workspace ws, Workspace::Init(dir, init));
  ws.SetProgress(&progress);
  LL_ASSIGN_OR_RETURN(DemoOptions options, ResolveOptions(request, ws.Today()));
  DemoWorkspace demo;
  demo.dir = dir;
  demo.org_name = options.org_name;
  demo.days = options.days;
  demo.end_day = options.end_day;
  demo.file = dir / "demo-events.csv";
  demo.people_file = dir / "demo-people.csv";
  LL_RETURN_IF_ERROR(GenerateFiles(options, demo, progress));
  LL_ASSIGN_OR_RETURN(ImportSummary summary, ws.Import(demo.file, {}));
  demo.events = summary.added;
  PersonAttributeImportOptions crm;
  crm.person_column = "email";
  LL_ASSIGN_OR_RETURN(PersonAttributeImport attributes, ws.ImportPersonAttributes(demo.people_file, crm));
  demo.people_with_attributes = attributes.counts.people;
  LL_ASSIGN_OR_RETURN(demo.linked_people, ws.CountLinkedPeople());
  LL_RETURN_IF_ERROR(AppendDemoMetrics(dir));
  if (request.loop) {
    LL_ASSIGN_OR_RETURN(demo.loop, BuildDemoLoop(ws, options));
  }
  return demo;
}

Result<DemoOptions> ResolveDemoOptions(const DemoRequest& request, const Clock& clock) {
  return ResolveOptions(request, TimeZone::Utc().LocalDay(clock.Now()));
}

Result<DemoStats> GenerateDemo(const DemoOptions& options, const DemoOutput& output, Progress& progress) {
  return GenerateDemoEvents(options, *output.events, output.format, output.people, &progress);
}

}  // namespace learnloop::app
