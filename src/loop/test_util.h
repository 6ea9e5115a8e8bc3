// Test helpers: a fresh workspace (a real SQLite store and the default
// files), removed at the end of the test, and a LearningLoop over it.
#pragma once

#include <filesystem>
#include <string>

#include "learnloop/clock.h"
#include "learnloop/loop.h"

namespace learnloop::loop {

inline constexpr Day kTestToday = 20000;  // 2024-10-04

class TestWorkspace {
 public:
  TestWorkspace();
  ~TestWorkspace();
  TestWorkspace(const TestWorkspace&) = delete;
  TestWorkspace& operator=(const TestWorkspace&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  // Opens the loop as `actor` on day `today`, the clock at its midnight UTC;
  // throws (failing the test) if it cannot.
  LearningLoop Open(Day today = kTestToday, const std::string& actor = "alice");
  Result<LearningLoop> TryOpen(Day today = kTestToday, const std::string& actor = "alice");
  void WriteFile(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path dir_;
  FixedClock clock_{Timestamp{}};
};

// A goal on rung:relationship and a valid plan under it, ready to add.
Goal SampleGoal(Day today = kTestToday);
Plan SamplePlan(int64_t goal_id);

}  // namespace learnloop::loop
