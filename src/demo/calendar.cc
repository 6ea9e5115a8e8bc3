#include "demo/calendar.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "demo/random.h"

namespace learnloop::demo {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

constexpr std::array<std::string_view, kTopicCount> kTopics = {"rivers", "flooding",    "heat",   "transit",
                                                               "trees",  "energy",      "policy", "volunteering",
                                                               "events", "fundraising", "youth",  "air-quality"};
constexpr int kIssueTopics = 7;  // the first topics are campaign issues
constexpr uint16_t Topic(int index) { return static_cast<uint16_t>(1u << index); }

struct CatalogEntry {
  std::string_view slug;
  uint16_t topics;
};
constexpr std::array<CatalogEntry, 5> kPetitions = {{
    {"clean-rivers-act", Topic(0) | Topic(6)},
    {"cooling-centers-now", Topic(2) | Topic(6)},
    {"fund-the-bus", Topic(3) | Topic(6)},
    {"protect-the-floodplain", Topic(1) | Topic(0)},
    {"street-trees-for-all", Topic(4) | Topic(2)},
}};
constexpr std::array<CatalogEntry, 6> kEvents = {{
    {"river-cleanup", Topic(0) | Topic(8)},
    {"tree-planting", Topic(4) | Topic(8)},
    {"town-hall", Topic(6) | Topic(8)},
    {"bike-ride", Topic(3) | Topic(8)},
    {"climate-cafe", Topic(8) | Topic(10)},
    {"heat-safety-workshop", Topic(2) | Topic(8)},
}};
constexpr std::array<CatalogEntry, 5> kVolunteerRoles = {{
    {"river-monitoring", Topic(0) | Topic(7)},
    {"phone-bank", Topic(6) | Topic(7)},
    {"event-crew", Topic(8) | Topic(7)},
    {"data-entry", Topic(7)},
    {"canvassing", Topic(6) | Topic(7)},
}};

constexpr int kPostHoursBegin = 8;  // the org posts in working hours, UTC
constexpr int kPostHoursEnd = 20;
constexpr double kWeekdayPosts = 2.4;
constexpr double kWeekendPosts = 0.8;
constexpr double kViralOdds = 0.02;
constexpr double kViralReach = 5.0;
constexpr int kPetitionDays = 30;

void AppendTwoDigits(unsigned value, std::string& out) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

int64_t SecondsIntoDay(Rng& rng, int begin_hour, int end_hour) {
  return static_cast<int64_t>(begin_hour) * 3600 +
         static_cast<int64_t>(rng.Below(static_cast<uint64_t>(end_hour - begin_hour) * 3600));
}

std::string SiteOf(std::string_view org_name) {
  std::string slug;
  for (char c : org_name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      alnum = true;
    }
    if (alnum) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) slug = "demo-org";
  return slug + ".example.org";
}

// Webinars run on the Wednesday of every fourth ISO week.
Day NextWebinar(Day day) {
  for (Day d = day; d < day + 28; ++d) {
    if (IsoWeekday(d) == 3 && IsoWeekIndex(d) % 4 == 1) return d;
  }
  return 0;
}

}  // namespace

uint16_t RandomTopics(Rng& rng) {
  auto topics = Topic(static_cast<int>(rng.Below(kIssueTopics)));
  if (rng.Bernoulli(0.5)) topics |= Topic(static_cast<int>(rng.Below(kTopicCount)));
  return topics;
}

void AppendTags(uint16_t topics, std::string& out) {
  bool first = true;
  for (int i = 0; i < kTopicCount; ++i) {
    if ((topics & Topic(i)) == 0) continue;
    if (!first) out.push_back(';');
    out += kTopics[i];
    first = false;
  }
}

void AppendDate(Day day, std::string& out) {
  CivilDate c = ToCivil(day);
  AppendTwoDigits(static_cast<unsigned>(c.year / 100), out);
  AppendTwoDigits(static_cast<unsigned>(c.year % 100), out);
  out.push_back('-');
  AppendTwoDigits(c.month, out);
  out.push_back('-');
  AppendTwoDigits(c.day, out);
}

OrgCalendar::OrgCalendar(uint64_t seed, Day first_day, int days, std::string_view org_name)
    : first_day_(first_day), site_(SiteOf(org_name)), days_(static_cast<size_t>(days)) {
  Rng rng(seed, 0xca1e7da5);
  for (Day d = first_day; d <= last_day(); ++d) PlanDay(d, rng);
  // Newcomers grow over the period, dip at weekends and surge for a few
  // days after a post goes viral.
  cumulative_arrivals_.resize(days_.size());
  double total = 0;
  double surge = 0;
  for (size_t i = 0; i < days_.size(); ++i) {
    OrgDay& day = days_[i];
    surge *= 0.6;
    for (const Post& post : day.posts) surge += post.reach >= kViralReach ? 3.0 : 0.0;
    double growth = 0.6 + 0.8 * static_cast<double>(i) / static_cast<double>(days_.size());
    day.arrival_weight = growth * (day.weekend ? 0.6 : 1.0) * (1.0 + surge);
    total += day.arrival_weight;
    cumulative_arrivals_[i] = total;
  }
  for (double& c : cumulative_arrivals_) c /= total;
}

