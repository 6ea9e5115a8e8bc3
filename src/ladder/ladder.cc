#include "learnloop/ladder.h"

#include <algorithm>
#include <map>

#include "engine/event_table.h"
#include "ladder/ladder_rules.h"
#include "ladder/ladder_scan.h"
#include "ladder/person_sweep.h"

namespace learnloop {
namespace {

using ladder::LadderState;

std::vector<std::string> StateNames(const ladder::CompiledLadder& compiled) {
  std::vector<std::string> names = compiled.rung_names;
  names.emplace_back(kAudienceName);
  return names;
}

LadderSnapshot MakeSnapshot(const ladder::CompiledLadder& compiled, Day as_of, const std::vector<int64_t>& counts) {
  LadderSnapshot snapshot;
  snapshot.as_of = as_of;
  for (int r = 0; r < compiled.rung_count(); ++r) snapshot.rungs.push_back({compiled.rung_names[r], counts[r]});
  snapshot.audience = counts[compiled.rung_count()];
  return snapshot;
}

double Median(std::vector<int64_t>& values) {
  size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  double upper = static_cast<double>(values[mid]);
  if (values.size() % 2 == 1) return upper;
  double lower = static_cast<double>(*std::max_element(values.begin(), values.begin() + mid));
  return (lower + upper) / 2;
}

}  // namespace

// TODO(issue 8): take `const ladder::LadderRules&` once src/workspace/workspace.cc,
// being restructured, stops moving its rules in (which would then be flagged).
// NOLINTNEXTLINE(performance-unnecessary-value-param)
Ladder::Ladder(std::shared_ptr<const engine::EventTable> table, ladder::LadderRules rules)
    : scan_(std::make_shared<const ladder::LadderScan>(std::move(table), rules)) {}

const std::vector<std::string>& Ladder::rung_names() const { return scan_->ladder().rung_names; }

int64_t Ladder::people() const { return static_cast<int64_t>(scan_->table().people()); }

std::vector<PersonRung> Ladder::PeopleAsOf(Day t) const {
  std::vector<LadderState> states = scan_->StatesAsOf(t);
  std::vector<std::string> names = StateNames(scan_->ladder());
  std::vector<PersonRung> people;
  for (engine::PersonId p = 0; p < states.size(); ++p) {
    if (states[p] < names.size()) people.push_back({std::string(scan_->table().PersonName(p)), names[states[p]]});
  }
  return people;
}

LadderSnapshot Ladder::CountsAsOf(Day t) const {
  std::vector<int64_t> counts(scan_->ladder().rung_count() + 2);
  for (LadderState state : scan_->StatesAsOf(t)) ++counts[state];
  return MakeSnapshot(scan_->ladder(), t, counts);
}

RungSeries Ladder::DailySeries(Day from, Day to) const {
  RungSeries series;
  if (from > to) return series;
  std::vector<std::vector<int64_t>> counts = scan_->DailyCounts(from, to);
  std::vector<int64_t> day_counts(counts.size());
  for (Day d = from; d <= to; ++d) {
    for (size_t s = 0; s < counts.size(); ++s) day_counts[s] = counts[s][d - from];
    series.points.push_back(MakeSnapshot(scan_->ladder(), d, day_counts));
  }
  return series;
}

RungSeries Ladder::WeeklySeries(Day from, Day to) const {
  RungSeries daily = DailySeries(from, to);
  RungSeries weekly;
  for (LadderSnapshot& point : daily.points) {
    if (IsoWeekday(point.as_of) == 7 || point.as_of == to) weekly.points.push_back(std::move(point));
  }
  return weekly;
}

TransitionMatrix Ladder::Transitions(Day from, Day to) const {
  const LadderState audience = ladder::AudienceState(scan_->ladder());
  std::vector<LadderState> before = scan_->StatesAsOf(from);
  std::vector<LadderState> after = scan_->StatesAsOf(to);
  TransitionMatrix matrix;
  matrix.from = from;
  matrix.to = to;
  matrix.states = StateNames(scan_->ladder());
  matrix.counts.assign(matrix.states.size(), std::vector<int64_t>(matrix.states.size()));
  for (size_t p = 0; p < after.size(); ++p) {
    if (after[p] > audience) continue;
    LadderState start = std::min(before[p], audience);
    ++matrix.counts[start][after[p]];
    // Lower indices are higher rungs.
    if (after[p] < start) ++matrix.moved_up;
    if (after[p] > start) ++matrix.moved_down;
    if (after[p] == start) ++matrix.stayed;
  }
  return matrix;
}

std::vector<Conversion> Ladder::Conversions(Day from, Day to) const {
  std::vector<LadderState> before = scan_->StatesAsOf(from);
  std::vector<LadderState> after = scan_->StatesAsOf(to);
  const std::vector<std::string>& names = rung_names();
  std::vector<Conversion> conversions;
  for (size_t lower = names.size() - 1; lower >= 1; --lower) {
    Conversion c{names[lower], names[lower - 1]};
    for (size_t p = 0; p < before.size(); ++p) {
      if (before[p] != lower) continue;
      ++c.base;
      if (after[p] < lower) ++c.converted;
    }
    c.rate = c.base == 0 ? 0 : static_cast<double>(c.converted) / static_cast<double>(c.base);
    conversions.push_back(std::move(c));
  }
  return conversions;
}

std::vector<ClimbTime> Ladder::ClimbTimes(Day as_of) const {
  ladder::Progress progress = scan_->ProgressAsOf(as_of);
  const std::vector<std::string>& names = rung_names();
  std::vector<ClimbTime> climbs;
  for (size_t lower = names.size() - 1; lower >= 1; --lower) {
    std::vector<int64_t> days;
    for (engine::PersonId p = 0; p < progress.first_day.size(); ++p) {
      Day reached_lower = progress.FirstAt(p, lower);
      Day reached_upper = progress.FirstAt(p, lower - 1);
      if (reached_upper != ladder::Progress::kNever && reached_lower < reached_upper) {
        days.push_back(reached_upper - reached_lower);
      }
    }
    ClimbTime climb{names[lower], names[lower - 1], static_cast<int64_t>(days.size()), std::nullopt};
    if (!days.empty()) climb.median_days = Median(days);
    climbs.push_back(std::move(climb));
  }
  return climbs;
}

CohortTable Ladder::Cohorts(Day as_of) const {
  ladder::Progress progress = scan_->ProgressAsOf(as_of);
  CohortTable table;
  table.as_of = as_of;
  table.columns = StateNames(scan_->ladder());
  // Keyed by the first day of the month, so rows come out oldest first.
  std::map<Day, CohortRow> rows;
  for (engine::PersonId p = 0; p < progress.first_day.size(); ++p) {
    Day first_day = progress.first_day[p];
    if (first_day > as_of) continue;
    CivilDate date = ToCivil(first_day);
    CohortRow& row = rows[FromCivil({date.year, date.month, 1})];
    if (row.counts.empty()) {
      row.month = FormatMonth(first_day);
      row.counts.assign(table.columns.size(), 0);
    }
    size_t highest = 0;
    while (highest < progress.rungs && progress.FirstAt(p, highest) == ladder::Progress::kNever) ++highest;
    ++row.people;
    ++row.counts[highest];
  }
  for (auto& [month, row] : rows) table.rows.push_back(std::move(row));
  return table;
}

std::optional<PersonStory> Ladder::Person(std::string_view person, Day as_of) const {
  const engine::EventTable& table = scan_->table();
  const std::optional<engine::PersonId> id = table.FindPerson(person);
  if (!id || table.PersonBegin(*id) == table.PersonEnd(*id) || table.day[table.PersonBegin(*id)] > as_of)
    return std::nullopt;
  PersonStory story;
  story.person = std::string(person);
  story.first_seen = table.day[table.PersonBegin(*id)];
  std::map<std::string_view, int64_t> kinds;
  for (uint32_t i = table.PersonBegin(*id); i < table.PersonEnd(*id) && table.day[i] <= as_of; ++i) {
    story.last_seen = table.day[i];
    ++story.events;
    ++kinds[table.KindName(table.kind[i])];
    std::string channel(table.ChannelName(table.channel[i]));
    if (std::find(story.channels.begin(), story.channels.end(), channel) == story.channels.end())
      story.channels.push_back(std::move(channel));
  }
  for (const auto& [kind, events] : kinds) story.kinds.push_back({std::string(kind), events});
  std::stable_sort(story.kinds.begin(), story.kinds.end(),
                   [](const KindCount& a, const KindCount& b) { return a.events > b.events; });
  const std::vector<std::string> names = StateNames(scan_->ladder());
  ladder::PersonSweep sweep(scan_->ladder(), table);
  sweep.Run(*id, story.first_seen, as_of, [&](Day begin, Day end, LadderState state) {
    if (state < names.size()) story.stays.push_back({begin, end - 1, names[state]});
  });
  return story;
}

}  // namespace learnloop
