// Helpers for the ingest tests: read a whole buffer or file into events.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/event_reader.h"
#include "ingest/platform.h"

namespace learnloop::ingest::testing {

// Reads every event of `bytes`; the first error if any.
Result<std::vector<Event>> ReadAll(std::string bytes,
                                   const ReadOptions& options = {.mapping = nullptr, .display_name = "t.csv"});

// The error message of reading `bytes`, or "" when it reads cleanly.
std::string ErrorOf(std::string bytes, const ReadOptions& options = {.mapping = nullptr, .display_name = "t.csv"});

// The bytes of `path`; fails the test when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

// The path of a file under tests/testdata/ingest.
std::string TestDataPath(std::string_view name);

// The path of a file under tests/testdata/platforms ("mastodon/x.json").
std::string PlatformDataPath(std::string_view name);
// The files of ../shared/corpora/JSONTestSuite/test_parsing, by name; a
// test failure (and none) when the corpus is missing.
std::vector<std::filesystem::path> JsonTestSuiteFiles();

// What a platform file yielded, as owning copies.
struct Records : RecordSink {
  std::vector<learnloop::Event> events;
  std::vector<learnloop::Observation> observations;
  std::vector<PersonAttribute> attributes;
  std::vector<ContentItem> contents;
  ReadReport report;
  int64_t custom_kinds = 0;

  Status Event(const EventView& event) override;
  Status Observation(const learnloop::Observation& observation) override;
  Status Attribute(const PersonAttribute& attribute) override;
  Status Content(const ContentItem& item) override;
};

// Reads `bytes` as `format` (through ReadPlatformFile's checks) in UTC,
// naming the input `file`; the error if the file is unusable.
Result<Records> ReadPlatform(const PlatformFormat& format, std::string_view bytes, std::string_view file = "p.json");

// One format's own read of `text`, without ReadPlatformFile's checks: its
// status, what it handed on and its report.
struct PlatformRead {
  Status status;
  Records sink;
  ReadReport report;
};
PlatformRead ReadRaw(const PlatformFormat& format, std::string_view text, const PlatformContext& context);

PlatformContext Context(std::string file, std::string channel = "", TimeZone zone = TimeZone::Utc());

}  // namespace learnloop::ingest::testing