void OrgCalendar::PlanDay(Day day, Rng& rng) {
  OrgDay& plan = days_[day - first_day_];
  int weekday = IsoWeekday(day);
  plan.weekend = weekday >= 6;
  int64_t day_start = int64_t{day} * kMicrosPerDay;
  int64_t posts = rng.Poisson(plan.weekend ? kWeekendPosts : kWeekdayPosts);
  for (int64_t i = 0; i < posts; ++i) {
    Post post;
    post.ts_micros = day_start + SecondsIntoDay(rng, kPostHoursBegin, kPostHoursEnd) * kMicrosPerSecond;
    post.topics = RandomTopics(rng);
    post.reach = static_cast<float>(rng.LogNormal(0, 0.3) * (rng.Bernoulli(kViralOdds) ? kViralReach : 1.0));
    plan.posts.push_back(post);
  }
  std::sort(plan.posts.begin(), plan.posts.end(),
            [](const Post& a, const Post& b) { return a.ts_micros < b.ts_micros; });
  for (const Post& post : plan.posts) plan.total_reach += post.reach;
  if (weekday == 4) {
    plan.has_issue = true;
    plan.issue = {day_start + kMicrosPerSecond * 10 * 3600, RandomTopics(rng), 1};
    plan.issue_page = static_cast<Page>(rng.Below(4));
  }
  if (weekday == 6 && IsoWeekIndex(day) % 2 == 0) {
    plan.has_event = true;
    plan.event_ts_micros = day_start + kMicrosPerSecond * 10 * 3600;
    plan.event_index = static_cast<uint8_t>((IsoWeekIndex(day) / 2) % kEvents.size());
  }
  plan.petition = static_cast<uint8_t>(((day - first_day_) / kPetitionDays) % kPetitions.size());
  plan.next_webinar = NextWebinar(day);
}

Day OrgCalendar::ArrivalDay(double quantile) const {
  auto it = std::lower_bound(cumulative_arrivals_.begin(), cumulative_arrivals_.end(), quantile);
  if (it == cumulative_arrivals_.end()) return last_day();
  return first_day_ + static_cast<Day>(it - cumulative_arrivals_.begin());
}

int OrgCalendar::VolunteerRoleCount() { return static_cast<int>(kVolunteerRoles.size()); }

uint16_t OrgCalendar::TopicsOf(ContentRef ref) const {
  switch (ref.type) {
    case ContentType::kPetition:
      return kPetitions[ref.index].topics;
    case ContentType::kEvent:
      return kEvents[ref.index].topics;
    case ContentType::kVolunteerRole:
      return kVolunteerRoles[ref.index].topics;
    case ContentType::kAppeal:
      return Topic(9);
    case ContentType::kHouseMeeting:
      return Topic(8);
    case ContentType::kWebinar:
      return Topic(6);
    default:
      return 0;
  }
}

void OrgCalendar::AppendContentId(ContentRef ref, std::string& out) const {
  switch (ref.type) {
    case ContentType::kNone:
      return;
    case ContentType::kPost:
      out += "post-";
      AppendDate(ref.day, out);
      out.push_back('-');
      out += std::to_string(ref.index);
      return;
    case ContentType::kIssue:
      out += "news-";
      AppendDate(ref.day, out);
      return;
    case ContentType::kPage: {
      out += site_;
      static constexpr std::array<std::string_view, 4> kPaths = {"/donate", "/petitions/", "/volunteer", "/webinars"};
      out += kPaths[ref.index];
      if (static_cast<Page>(ref.index) == Page::kPetition) out += kPetitions[At(ref.day).petition].slug;
      return;
    }
    case ContentType::kPetition:
      out += "petition-";
      out += kPetitions[ref.index].slug;
      return;
    case ContentType::kEvent:
      out += "event-";
      AppendDate(ref.day, out);
      out.push_back('-');
      out += kEvents[ref.index].slug;
      return;
    case ContentType::kWebinar:
      out += "webinar-";
      AppendDate(ref.day, out);
      return;
    case ContentType::kAppeal:
      out += "appeal-";
      out += FormatMonth(ref.day);
      return;
    case ContentType::kVolunteerRole:
      out += "volunteer-";
      out += kVolunteerRoles[ref.index].slug;
      return;
    case ContentType::kHouseMeeting:
      out += "house-meeting-";
      AppendDate(ref.day, out);
      return;
  }
}

}  // namespace learnloop::demo
