#include "learnloop/demo.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "demo/names.h"
#include "demo/random.h"
#include "demo/simulator.h"
#include "ingest/event_writer.h"

namespace learnloop {
namespace {

constexpr int64_t kMaxPeople = 10'000'000;
constexpr int kMaxDays = 3650;

// Turns compact simulated events into canonical rows; the strings are
// reused across events, so a view is valid until the next Render().
class EventRenderer {
 public:
  EventRenderer(uint64_t seed, const demo::OrgCalendar& calendar) : names_(seed), calendar_(calendar) {}

  EventView Render(const demo::DemoEvent& e) {
    person_.clear();
    content_.clear();
    tags_.clear();
    switch (e.channel) {
      case demo::Channel::kMastodon:
        names_.AppendMastodon(e.person, person_);
        break;
      case demo::Channel::kBluesky:
        names_.AppendBluesky(e.person, person_);
        break;
      default:
        names_.AppendEmail(e.person, person_);
    }
    calendar_.AppendContentId(e.content, content_);
    demo::AppendTags(e.topics, tags_);
    EventView view{Timestamp{e.ts_micros},
                   demo::ChannelName(e.channel),
                   person_,
                   demo::KindName(e.kind),
                   content_,
                   std::nullopt,
                   tags_};
    if (e.kind == demo::Kind::kDonation) view.value = e.value;
    return view;
  }

 private:
  demo::NameBook names_;
  const demo::OrgCalendar& calendar_;
  std::string person_;
  std::string content_;
  std::string tags_;
};

}  // namespace

Status ValidateDemoOptions(const DemoOptions& options) {
  if (options.people < 1 || options.people > kMaxPeople) {
    return InvalidArgument(fmt::format("--people must be between 1 and 10000000; got {}", options.people));
  }
  if (options.days < 1 || options.days > kMaxDays) {
    return InvalidArgument(fmt::format("--days must be between 1 and {}; got {}", kMaxDays, options.days));
  }
  Day first = options.end_day - options.days + 1;
  Day last_supported = FromCivil({9999, 12, 31}) - 30;  // room for content dated a little after the end
  if (first < 0 || options.end_day > last_supported) {
    return InvalidArgument(fmt::format("--end must leave all {} days between 1970-01-01 and 9999-11-30; got {}",
                                       options.days, FormatDate(options.end_day)));
  }
  return Status::Ok();
}

int64_t EstimateDemoEvents(const DemoOptions& options) {
  // Fitted to runs of 30 to 3650 days (within 3%): arrival events, then
  // activity that grows with the period but slower as lapses accumulate.
  constexpr double kArrivalEvents = 1.26;
  constexpr double kPerDay = 0.0253;
  constexpr double kLapseDays = 3400;
  double days = options.days;
  double per_person = kArrivalEvents + kPerDay * days / (1 + days / kLapseDays);
  return std::llround(static_cast<double>(options.people) * per_person);
}

namespace {

// The CRM knows where supporters live (towns around the org) and who pays
// membership dues; engaged people are members more often. Organizers note
// the social accounts of some supporters they know (more often the engaged
// ones): those columns are what links a handle to an email.
Status WriteDemoPeople(const demo::Simulator& simulator, uint64_t seed, std::ostream& out) {
  constexpr std::array<std::pair<std::string_view, double>, 5> kTowns = {
      {{"Riverbend", 0.40}, {"Millbrook", 0.20}, {"Cedar Falls", 0.15}, {"Eastport", 0.15}, {"Oak Hollow", 0.10}}};
  constexpr double kCityUnknown = 0.10;
  demo::NameBook names(seed);
  std::string line = "email,city,membership,mastodon,bluesky\n";
  simulator.ForEachEmailPerson([&](const demo::Simulator::EmailPerson& person) {
    demo::Rng rng(seed, (uint64_t{1} << 40) + person.index);  // apart from the simulator's streams
    names.AppendEmail(person.index, line);
    line.push_back(',');
    if (!rng.Bernoulli(kCityUnknown)) {
      double u = rng.Uniform();
      size_t town = 0;
      while (town + 1 < kTowns.size() && u >= kTowns[town].second) u -= kTowns[town++].second;
      line.append(kTowns[town].first);
    }
    const double engaged = person.interest / (person.interest + 1.0);
    line.append(rng.Bernoulli(0.1 + 0.6 * engaged) ? ",member," : ",friend,");
    const double noted_odds = 0.15 + 0.6 * engaged;
    if (person.mastodon && rng.Bernoulli(noted_odds)) names.AppendMastodon(person.index, line);
    line.push_back(',');
    if (person.bluesky && rng.Bernoulli(noted_odds)) names.AppendBluesky(person.index, line);
    line.push_back('\n');
    if (line.size() > (1 << 16)) {
      out << line;
      line.clear();
    }
  });
  out << line;
  out.flush();
  if (!out) return IoError("could not write the demo people (disk full?)");
  return Status::Ok();
}

Result<DemoStats> WriteDemo(const DemoOptions& options, std::ostream& out, DemoFormat format, std::ostream* people_out,
                            Progress& progress) {
  demo::Simulator simulator(options);
  EventRenderer renderer(options.seed, simulator.calendar());
  auto writer = ingest::MakeEventWriter(format, out);
  std::array<int64_t, demo::kKindCount> by_kind{};
  DemoStats stats;
  std::vector<demo::DemoEvent> day_events;
  const Day first_day = simulator.calendar().first_day();
  for (Day day = first_day; day <= options.end_day; ++day) {
    simulator.SimulateDay(day, &day_events);
    for (const demo::DemoEvent& e : day_events) {
      LL_RETURN_IF_ERROR(writer->Write(renderer.Render(e)));
      ++by_kind[static_cast<size_t>(e.kind)];
    }
    stats.events += static_cast<int64_t>(day_events.size());
    progress.Update("demo days generated", day - first_day + 1, options.days);
  }
  LL_RETURN_IF_ERROR(writer->Finish());
  if (people_out != nullptr) LL_RETURN_IF_ERROR(WriteDemoPeople(simulator, options.seed, *people_out));
  stats.people = simulator.people();
  stats.identities = simulator.CountIdentities();
  for (int k = 0; k < demo::kKindCount; ++k) {
    if (by_kind[k] > 0) stats.events_by_kind[std::string(demo::KindName(static_cast<demo::Kind>(k)))] = by_kind[k];
  }
  return stats;
}

}  // namespace

Result<DemoStats> GenerateDemoEvents(const DemoOptions& options, std::ostream& out, DemoFormat format,
                                     std::ostream* people_out, Progress* progress) {
  LL_RETURN_IF_ERROR(ValidateDemoOptions(options));
  Progress& report = progress != nullptr ? *progress : NoProgress();
  Result<DemoStats> stats = WriteDemo(options, out, format, people_out, report);
  report.Done();
  return stats;
}

}  // namespace learnloop
