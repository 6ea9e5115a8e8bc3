#include "demo/calendar.h"

#include <gtest/gtest.h>

#include <string>

namespace learnloop::demo {
namespace {

std::string ContentId(const OrgCalendar& calendar, ContentRef ref) {
  std::string out;
  calendar.AppendContentId(ref, out);
  return out;
}

TEST(OrgCalendarTest, ContentIdsAndTags) {
  Day may1 = *ParseDate("2024-05-01");
  OrgCalendar calendar(1, may1, 60, "Riverbend Climate Action!");
  EXPECT_EQ(ContentId(calendar, {ContentType::kPost, 2, may1}), "post-2024-05-01-2");
  EXPECT_EQ(ContentId(calendar, {ContentType::kIssue, 0, may1 + 1}), "news-2024-05-02");
  EXPECT_EQ(ContentId(calendar, {ContentType::kPage, 0, may1}), "riverbend-climate-action.example.org/donate");
  EXPECT_EQ(ContentId(calendar, {ContentType::kAppeal, 0, may1}), "appeal-2024-05");
  EXPECT_EQ(ContentId(calendar, {ContentType::kEvent, 0, may1 + 10}), "event-2024-05-11-river-cleanup");
  EXPECT_EQ(ContentId(calendar, {ContentType::kNone, 0, may1}), "");
  std::string tags;
  AppendTags(0b1000'0001, tags);
  EXPECT_EQ(tags, "rivers;volunteering");
}

TEST(OrgCalendarTest, WeeklyRhythm) {
  Day first = *ParseDate("2024-01-01");
  OrgCalendar calendar(3, first, 364, "Org");
  int weekday_posts = 0, weekend_posts = 0, issues = 0, events = 0;
  for (Day d = first; d <= calendar.last_day(); ++d) {
    const OrgDay& plan = calendar.At(d);
    (plan.weekend ? weekend_posts : weekday_posts) += static_cast<int>(plan.posts.size());
    if (plan.has_issue) {
      ++issues;
      EXPECT_EQ(IsoWeekday(d), 4);
    }
    if (plan.has_event) {
      ++events;
      EXPECT_EQ(IsoWeekday(d), 6);
    }
    for (size_t i = 1; i < plan.posts.size(); ++i) EXPECT_LE(plan.posts[i - 1].ts_micros, plan.posts[i].ts_micros);
  }
  EXPECT_EQ(issues, 52);
  EXPECT_EQ(events, 26);
  EXPECT_GT(weekday_posts / 5, 2 * weekend_posts / 2);
}

TEST(OrgCalendarTest, ArrivalDaysCoverThePeriodInOrder) {
  Day first = *ParseDate("2024-01-01");
  OrgCalendar calendar(3, first, 100, "Org");
  EXPECT_EQ(calendar.ArrivalDay(0.0), first);
  EXPECT_EQ(calendar.ArrivalDay(1.0), calendar.last_day());
  EXPECT_LE(calendar.ArrivalDay(0.3), calendar.ArrivalDay(0.6));
  // Growth: the second half draws more newcomers than the first.
  EXPECT_LT(calendar.ArrivalDay(0.5), first + 60);
  EXPECT_GT(calendar.ArrivalDay(0.5), first + 50);
}

}  // namespace
}  // namespace learnloop::demo
