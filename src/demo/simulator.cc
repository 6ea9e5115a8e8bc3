#include "demo/simulator.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <tuple>

#include "learnloop/event.h"

namespace learnloop::demo {
namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kDayMicros = 86'400 * kSecond;
constexpr Day kNever = std::numeric_limits<Day>::max();

constexpr uint8_t ChannelBit(Channel channel) { return static_cast<uint8_t>(1u << static_cast<int>(channel)); }
constexpr uint8_t kNewsletterBit = ChannelBit(Channel::kNewsletter);
constexpr uint8_t kSocialBits = ChannelBit(Channel::kMastodon) | ChannelBit(Channel::kBluesky);
constexpr uint8_t kQuiet = 1;
constexpr uint8_t kEmailUsed = 2;

// Rates are per person per day. They are tuned so the default workspace
// shows a ladder pyramid and 1M people over 365 days give ~10M events.
constexpr double kEngagePerReach = 0.075;  // times interest and the day's reach
constexpr double kTalkRate = 0.012;        // mentions and messages, times interest
constexpr double kActRate = 0.0015;        // times (interest + warmth)
constexpr double kAttendRate = 0.02;       // on event days, times (interest + warmth)
constexpr double kLapseRate = 0.002;
constexpr double kWeekendActivity = 0.7;
constexpr float kWarmthDecay = 0.985f;  // a half-life of about 46 days
constexpr float kWarmthPerExchange = 1.0f;
constexpr float kWarmthPerAction = 0.5f;
constexpr float kHostWarmth = 1.5f;
constexpr double kHostAfterEventOdds = 0.15;  // warm attendees offer to host

constexpr double kOrgRepliesToComment = 0.5;
constexpr double kOrgRepliesToMention = 0.35;
constexpr double kOrgRepliesToMessage = 0.85;
constexpr double kOrgRepliesToEmail = 0.7;
constexpr double kReplyBackOdds = 0.45;

constexpr double kOpenPerInterest = 0.7;
constexpr double kMaxOpenOdds = 0.85;
constexpr double kClickOdds = 0.2;
constexpr double kClickOddsPerInterest = 0.2;
constexpr double kConvertOdds = 0.04;
constexpr double kIssueReplyPerInterest = 0.01;
constexpr double kIdleUnsubscribeOdds = 0.003;

constexpr double kUnfollowOnLapseOdds = 0.5;
constexpr double kReturnOdds = 0.65;
constexpr double kQuietMeanDays = 45;
constexpr double kRefollowOdds = 0.6;

constexpr std::array<std::string_view, kChannelCount> kChannelNames = {"mastodon", "bluesky", "newsletter", "crm",
                                                                       "website"};

float DrawInterest(Rng& rng) {
  double u = rng.Uniform();
  if (u < 0.66) return static_cast<float>(0.015 * rng.LogNormal(0, 0.5));  // dormant followers
  if (u < 0.88) return static_cast<float>(0.18 * rng.LogNormal(0, 0.9));   // occasional
  if (u < 0.98) return static_cast<float>(1.0 * rng.LogNormal(0, 0.4));    // regulars
  return static_cast<float>(4.0 * rng.LogNormal(0, 0.3));                  // superfans
}

uint8_t DrawIdentities(Rng& rng) {
  double u = rng.Uniform();
  uint8_t ids = u < 0.40   ? ChannelBit(Channel::kMastodon)
                : u < 0.62 ? ChannelBit(Channel::kBluesky)
                : u < 0.70 ? kSocialBits
                           : 0;
  if (ids == 0 || rng.Bernoulli(0.4)) ids |= kNewsletterBit;
  return ids;
}

Channel NthChannel(uint8_t bits, uint64_t n) {
  for (int c = 0; c < kChannelCount; ++c) {
    if ((bits & (1u << c)) != 0 && n-- == 0) return static_cast<Channel>(c);
  }
  return Channel::kMastodon;
}

Channel RandomChannel(uint8_t bits, Rng& rng) {
  return NthChannel(bits, rng.Below(static_cast<uint64_t>(std::popcount(bits))));
}

int64_t DelayMicros(Rng& rng, double mean_minutes) {
  return static_cast<int64_t>(rng.Exponential(mean_minutes * 60)) * kSecond;
}

}  // namespace

