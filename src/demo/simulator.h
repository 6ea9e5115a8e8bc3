// The demo's behavioral model, simulated one day at a time over everyone
// who has arrived, so output comes out in time order with bounded memory.
//
// People arrive over the period (more on weekdays and after a viral post)
// and follow the org on Mastodon and/or Bluesky and/or subscribe to its
// newsletter. Each has a fixed interest drawn from a mixture: most are
// dormant followers, some occasional, a few regulars and superfans. Each
// day a person's engagement (like, share, click, comment on that day's
// posts), talk (mention, message), actions (donation, petition, volunteer,
// webinar_signup, host in the CRM under their email) and lapsing are
// Poisson events whose rates scale with interest and the day's reach.
// Subscribers open, click and sometimes reply to the Thursday newsletter;
// a click shows a page view and may convert. The org replies to many
// comments, mentions and messages; each exchange warms the person, and
// warmth (decaying over weeks) raises the odds of acting and attending the
// fortnightly Saturday event. Lapsed people go quiet, often unfollow, and
// some come back weeks later and follow again.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "demo/calendar.h"
#include "demo/random.h"
#include "learnloop/demo.h"

namespace learnloop::demo {

enum class Channel : uint8_t { kMastodon, kBluesky, kNewsletter, kCrm, kWebsite };
inline constexpr int kChannelCount = 5;
std::string_view ChannelName(Channel channel);

// The built-in kinds in src/model/event.cc order, then the demo's one
// custom kind.
enum class Kind : uint8_t {
  kFollow,
  kUnfollow,
  kSubscribe,
  kUnsubscribe,
  kView,
  kLike,
  kShare,
  kComment,
  kReply,
  kMention,
  kMessage,
  kClick,
  kOpen,
  kOrgReply,
  kDonation,
  kVolunteer,
  kPetition,
  kEventAttend,
  kHost,
  kWebinarSignup,
};
inline constexpr int kKindCount = 20;
std::string_view KindName(Kind kind);

// One generated event; the person's string follows from (person, channel).
struct DemoEvent {
  int64_t ts_micros = 0;
  uint32_t person = 0;
  Channel channel = Channel::kMastodon;
  Kind kind = Kind::kFollow;
  uint16_t topics = 0;
  ContentRef content;
  float value = 0;  // a donation's amount; 0 for other kinds

  // Orders by ts, then by the rest of the identity.
  bool operator<(const DemoEvent& other) const;
  bool SameIdentity(const DemoEvent& other) const;
};

class Simulator {
 public:
  // Precondition: ValidateDemoOptions(options) is ok.
  explicit Simulator(const DemoOptions& options);

  const OrgCalendar& calendar() const { return calendar_; }
  int64_t people() const { return static_cast<int64_t>(people_.size()); }

  // Replaces *events with day `day`'s events, sorted and with unique
  // identities. Call for each day of the period in order.
  void SimulateDay(Day day, std::vector<DemoEvent>* events);

  // Distinct person strings used so far.
  int64_t CountIdentities() const;

  // Someone with an email identity (newsletter or CRM), and which social
  // accounts they also have.
  struct EmailPerson {
    uint32_t index;
    float interest;
    bool mastodon;
    bool bluesky;
  };
  // Calls visit for each person so far who has an email identity, by
  // person index.
  void ForEachEmailPerson(const std::function<void(const EmailPerson&)>& visit) const;

 private:
  // ~20 bytes per person, so 10 million people fit in ~200 MB.
  struct Person {
    Day arrival = 0;
    Day return_day = 0;      // when a quiet person comes back; kNever if not
    float interest = 0;      // scales every rate; heavy-tailed over people
    float warmth = 0;        // grows with exchanges and actions, decays daily
    uint8_t identities = 0;  // ChannelBit()s of the channels they joined
    uint8_t follows = 0;     // the subset they follow or subscribe to now
    uint8_t flags = 0;       // kQuiet, kEmailUsed
    uint8_t petitions = 0;   // bit i: signed petition i
  };
  class DayRun;

  OrgCalendar calendar_;
  std::vector<Person> people_;
  size_t arrived_ = 0;  // people_ is sorted by arrival day
  Rng rng_;
};

}  // namespace learnloop::demo
