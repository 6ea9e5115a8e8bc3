// What every golden runner shares: case folders, the line format of their
// case files, loading a case's events, and the `expect_error` check.
//
// A case file is lines of `key rest`; blank lines and lines starting with
// '#' (comments saying which edge the case pins) are skipped.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/event_table.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::golden {

// tests/golden/<kind> in the source tree.
std::filesystem::path CasesDir(std::string_view kind);

// The case folders under `dir`, sorted.
std::vector<std::string> CaseNames(const std::filesystem::path& dir);

// NotFound naming the file when it cannot be read.
Result<std::string> ReadFile(const std::filesystem::path& file);

struct Line {
  int number = 0;
  std::string key;   // up to the first space
  std::string rest;  // after it; empty when there is none
};

class CaseFile {
 public:
  // The file's meaningful lines; NotFound when it cannot be read.
  static Result<CaseFile> Read(const std::filesystem::path& file);

  const std::vector<Line>& lines() const { return lines_; }
  // "FILE:LINE: problem" as InvalidArgument.
  Status Error(const Line& line, std::string_view problem) const;
  // "FILE:LINE: problem" for reports of a case that ran but disagreed.
  std::string Where(const Line& line, std::string_view problem) const;

 private:
  std::string file_;
  std::vector<Line> lines_;
};

// The words of `text`, split on spaces.
std::vector<std::string> Words(std::string_view text);

// Adds every canonical event (CSV or JSON Lines) of `file` to `builder`.
Status AddEvents(const std::filesystem::path& file, engine::EventTableBuilder& builder);

// Canonical events as the engine's table in `zone`.
Result<std::shared_ptr<const engine::EventTable>> LoadEvents(const std::filesystem::path& file, const TimeZone& zone);

// Empty when `actual` failed with a message containing `expected`; else
// what happened instead.
std::string ErrorMismatch(const Status& actual, std::string_view expected);

// For the runners' own error tests: a fresh case folder under the
// temporary directory holding the given (file name, contents) pairs,
// removed again with the object.
class TempCase {
 public:
  TempCase(std::string_view name, std::initializer_list<std::pair<std::string_view, std::string_view>> files);
  ~TempCase();
  TempCase(const TempCase&) = delete;
  TempCase& operator=(const TempCase&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  // The path of its `expected` file as messages name it.
  std::string expected() const { return (dir_ / "expected").string(); }

 private:
  std::filesystem::path dir_;
};

}  // namespace learnloop::golden