std::string_view ChannelName(Channel channel) { return kChannelNames[static_cast<int>(channel)]; }
std::string_view KindName(Kind kind) {
  // Kind holds the built-in kinds in their list's order, then one custom kind.
  const auto builtin = BuiltinKinds();
  const auto k = static_cast<size_t>(kind);
  return k < builtin.size() ? builtin[k] : "webinar_signup";
}

bool DemoEvent::operator<(const DemoEvent& other) const {
  return std::tie(ts_micros, person, channel, kind, content) <
         std::tie(other.ts_micros, other.person, other.channel, other.kind, other.content);
}

bool DemoEvent::SameIdentity(const DemoEvent& other) const {
  return ts_micros == other.ts_micros && person == other.person && channel == other.channel && kind == other.kind &&
         content == other.content;
}

// One day of one simulation: visits each arrived person and appends what
// they (and the org, replying to them) do that day.
class Simulator::DayRun {
 public:
  DayRun(Simulator& sim, Day day, std::vector<DemoEvent>& events)
      : sim_(sim),
        rng_(sim.rng_),
        plan_(sim.calendar_.At(day)),
        day_(day),
        day_start_(int64_t{day} * kDayMicros),
        events_(events) {}

  void Visit(uint32_t index, Person& person);

 private:
  int64_t day_end() const { return day_start_ + kDayMicros; }
  // A random second in the person's waking hours, mostly 07:00-23:00 UTC.
  int64_t Daytime();
  void Emit(int64_t ts, Channel channel, Kind kind, ContentRef content = {}, uint16_t topics = 0, float value = 0);
  bool DidToday(Channel channel, Kind kind, ContentRef content) const;

  void Arrive();
  void Return();
  void ReadIssue();
  void EngageSocial(Channel channel);
  void Talk();
  void Converse(Channel channel, Kind opener, int64_t ts, ContentRef content, uint16_t topics, double reply_odds);
  void Act(Kind kind, int64_t ts);
  Kind ChooseAction();
  void Attend();
  void Lapse();

  Simulator& sim_;
  Rng& rng_;
  const OrgDay& plan_;
  Day day_;
  int64_t day_start_;
  std::vector<DemoEvent>& events_;
  uint32_t index_ = 0;
  Person* person_ = nullptr;
  size_t person_begin_ = 0;  // where this person's events of the day start
};

void Simulator::DayRun::Visit(uint32_t index, Person& person) {
  index_ = index;
  person_ = &person;
  person_begin_ = events_.size();
  // Arriving or returning is the person's whole day, so nothing they do
  // precedes their follow.
  if (person.arrival == day_) return Arrive();
  if ((person.flags & kQuiet) != 0) {
    if (person.return_day == day_) Return();
    return;
  }
  person.warmth *= kWarmthDecay;
  if (plan_.has_issue && (person.follows & kNewsletterBit) != 0) ReadIssue();
  double activity = plan_.weekend ? kWeekendActivity : 1.0;
  double engage = person.interest * kEngagePerReach * plan_.total_reach;
  std::array<double, 6> rates = {
      (person.follows & ChannelBit(Channel::kMastodon)) != 0 ? engage : 0,
      (person.follows & ChannelBit(Channel::kBluesky)) != 0 ? engage : 0,
      (person.follows & kSocialBits) != 0 ? person.interest * kTalkRate * activity : 0,
      kActRate * (person.interest + person.warmth) * activity,
      plan_.has_event ? kAttendRate * (person.interest + person.warmth) : 0,
      kLapseRate,
  };
  double total = 0;
  for (double r : rates) total += r;
  for (int64_t n = rng_.Poisson(total); n > 0 && (person.flags & kQuiet) == 0; --n) {
    double pick = rng_.Uniform() * total;
    size_t which = 0;
    while (which + 1 < rates.size() && pick >= rates[which]) pick -= rates[which++];
    switch (which) {
      case 0:
        EngageSocial(Channel::kMastodon);
        break;
      case 1:
        EngageSocial(Channel::kBluesky);
        break;
      case 2:
        Talk();
        break;
      case 3:
        Act(ChooseAction(), Daytime());
        break;
      case 4:
        Attend();
        break;
      default:
        Lapse();
    }
  }
}

