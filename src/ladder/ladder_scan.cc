#include "ladder/ladder_scan.h"

#include <algorithm>
#include <thread>

namespace learnloop::ladder {
namespace {

// Below this many people a second thread costs more than it saves.
constexpr size_t kPeoplePerThread = 4096;
constexpr unsigned kMaxThreads = 8;

// Calls work(begin, end, worker) on disjoint person ranges covering all
// people, from up to one thread per core; returns the number of workers.
template <typename Work>
size_t ForEachPersonRange(size_t people, Work&& work) {
  size_t workers = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, kMaxThreads);
  workers = std::clamp<size_t>(people / kPeoplePerThread, 1, workers);
  auto range = [&](size_t w) {
    work(static_cast<engine::PersonId>(people * w / workers), static_cast<engine::PersonId>(people * (w + 1) / workers),
         w);
  };
  std::vector<std::jthread> threads;
  for (size_t w = 1; w < workers; ++w) threads.emplace_back(range, w);
  range(0);
  return workers;
}

}  // namespace

LadderScan::LadderScan(std::shared_ptr<const engine::EventTable> table, const LadderRules& rules)
    : table_(std::move(table)), ladder_(CompileLadder(rules, *table_)) {}

std::vector<LadderState> LadderScan::StatesAsOf(Day day) const {
  std::vector<LadderState> states(table_->people());
  ForEachPersonRange(table_->people(), [&](engine::PersonId begin, engine::PersonId end, size_t) {
    PersonSweep sweep(ladder_, *table_);
    for (engine::PersonId p = begin; p < end; ++p) {
      sweep.Run(p, day, day, [&](Day, Day, LadderState state) { states[p] = state; });
    }
  });
  return states;
}

std::vector<std::vector<int64_t>> LadderScan::DailyCounts(Day from, Day to) const {
  const size_t days = static_cast<size_t>(to - from) + 1;
  const size_t counted = ladder_.rung_count() + 1;  // rungs and audience
  // Per worker and state, +1 where a piece starts and -1 where it ends.
  std::vector<std::vector<std::vector<int64_t>>> diffs(kMaxThreads);
  size_t workers = ForEachPersonRange(table_->people(), [&](engine::PersonId begin, engine::PersonId end, size_t w) {
    std::vector<std::vector<int64_t>> diff(counted, std::vector<int64_t>(days + 1));
    PersonSweep sweep(ladder_, *table_);
    for (engine::PersonId p = begin; p < end; ++p) {
      sweep.Run(p, from, to, [&](Day first, Day end_day, LadderState state) {
        if (state >= counted) return;
        ++diff[state][first - from];
        --diff[state][end_day - from];
      });
    }
    diffs[w] = std::move(diff);
  });
  std::vector<std::vector<int64_t>> counts(counted, std::vector<int64_t>(days));
  for (size_t s = 0; s < counted; ++s) {
    int64_t running = 0;
    for (size_t i = 0; i < days; ++i) {
      for (size_t w = 0; w < workers; ++w) running += diffs[w][s][i];
      counts[s][i] = running;
    }
  }
  return counts;
}

Progress LadderScan::ProgressAsOf(Day as_of) const {
  Progress progress;
  progress.rungs = ladder_.rung_count();
  progress.first_day.resize(table_->people());
  progress.first_at.assign(table_->people() * progress.rungs, Progress::kNever);
  ForEachPersonRange(table_->people(), [&](engine::PersonId begin, engine::PersonId end, size_t) {
    PersonSweep sweep(ladder_, *table_);
    for (engine::PersonId p = begin; p < end; ++p) {
      Day first_day = table_->day[table_->PersonBegin(p)];
      progress.first_day[p] = first_day;
      if (first_day > as_of) continue;
      size_t best = progress.rungs;  // the highest rung reached so far, as an index
      sweep.Run(p, first_day, as_of, [&](Day start, Day, LadderState state) {
        for (; best > state; --best) progress.first_at[p * progress.rungs + best - 1] = start;
      });
    }
  });
  return progress;
}

}  // namespace learnloop::ladder
