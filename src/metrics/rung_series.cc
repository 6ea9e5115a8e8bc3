#include "metrics/rung_series.h"

#include <algorithm>

#include "ladder/person_sweep.h"

namespace learnloop::metrics {
namespace {

struct Piece {
  Day begin;  // first day
  Day end;    // exclusive
  ladder::LadderState state;
};

// Adds 1 to days [begin, end) ∩ [from, from + diff.size() - 1) of a
// difference array.
void AddRange(std::vector<int64_t>& diff, Day from, Day begin, Day end) {
  const Day last = from + static_cast<Day>(diff.size()) - 1;
  begin = std::max(begin, from);
  end = std::min(end, last);
  if (begin >= end) return;
  ++diff[begin - from];
  --diff[end - from];
}

}  // namespace

std::vector<double> RungMoves(const ladder::CompiledLadder& ladder, const engine::EventTable& table, size_t rung,
                              bool enter, Day from, Day to, const std::vector<char>& people) {
  std::vector<double> moves(static_cast<size_t>(to - from) + 1);
  ladder::PersonSweep sweep(ladder, table);
  for (engine::PersonId p = 0; p < table.people(); ++p) {
    if (!people.empty() && !people[p]) continue;
    bool first = true;
    bool was_at = false;
    // Starting a day early gives each person's state on the day before `from`.
    sweep.Run(p, from - 1, to, [&](Day begin, Day, ladder::LadderState state) {
      const bool at = state <= rung;
      if (!first && at != was_at && at == enter) moves[begin - from] += 1;
      first = false;
      was_at = at;
    });
  }
  return moves;
}

std::vector<std::optional<double>> ConversionSeries(const ladder::CompiledLadder& ladder,
                                                    const engine::EventTable& table, size_t from_rung, size_t to_rung,
                                                    int32_t window, Day from, Day to, const std::vector<char>& people) {
  const size_t days = static_cast<size_t>(to - from) + 1;
  std::vector<int64_t> base(days + 1);
  std::vector<int64_t> converted(days + 1);
  std::vector<Piece> pieces;
  ladder::PersonSweep sweep(ladder, table);
  for (engine::PersonId p = 0; p < table.people(); ++p) {
    if (!people.empty() && !people[p]) continue;
    pieces.clear();
    sweep.Run(p, from - window, to, [&](Day begin, Day end, ladder::LadderState state) {
      pieces.push_back({begin, end, state});
    });
    for (const Piece& start : pieces) {
      if (start.state != from_rung) continue;
      // Days d whose d - window falls in this piece.
      const Day begin = start.begin + window;
      const Day end = start.end + window;
      AddRange(base, from, begin, end);
      for (const Piece& later : pieces) {
        if (later.state <= to_rung) AddRange(converted, from, std::max(begin, later.begin), std::min(end, later.end));
      }
    }
  }
  std::vector<std::optional<double>> rates(days);
  int64_t running_base = 0;
  int64_t running_converted = 0;
  for (size_t i = 0; i < days; ++i) {
    running_base += base[i];
    running_converted += converted[i];
    if (running_base > 0) rates[i] = static_cast<double>(running_converted) / static_cast<double>(running_base);
  }
  return rates;
}

}  // namespace learnloop::metrics
