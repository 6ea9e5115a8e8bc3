#include "demo/simulator.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "learnloop/event.h"

namespace learnloop::demo {
namespace {

constexpr int64_t kMicrosPerDay = 86'400'000'000;

DemoOptions SmallOptions() {
  DemoOptions options;
  options.people = 500;
  options.days = 60;
  options.end_day = *ParseDate("2024-03-31");
  return options;
}

TEST(SimulatorTest, EachDayIsSortedUniqueAndInsideTheDay) {
  DemoOptions options = SmallOptions();
  Simulator simulator(options);
  std::vector<DemoEvent> events;
  int64_t total = 0;
  for (Day day = options.end_day - options.days + 1; day <= options.end_day; ++day) {
    simulator.SimulateDay(day, &events);
    total += static_cast<int64_t>(events.size());
    for (size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(events[i].ts_micros / kMicrosPerDay, day);
      if (i == 0) continue;
      EXPECT_FALSE(events[i] < events[i - 1]);
      EXPECT_FALSE(events[i].SameIdentity(events[i - 1]));
    }
  }
  EXPECT_GT(total, options.people);
}

TEST(SimulatorTest, EveryoneArrivesByTheEnd) {
  DemoOptions options = SmallOptions();
  Simulator simulator(options);
  std::vector<DemoEvent> events;
  std::set<uint32_t> joined;
  for (Day day = options.end_day - options.days + 1; day <= options.end_day; ++day) {
    simulator.SimulateDay(day, &events);
    for (const DemoEvent& e : events) {
      if (e.kind == Kind::kFollow || e.kind == Kind::kSubscribe) joined.insert(e.person);
    }
  }
  EXPECT_EQ(joined.size(), static_cast<size_t>(options.people));
  EXPECT_GE(simulator.CountIdentities(), options.people);
}

TEST(SimulatorTest, NamesMatchTheModelFile) {
  EXPECT_EQ(KindName(Kind::kFollow), "follow");
  EXPECT_EQ(KindName(Kind::kHost), "host");
  EXPECT_EQ(KindName(Kind::kWebinarSignup), "webinar_signup");
  EXPECT_EQ(ChannelName(Channel::kWebsite), "website");
  ASSERT_EQ(BuiltinKinds().size(), static_cast<size_t>(kKindCount - 1));
  for (int k = 0; k < kKindCount - 1; ++k) EXPECT_EQ(KindName(static_cast<Kind>(k)), BuiltinKinds()[k]);
  EXPECT_FALSE(IsBuiltinKind(KindName(Kind::kWebinarSignup)));
}

}  // namespace
}  // namespace learnloop::demo