int64_t Simulator::DayRun::Daytime() {
  bool waking = rng_.Bernoulli(0.85);
  int64_t begin = waking ? 7 * 3600 : 0;
  int64_t span = waking ? 16 * 3600 : 24 * 3600;
  return day_start_ + (begin + static_cast<int64_t>(rng_.Below(static_cast<uint64_t>(span)))) * kSecond;
}

void Simulator::DayRun::Emit(int64_t ts, Channel channel, Kind kind, ContentRef content, uint16_t topics, float value) {
  events_.push_back({ts, index_, channel, kind, topics, content, value});
}

bool Simulator::DayRun::DidToday(Channel channel, Kind kind, ContentRef content) const {
  return std::any_of(
      events_.begin() + static_cast<std::ptrdiff_t>(person_begin_), events_.end(),
      [&](const DemoEvent& e) { return e.channel == channel && e.kind == kind && e.content == content; });
}

void Simulator::DayRun::Arrive() {
  Person& p = *person_;
  for (int c = 0; c < kChannelCount; ++c) {
    auto channel = static_cast<Channel>(c);
    if ((p.identities & ChannelBit(channel)) == 0) continue;
    Emit(Daytime(), channel, channel == Channel::kNewsletter ? Kind::kSubscribe : Kind::kFollow);
  }
  p.follows = p.identities;
}

void Simulator::DayRun::Return() {
  Person& p = *person_;
  p.flags &= static_cast<uint8_t>(~kQuiet);
  for (int c = 0; c < kChannelCount; ++c) {
    auto channel = static_cast<Channel>(c);
    uint8_t bit = ChannelBit(channel);
    if ((p.identities & bit) == 0 || (p.follows & bit) != 0 || !rng_.Bernoulli(kRefollowOdds)) continue;
    Emit(Daytime(), channel, channel == Channel::kNewsletter ? Kind::kSubscribe : Kind::kFollow);
    p.follows |= bit;
  }
}

void Simulator::DayRun::ReadIssue() {
  Person& p = *person_;
  const Post& issue = plan_.issue;
  ContentRef issue_ref{ContentType::kIssue, 0, day_};
  double open_odds = std::min(kMaxOpenOdds, kOpenPerInterest * p.interest);
  int64_t open_ts = issue.ts_micros + DelayMicros(rng_, 150);
  if (!rng_.Bernoulli(open_odds) || open_ts >= day_end()) {
    if (!rng_.Bernoulli(kIdleUnsubscribeOdds)) return;
    Emit(issue.ts_micros + DelayMicros(rng_, 240) % (day_end() - issue.ts_micros), Channel::kNewsletter,
         Kind::kUnsubscribe);
    p.follows &= static_cast<uint8_t>(~kNewsletterBit);
    return;
  }
  Emit(open_ts, Channel::kNewsletter, Kind::kOpen, issue_ref, issue.topics);
  if (rng_.Bernoulli(kIssueReplyPerInterest * std::min(p.interest, 3.0f))) {
    Converse(Channel::kNewsletter, Kind::kReply, open_ts + kMinute + DelayMicros(rng_, 10), issue_ref, issue.topics,
             kOrgRepliesToEmail);
  }
  if (!rng_.Bernoulli(kClickOdds + kClickOddsPerInterest * std::min(p.interest, 1.0f))) return;
  int64_t click_ts = open_ts + 20 * kSecond + DelayMicros(rng_, 3);
  int64_t view_ts = click_ts + (2 + static_cast<int64_t>(rng_.Below(8))) * kSecond;
  if (view_ts >= day_end()) return;
  Emit(click_ts, Channel::kNewsletter, Kind::kClick, issue_ref, issue.topics);
  ContentRef page{ContentType::kPage, static_cast<uint8_t>(plan_.issue_page), day_};
  Emit(view_ts, Channel::kWebsite, Kind::kView, page, issue.topics);
  p.flags |= kEmailUsed;
  if (!rng_.Bernoulli(kConvertOdds * (1 + p.warmth))) return;
  static constexpr std::array<Kind, 4> kPageAction = {Kind::kDonation, Kind::kPetition, Kind::kVolunteer,
                                                      Kind::kWebinarSignup};
  int64_t act_ts = view_ts + 30 * kSecond + DelayMicros(rng_, 3);
  if (act_ts < day_end()) Act(kPageAction[static_cast<size_t>(plan_.issue_page)], act_ts);
}

