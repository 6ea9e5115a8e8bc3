// Checks the demo's promise that the default workspace shows a ladder
// pyramid, with a small re-statement of the default rules in DESIGN.md.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "learnloop/demo.h"
#include "learnloop/event.h"

namespace learnloop {
namespace {

constexpr int64_t kMicrosPerDay = 86'400'000'000;
constexpr int kWindowDays = 90;

enum Rung { kAudience, kNetwork, kEngagement, kRelationship, kAction };

struct PersonLog {
  std::map<std::string, bool> following;  // channel -> latest follow-ish event was a follow
  int engagement_events = 0;
  std::set<int32_t> weeks;
  bool spoke = false;
  bool heard_back = false;
  bool acted = false;
};

bool IsOneOf(const std::string& kind, std::initializer_list<std::string_view> kinds) {
  for (std::string_view k : kinds) {
    if (kind == k) return true;
  }
  return false;
}

void Record(PersonLog& log, const std::string& channel, const std::string& kind, Day day, Day end_day) {
  if (IsOneOf(kind, {"follow", "subscribe"})) log.following[channel] = true;
  if (IsOneOf(kind, {"unfollow", "unsubscribe"})) log.following[channel] = false;
  if (day <= end_day - kWindowDays) return;
  if (IsOneOf(kind, {"like", "share", "comment", "reply", "mention", "message", "click", "open"})) {
    ++log.engagement_events;
    log.weeks.insert(IsoWeekIndex(day));
  }
  if (IsOneOf(kind, {"comment", "reply", "mention", "message"})) log.spoke = true;
  if (kind == "org_reply") log.heard_back = true;
  if (IsOneOf(kind, {"donation", "volunteer", "petition", "event_attend", "host"})) log.acted = true;
}

Rung RungOf(const PersonLog& log) {
  if (log.acted) return kAction;
  if (log.engagement_events >= 3 && log.weeks.size() >= 2 && log.spoke && log.heard_back) return kRelationship;
  if (log.engagement_events > 0) return kEngagement;
  for (const auto& [channel, following] : log.following) {
    if (following) return kNetwork;
  }
  return kAudience;
}

std::array<int64_t, 5> CountRungs(const DemoOptions& options) {
  std::ostringstream out;
  EXPECT_TRUE(GenerateDemoEvents(options, out).ok());
  std::istringstream in(out.str());
  std::string line;
  std::getline(in, line);
  std::map<std::string, PersonLog> logs;
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string ts, channel, person, kind;
    std::getline(cells, ts, ',');
    std::getline(cells, channel, ',');
    std::getline(cells, person, ',');
    std::getline(cells, kind, ',');
    auto parsed = ParseRfc3339(ts);
    EXPECT_TRUE(parsed.ok()) << line;
    if (!parsed.ok()) continue;
    Record(logs[person], channel, kind, static_cast<Day>(parsed->micros / kMicrosPerDay), options.end_day);
  }
  std::array<int64_t, 5> counts{};
  for (const auto& [person, log] : logs) ++counts[RungOf(log)];
  return counts;
}

TEST(DemoPyramidTest, DefaultWorkspaceIsAPyramidAsOfTheEndDay) {
  DemoOptions options;
  options.end_day = *ParseDate("2024-06-30");
  std::array<int64_t, 5> rungs = CountRungs(options);
  std::cout << "audience " << rungs[kAudience] << ", network " << rungs[kNetwork] << ", engagement "
            << rungs[kEngagement] << ", relationship " << rungs[kRelationship] << ", action " << rungs[kAction] << "\n";
  EXPECT_GT(rungs[kAction], 0);
  EXPECT_GT(rungs[kRelationship], rungs[kAction]);
  EXPECT_GT(rungs[kEngagement], 2 * rungs[kRelationship]);
  EXPECT_GT(rungs[kNetwork], 2 * rungs[kEngagement]);
}

}  // namespace
}  // namespace learnloop
