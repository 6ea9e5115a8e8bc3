// Test helpers: a fresh workspace directory holding a real SQLite store,
// removed at the end of the test, and a LearningLoop over it.
#pragma once

#include <filesystem>
#include <string>

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
  // Opens the loop as `actor` on day `today`; the test fails if it cannot.
  LearningLoop Open(Day today = kTestToday, const std::string& actor = "alice") const;
  void WriteFile(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path dir_;
};

// A goal on rung:relationship and a valid plan under it, ready to add.
Goal SampleGoal(Day today = kTestToday);
Plan SamplePlan(int64_t goal_id);

}  // namespace learnloop::loop
