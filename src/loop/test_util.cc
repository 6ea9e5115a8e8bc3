#include "loop/test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "learnloop/workspace.h"
#include "store/store.h"

namespace learnloop::loop {
namespace fs = std::filesystem;

TestWorkspace::TestWorkspace() {
  std::string pattern = (fs::temp_directory_path() / "learnloop-loop-XXXXXX").string();
  dir_ = ::mkdtemp(pattern.data());
  auto store = store::OpenSqliteStore((dir_ / kStoreFileName).string(), store::OpenMode::kCreate);
  EXPECT_TRUE(store.ok()) << store.status().message();
}

TestWorkspace::~TestWorkspace() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

LearningLoop TestWorkspace::Open(Day today, const std::string& actor) const {
  LoopOptions options;
  options.actor = actor;
  options.today = today;
  options.now = Timestamp{int64_t{today} * 86400 * 1000000};
  auto loop = LearningLoop::Open(dir_, options);
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
