#include "loop/test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "learnloop/workspace.h"

namespace learnloop::loop {
namespace fs = std::filesystem;

TestWorkspace::TestWorkspace() {
  std::string pattern = (fs::temp_directory_path() / "learnloop-loop-XXXXXX").string();
  dir_ = ::mkdtemp(pattern.data());
  auto ws = Workspace::Init(dir_, InitOptions());
  EXPECT_TRUE(ws.ok()) << ws.status().message();
}

TestWorkspace::~TestWorkspace() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Result<LearningLoop> TestWorkspace::TryOpen(Day today, const std::string& actor) {
  clock_.Set(Timestamp{int64_t{today} * 86400 * 1000000});
  LL_ASSIGN_OR_RETURN(Workspace ws, Workspace::Open(dir_, clock_));
  return ws.OpenLoop(actor, today);
}

LearningLoop TestWorkspace::Open(Day today, const std::string& actor) {
  auto loop = TryOpen(today, actor);
  if (!loop.ok()) throw std::runtime_error(loop.status().message());
  return std::move(loop).value();
}

void TestWorkspace::WriteFile(const std::string& name, const std::string& text) const {
  std::ofstream(dir_ / name) << text;
}

Goal SampleGoal(Day today) {
  Goal goal;
  goal.title = "200 more people at Relationship";
  goal.metric = "rung:relationship";
  goal.target = 200;
  goal.start = today;
  goal.deadline = today + 180;
  return goal;
}

Plan SamplePlan(int64_t goal_id) {
  Plan plan;
  plan.title = "Reply week";
  plan.goal_id = goal_id;
  plan.hypothesis = "if we reply to every comment then more people talk with us because they feel heard";
  plan.metric = "rung:relationship";
  return plan;
}

}  // namespace learnloop::loop
