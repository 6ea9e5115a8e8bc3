#include "ladder/person_sweep.h"

namespace learnloop::ladder {
namespace {

// Calls fn(i) for each set bit i of `mask`.
template <typename Fn>
void ForEachBit(uint64_t mask, Fn&& fn) {
  while (mask != 0) {
    fn(__builtin_ctzll(mask));
    mask &= mask - 1;
  }
}

}  // namespace

void PersonSweep::KeyQueue::Push(int32_t key) {
  if (distinct() > 0 && runs.back().first == key) {
    ++runs.back().second;
  } else {
    runs.emplace_back(key, 1);
  }
}

void PersonSweep::KeyQueue::Pop() {
  if (--runs[head].second == 0) ++head;
}

void PersonSweep::Switches::Set(engine::ChannelId channel, bool now_on) {
  for (auto& [id, was_on] : channels) {
    if (id != channel) continue;
    on += static_cast<int32_t>(now_on) - static_cast<int32_t>(was_on);
    was_on = now_on;
    return;
  }
  channels.emplace_back(channel, now_on);
  on += static_cast<int32_t>(now_on);
}

PersonSweep::PersonSweep(const CompiledLadder& ladder, const engine::EventTable& table)
    : ladder_(ladder),
      table_(table),
      absent_(AbsentState(ladder)),
      tails_(ladder.windows.size()),
      counts_(ladder.conditions.size()),
      weeks_(ladder.conditions.size()),
      days_(ladder.conditions.size()),
      switches_(ladder.conditions.size()) {}

Day PersonSweep::Start(engine::PersonId person) {
  head_ = table_.PersonBegin(person);
  end_ = table_.PersonEnd(person);
  std::fill(tails_.begin(), tails_.end(), head_);
  std::fill(counts_.begin(), counts_.end(), 0);
  for (KeyQueue& q : weeks_) q.Clear();
  for (KeyQueue& q : days_) q.Clear();
  for (Switches& s : switches_) s.Clear();
  satisfied_ = 0;
  // Every person in the table has at least one event.
  return table_.day[head_];
}

void PersonSweep::Advance(Day day) {
  while (head_ < end_ && table_.day[head_] <= day) Enter(head_++);
  for (size_t w = 0; w < tails_.size(); ++w) {
    uint64_t counters = ladder_.window_counters[w];
    int32_t window = ladder_.windows[w];
    uint32_t& tail = tails_[w];
    for (; tail < head_; ++tail) {
      uint64_t hit = ladder_.kind_counts[table_.kind[tail]] & counters;
      if (hit == 0) continue;
      // Day d's window is (d-W, d]: an event on day e is out from e+W on.
      if (table_.day[tail] + window > day) break;
      Leave(hit);
    }
  }
}

Day PersonSweep::NextChange() const {
  Day next = head_ < end_ ? table_.day[head_] : INT32_MAX;
  for (size_t w = 0; w < tails_.size(); ++w) {
    if (tails_[w] < head_) next = std::min(next, table_.day[tails_[w]] + ladder_.windows[w]);
  }
  return next;
}

LadderState PersonSweep::State() const {
  for (size_t r = 0; r < ladder_.rung_needs.size(); ++r) {
    if ((satisfied_ & ladder_.rung_needs[r]) == ladder_.rung_needs[r]) return static_cast<LadderState>(r);
  }
  return AudienceState(ladder_);
}

void PersonSweep::Enter(uint32_t row) {
  engine::KindId kind = table_.kind[row];
  Day day = table_.day[row];
  ForEachBit(ladder_.kind_counts[kind], [&](int c) {
    ++counts_[c];
    const Condition& condition = ladder_.conditions[c];
    if (condition.min_distinct_weeks > 0) weeks_[c].Push(IsoWeekIndex(day));
    if (condition.min_distinct_days > 0) days_[c].Push(day);
    Recheck(c);
  });
  uint64_t on = ladder_.kind_on[kind];
  uint64_t off = ladder_.kind_off[kind];
  ForEachBit(on | off, [&](int s) {
    engine::ChannelId channel = ladder_.conditions[s].per_channel ? table_.channel[row] : 0;
    switches_[s].Set(channel, (on >> s) & 1);
    Recheck(s);
  });
}

void PersonSweep::Leave(uint64_t counters) {
  ForEachBit(counters, [&](int c) {
    --counts_[c];
    const Condition& condition = ladder_.conditions[c];
    if (condition.min_distinct_weeks > 0) weeks_[c].Pop();
    if (condition.min_distinct_days > 0) days_[c].Pop();
    Recheck(c);
  });
}

void PersonSweep::Recheck(int c) {
  const Condition& condition = ladder_.conditions[c];
  bool holds = condition.type == Condition::Type::kState
                   ? switches_[c].on > 0
                   : counts_[c] >= condition.min_events && weeks_[c].distinct() >= condition.min_distinct_weeks &&
                         days_[c].distinct() >= condition.min_distinct_days;
  uint64_t bit = uint64_t{1} << c;
  satisfied_ = holds ? (satisfied_ | bit) : (satisfied_ & ~bit);
}

}  // namespace learnloop::ladder
