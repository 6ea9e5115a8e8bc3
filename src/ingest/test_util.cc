#include "ingest/test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace learnloop::ingest::testing {

Result<std::vector<Event>> ReadAll(std::string bytes, const ReadOptions& options) {
  LL_ASSIGN_OR_RETURN(std::unique_ptr<EventReader> reader, OpenEventBuffer(std::move(bytes), options));
  std::vector<Event> events;
  EventView view;
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, reader->Next(&view));
    if (!more) break;
    events.push_back(Event::From(view));
  }
  if (reader->counts().rows != static_cast<int64_t>(events.size())) return Internal("row count differs from events");
  return events;
}

std::string ErrorOf(std::string bytes, const ReadOptions& options) {
  Result<std::vector<Event>> events = ReadAll(std::move(bytes), options);
  return events.ok() ? "" : events.status().message();
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string TestDataPath(std::string_view name) {
  return std::string(LEARNLOOP_SOURCE_DIR) + "/tests/testdata/ingest/" + std::string(name);
}

std::vector<std::filesystem::path> JsonTestSuiteFiles() {
  const std::filesystem::path dir =
      std::filesystem::path(LEARNLOOP_SOURCE_DIR) / "../shared/corpora/JSONTestSuite/test_parsing";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) files.push_back(entry.path());
  if (ec) ADD_FAILURE() << dir << ": " << ec.message();
  std::sort(files.begin(), files.end());
  return files;
}

std::string PlatformDataPath(std::string_view name) {
  return std::string(LEARNLOOP_SOURCE_DIR) + "/tests/testdata/platforms/" + std::string(name);
}

Status Records::Event(const EventView& event) {
  events.push_back(learnloop::Event::From(event));
  return Status::Ok();
}

Status Records::Observation(const learnloop::Observation& observation) {
  observations.push_back(observation);
  return Status::Ok();
}

Status Records::Attribute(const PersonAttribute& attribute) {
  attributes.push_back(attribute);
  return Status::Ok();
}

Status Records::Content(const ContentItem& item) {
  contents.push_back(item);
  return Status::Ok();
}

Result<Records> ReadPlatform(const PlatformFormat& format, std::string_view bytes, std::string_view file) {
  Records records;
  PlatformContext context;
  context.file = file;
  LL_RETURN_IF_ERROR(ReadPlatformFile(format, bytes, context, records, records.report, records.custom_kinds));
  return records;
}

PlatformRead ReadRaw(const PlatformFormat& format, std::string_view text, const PlatformContext& context) {
  PlatformRead r;
  r.status = format.read(*ChunkedInput::FromView(text, context.file), context, r.sink, r.report);
  return r;
}

PlatformContext Context(std::string file, std::string channel, TimeZone zone) {
  return {.file = std::move(file), .channel = std::move(channel), .zone = std::move(zone)};
}

}  // namespace learnloop::ingest::testing
