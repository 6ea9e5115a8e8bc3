// Walks one person's events once over a day range and reports on which days
// their ladder state changes. A state can change only on an event day or on
// the day an event leaves a window (event day + W), so the sweep jumps from
// one such day to the next, updating window counters, distinct-week and
// distinct-day tallies and per-channel on/off states as it goes.
#pragma once

#include <algorithm>
#include <climits>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/event_table.h"
#include "ladder/compiled_ladder.h"

namespace learnloop::ladder {

// A person's state on a day: a rung index (0 = highest), then these.
using LadderState = uint8_t;
// A state index past the rungs: on the table but on no rung.
inline LadderState AudienceState(const CompiledLadder& ladder) { return static_cast<LadderState>(ladder.rung_count()); }
// Past the audience: the person has no event yet on that day.
inline LadderState AbsentState(const CompiledLadder& ladder) {
  return static_cast<LadderState>(ladder.rung_count() + 1);
}

// One object per thread; Run() may be called for many people in turn.
class PersonSweep {
 public:
  PersonSweep(const CompiledLadder& ladder, const engine::EventTable& table);

  // Calls piece(first_day, end_day, state) for consecutive pieces that
  // cover [from, to] (end_day exclusive), each with one state; adjacent
  // pieces differ in state. Precondition: from <= to.
  template <typename Piece>
  void Run(engine::PersonId person, Day from, Day to, Piece&& piece) {
    Day first_day = Start(person);
    Day day = from;
    if (first_day > from) {
      piece(from, std::min(first_day, to + 1), absent_);
      if (first_day > to) return;
      day = first_day;
    }
    Advance(day);
    LadderState state = State();
    Day start = day;
    for (Day next = NextChange(); next <= to; next = NextChange()) {
      Advance(next);
      LadderState now = State();
      if (now == state) continue;
      piece(start, next, state);
      start = next;
      state = now;
    }
    piece(start, to + 1, state);
  }

 private:
  // Events counted by a counter fall into runs of equal week (or day) keys;
  // the runs enter and leave in time order, so a queue of (key, events)
  // gives the number of distinct keys in the window.
  struct KeyQueue {
    std::vector<std::pair<int32_t, int32_t>> runs;
    size_t head = 0;
    void Push(int32_t key);
    void Pop();
    int32_t distinct() const { return static_cast<int32_t>(runs.size() - head); }
    void Clear() {
      runs.clear();
      head = 0;
    }
  };
  // On/off state of one state condition, per channel (channel 0 when the
  // condition does not key by channel).
  struct Switches {
    std::vector<std::pair<engine::ChannelId, bool>> channels;
    int32_t on = 0;
    void Set(engine::ChannelId channel, bool on);
    void Clear() {
      channels.clear();
      on = 0;
    }
  };

  Day Start(engine::PersonId person);  // resets; returns the first event day
  void Advance(Day day);               // applies everything up to the end of `day`
  Day NextChange() const;              // the next day something enters or leaves; INT32_MAX if none
  LadderState State() const;

  void Enter(uint32_t row);
  void Leave(uint64_t counters);
  void Recheck(int condition);

  const CompiledLadder& ladder_;
  const engine::EventTable& table_;
  const LadderState absent_;

  uint32_t head_ = 0;               // first row not yet entered
  uint32_t end_ = 0;                // the person's end row
  std::vector<uint32_t> tails_;     // per window: first entered row not yet left
  std::vector<int32_t> counts_;     // per condition
  std::vector<KeyQueue> weeks_;     // per condition
  std::vector<KeyQueue> days_;      // per condition
  std::vector<Switches> switches_;  // per condition
  uint64_t satisfied_ = 0;
};

}  // namespace learnloop::ladder
