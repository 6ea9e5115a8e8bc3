// The organization's side of the demo: what it publishes and runs on each
// day (social posts, the weekly newsletter, events, webinars, petitions),
// how content ids and tags are spelled, and how many newcomers each day
// draws. It depends on the seed and the period only, not on the people.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/time.h"

namespace learnloop::demo {

class Rng;

// Topics are bits of a uint16_t; tags list the set topics in this order.
inline constexpr int kTopicCount = 12;
void AppendTags(uint16_t topics, std::string& out);
// One campaign issue, sometimes with a second topic of any kind.
uint16_t RandomTopics(Rng& rng);

// "2024-05-01".
void AppendDate(Day day, std::string& out);

enum class ContentType : uint8_t {
  kNone,
  kPost,           // "post-2024-05-01-2" (index 1 = first post of the day)
  kIssue,          // "news-2024-05-02"
  kPage,           // "<site>/donate", index = Page
  kPetition,       // "petition-clean-rivers-act", index into the petitions
  kEvent,          // "event-2024-05-11-river-cleanup", index into the events
  kWebinar,        // "webinar-2024-05-15"
  kAppeal,         // "appeal-2024-05", the month's fundraising appeal
  kVolunteerRole,  // "volunteer-river-monitoring"
  kHouseMeeting,   // "house-meeting-2024-05-03"
};
enum class Page : uint8_t { kDonate, kPetition, kVolunteer, kWebinar };

struct ContentRef {
  ContentType type = ContentType::kNone;
  uint8_t index = 0;
  Day day = 0;
  auto operator<=>(const ContentRef&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads it
};

struct Post {
  int64_t ts_micros = 0;
  uint16_t topics = 0;
  float reach = 1;  // relative odds that a follower engages with it
};

struct OrgDay {
  bool weekend = false;
  std::vector<Post> posts;  // cross-posted to Mastodon and Bluesky
  float total_reach = 0;
  bool has_issue = false;  // the weekly newsletter goes out on Thursdays
  Post issue;
  Page issue_page = Page::kDonate;  // where the issue's call to action links
  bool has_event = false;           // every other Saturday
  int64_t event_ts_micros = 0;
  uint8_t event_index = 0;
  uint8_t petition = 0;       // the petition the org promotes now
  Day next_webinar = 0;       // the next webinar day, or 0 if none
  double arrival_weight = 0;  // relative number of newcomers
};

class OrgCalendar {
 public:
  OrgCalendar(uint64_t seed, Day first_day, int days, std::string_view org_name);

  Day first_day() const { return first_day_; }
  Day last_day() const { return first_day_ + static_cast<Day>(days_.size()) - 1; }
  const OrgDay& At(Day day) const { return days_[day - first_day_]; }

  // The day by which a `quantile` (0..1) of all newcomers have arrived.
  Day ArrivalDay(double quantile) const;

  // Appends the content id; pages are prefixed with the org's website.
  void AppendContentId(ContentRef ref, std::string& out) const;
  // The topics of catalog content (petitions, events, roles, pages).
  uint16_t TopicsOf(ContentRef ref) const;
  static int VolunteerRoleCount();

 private:
  void PlanDay(Day day, Rng& rng);

  Day first_day_;
  std::string site_;
  std::vector<OrgDay> days_;
  std::vector<double> cumulative_arrivals_;
};

}  // namespace learnloop::demo