void Simulator::DayRun::EngageSocial(Channel channel) {
  if (plan_.posts.empty()) return;
  double pick = rng_.Uniform() * plan_.total_reach;
  size_t post = 0;
  while (post + 1 < plan_.posts.size() && pick >= plan_.posts[post].reach) pick -= plan_.posts[post++].reach;
  const Post& p = plan_.posts[post];
  ContentRef ref{ContentType::kPost, static_cast<uint8_t>(post + 1), day_};
  int64_t ts = p.ts_micros + 5 * kSecond + DelayMicros(rng_, 75);
  if (ts >= day_end()) {
    // Late posts collect their reactions before midnight.
    ts = p.ts_micros +
         static_cast<int64_t>(rng_.Below(static_cast<uint64_t>((day_end() - p.ts_micros) / kSecond))) * kSecond;
  }
  double kind = rng_.Uniform();
  if (kind < 0.15) return Converse(channel, Kind::kComment, ts, ref, p.topics, kOrgRepliesToComment);
  Kind reaction = kind < 0.75 ? Kind::kLike : kind < 0.87 ? Kind::kShare : Kind::kClick;
  // One like, share or click per post and person, as platforms allow.
  if (!DidToday(channel, reaction, ref)) Emit(ts, channel, reaction, ref, p.topics);
}

void Simulator::DayRun::Talk() {
  Channel channel = RandomChannel(person_->follows & kSocialBits, rng_);
  if (rng_.Bernoulli(0.7)) {
    return Converse(channel, Kind::kMention, Daytime(), {}, RandomTopics(rng_), kOrgRepliesToMention);
  }
  Converse(channel, Kind::kMessage, Daytime(), {}, 0, kOrgRepliesToMessage);
}

void Simulator::DayRun::Converse(Channel channel, Kind opener, int64_t ts, ContentRef content, uint16_t topics,
                                 double reply_odds) {
  if (ts >= day_end()) return;
  Emit(ts, channel, opener, content, topics);
  if (!rng_.Bernoulli(reply_odds)) return;
  int64_t org_ts = ts + kMinute + DelayMicros(rng_, 45);
  if (org_ts >= day_end()) return;
  Emit(org_ts, channel, Kind::kOrgReply, content, topics);
  person_->warmth += kWarmthPerExchange;
  int64_t back_ts = org_ts + 30 * kSecond + DelayMicros(rng_, 20);
  if (rng_.Bernoulli(kReplyBackOdds) && back_ts < day_end()) Emit(back_ts, channel, Kind::kReply, content, topics);
}

Kind Simulator::DayRun::ChooseAction() {
  double u = rng_.Uniform();
  if (u < 0.40) return Kind::kDonation;
  if (u < 0.72) return Kind::kPetition;
  if (u < 0.84) return Kind::kVolunteer;
  if (u < 0.90) return Kind::kWebinarSignup;
  return person_->warmth >= kHostWarmth ? Kind::kHost : Kind::kDonation;
}

void Simulator::DayRun::Act(Kind kind, int64_t ts) {
  Person& p = *person_;
  ContentRef content;
  float value = 0;
  switch (kind) {
    case Kind::kDonation:
      content = {ContentType::kAppeal, 0, day_};
      value = static_cast<float>(std::max(5.0, 5.0 * std::round(rng_.LogNormal(std::log(35.0), 0.8) / 5.0)));
      break;
    case Kind::kPetition:
      if ((p.petitions & (1u << plan_.petition)) != 0) return;
      p.petitions |= static_cast<uint8_t>(1u << plan_.petition);
      content = {ContentType::kPetition, plan_.petition, 0};
      break;
    case Kind::kVolunteer:
      content = {ContentType::kVolunteerRole,
                 static_cast<uint8_t>(rng_.Below(static_cast<uint64_t>(OrgCalendar::VolunteerRoleCount()))), 0};
      break;
    case Kind::kWebinarSignup:
      content = {ContentType::kWebinar, 0, plan_.next_webinar};
      break;
    default:
      content = {ContentType::kHouseMeeting, 0, day_ + 3 + static_cast<Day>(rng_.Below(12))};
  }
  if (DidToday(Channel::kCrm, kind, content)) return;
  Emit(ts, Channel::kCrm, kind, content, sim_.calendar_.TopicsOf(content), value);
  p.flags |= kEmailUsed;
  p.warmth += kWarmthPerAction;
}

