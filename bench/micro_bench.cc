// Micro-benchmarks of the hot paths under the foundation's targets, on demo
// data generated in memory (about 100,000 events). Run: micro_bench.
#include <benchmark/benchmark.h>

#include <memory>
#include <sstream>
#include <string>

#include "engine/event_table.h"
#include "ingest/event_reader.h"
#include "ladder/ladder_rules.h"
#include "learnloop/demo.h"
#include "learnloop/ladder.h"

namespace learnloop::bench {
namespace {

const std::string& DemoCsv() {
  static const std::string* csv = [] {
    DemoOptions options;
    options.people = 10000;
    options.days = 180;
    options.end_day = *ParseDate("2024-06-30");
    std::ostringstream out;
    if (!GenerateDemoEvents(options, out).ok()) std::abort();
    return new std::string(out.str());
  }();
  return *csv;
}

engine::EventTable BuildTable() {
  auto reader = ingest::OpenEventBuffer(DemoCsv(), {});
  engine::EventTableBuilder builder;
  EventView e;
  while (*(*reader)->Next(&e)) {
    if (!builder.Add(e).ok()) std::abort();
  }
  return std::move(builder).Build(TimeZone::Utc());
}

Ladder DemoLadder() {
  static const auto* table =
      new std::shared_ptr<const engine::EventTable>(std::make_shared<const engine::EventTable>(BuildTable()));
  return Ladder(*table, *ladder::ParseLadderRules(ladder::DefaultLadderToml(), "ladder.toml"));
}

void BM_ParseRfc3339(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ParseRfc3339("2024-05-01T09:30:12.250Z"));
}
BENCHMARK(BM_ParseRfc3339);

void BM_CsvRead(benchmark::State& state) {
  int64_t rows = 0;
  for (auto _ : state) {
    auto reader = ingest::OpenEventBuffer(DemoCsv(), {});
    EventView e;
    while (*(*reader)->Next(&e)) ++rows;
  }
  state.SetItemsProcessed(rows);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * DemoCsv().size()));
}
BENCHMARK(BM_CsvRead)->Unit(benchmark::kMillisecond);

void BM_EngineLoad(benchmark::State& state) {
  int64_t rows = 0;
  for (auto _ : state) rows += static_cast<int64_t>(BuildTable().size());
  state.SetItemsProcessed(rows);
}
BENCHMARK(BM_EngineLoad)->Unit(benchmark::kMillisecond);

void BM_LadderCountsAsOf(benchmark::State& state) {
  Ladder ladder = DemoLadder();
  Day day = *ParseDate("2024-06-30");
  for (auto _ : state) benchmark::DoNotOptimize(ladder.CountsAsOf(day));
  state.SetItemsProcessed(state.iterations() * ladder.people());
}
BENCHMARK(BM_LadderCountsAsOf)->Unit(benchmark::kMicrosecond);

void BM_LadderDailySeries(benchmark::State& state) {
  Ladder ladder = DemoLadder();
  Day day = *ParseDate("2024-06-30");
  for (auto _ : state) benchmark::DoNotOptimize(ladder.DailySeries(day - 179, day));
}
BENCHMARK(BM_LadderDailySeries)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace learnloop::bench
