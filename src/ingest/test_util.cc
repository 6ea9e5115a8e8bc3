#include "ingest/test_util.h"

#include <gtest/gtest.h>

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

}  // namespace learnloop::ingest::testing