void Simulator::DayRun::Attend() {
  ContentRef event{ContentType::kEvent, plan_.event_index, day_};
  if (DidToday(Channel::kCrm, Kind::kEventAttend, event)) return;
  // Check-ins run from 20 minutes before the start to 20 minutes after.
  int64_t ts = plan_.event_ts_micros - 20 * kMinute + static_cast<int64_t>(rng_.Below(uint64_t{40} * 60)) * kSecond;
  Emit(ts, Channel::kCrm, Kind::kEventAttend, event, sim_.calendar_.TopicsOf(event));
  person_->flags |= kEmailUsed;
  person_->warmth += kWarmthPerAction;
  if (person_->warmth >= kHostWarmth && rng_.Bernoulli(kHostAfterEventOdds)) {
    Act(Kind::kHost, plan_.event_ts_micros + kMinute * 2 * 60 + DelayMicros(rng_, 30));
  }
}

void Simulator::DayRun::Lapse() {
  Person& p = *person_;
  p.flags |= kQuiet;
  p.return_day = rng_.Bernoulli(kReturnOdds)
                     ? day_ + 1 + static_cast<Day>(std::min<int64_t>(rng_.Geometric(1 / kQuietMeanDays), 3650))
                     : kNever;
  if (p.follows == 0 || !rng_.Bernoulli(kUnfollowOnLapseOdds)) return;
  Channel channel = RandomChannel(p.follows, rng_);
  Emit(Daytime(), channel, channel == Channel::kNewsletter ? Kind::kUnsubscribe : Kind::kUnfollow);
  p.follows &= static_cast<uint8_t>(~ChannelBit(channel));
}

Simulator::Simulator(const DemoOptions& options)
    : calendar_(options.seed, options.end_day - options.days + 1, options.days, options.org_name),
      rng_(options.seed, 2) {
  Rng rng(options.seed, 1);
  people_.reserve(static_cast<size_t>(options.people));
  for (int64_t i = 0; i < options.people; ++i) {
    Person p;
    // Strictly increasing quantiles keep people_ sorted by arrival.
    p.arrival = calendar_.ArrivalDay((static_cast<double>(i) + rng.Uniform()) / static_cast<double>(options.people));
    p.return_day = kNever;
    p.interest = DrawInterest(rng);
    p.identities = DrawIdentities(rng);
    people_.push_back(p);
  }
}

void Simulator::SimulateDay(Day day, std::vector<DemoEvent>* events) {
  events->clear();
  while (arrived_ < people_.size() && people_[arrived_].arrival <= day) ++arrived_;
  DayRun run(*this, day, *events);
  for (size_t i = 0; i < arrived_; ++i) run.Visit(static_cast<uint32_t>(i), people_[i]);
  std::sort(events->begin(), events->end());
  auto same = [](const DemoEvent& a, const DemoEvent& b) { return a.SameIdentity(b); };
  events->erase(std::unique(events->begin(), events->end(), same), events->end());
}

namespace {

bool HasEmail(uint8_t identities, uint8_t flags) {
  return (identities & kNewsletterBit) != 0 || (flags & kEmailUsed) != 0;
}

}  // namespace

int64_t Simulator::CountIdentities() const {
  int64_t count = 0;
  for (size_t i = 0; i < arrived_; ++i) {
    const Person& p = people_[i];
    count +=
        std::popcount(static_cast<uint8_t>(p.identities & kSocialBits)) + (HasEmail(p.identities, p.flags) ? 1 : 0);
  }
  return count;
}

void Simulator::ForEachEmailPerson(const std::function<void(const EmailPerson&)>& visit) const {
  for (size_t i = 0; i < arrived_; ++i) {
    const Person& p = people_[i];
    if (!HasEmail(p.identities, p.flags)) continue;
    visit({.index = static_cast<uint32_t>(i),
           .interest = p.interest,
           .mastodon = (p.identities & ChannelBit(Channel::kMastodon)) != 0,
           .bluesky = (p.identities & ChannelBit(Channel::kBluesky)) != 0});
  }
}

}  // namespace learnloop::demo
