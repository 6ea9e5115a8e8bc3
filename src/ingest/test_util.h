// Helpers for the ingest tests: read a whole buffer or file into events.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/event_reader.h"

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

}  // namespace learnloop::ingest::testing
