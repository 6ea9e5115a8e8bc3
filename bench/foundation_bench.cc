// End-to-end figures for the foundation's performance targets, measured on
// one canonical CSV file (usually `learnloop demo generate` output):
//   load into the engine (events/s), engine memory (bytes/event),
//   full ladder as of a day (s), daily rung series for a year (s),
//   persist to SQLite (events/s).
// Usage: foundation_bench FILE [--as-of YYYY-MM-DD] [--repeat N]
//        [--skip-sqlite] [--counts-only]
// Timings are medians over --repeat runs; the machine is shared and noisy.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/event_table.h"
#include "ingest/event_reader.h"
#include "ladder/ladder_rules.h"
#include "learnloop/ladder.h"
#include "learnloop/workspace.h"

namespace learnloop::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Flags {
  std::string file;
  std::string as_of;
  int repeat = 3;
  bool skip_sqlite = false;
  bool counts_only = false;
};

double Seconds(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

[[noreturn]] void Die(const Status& s) {
  std::fprintf(stderr, "foundation_bench: %s\n", s.message().c_str());
  std::exit(1);
}

template <typename T>
T Check(Result<T> r) {
  if (!r.ok()) Die(r.status());
  return std::move(r).value();
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--as-of" && i + 1 < argc) {
      f.as_of = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      f.repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--skip-sqlite") {
      f.skip_sqlite = true;
    } else if (a == "--counts-only") {
      f.counts_only = true;
    } else if (f.file.empty() && a[0] != '-') {
      f.file = a;
    } else {
      Die(InvalidArgument("usage: foundation_bench FILE [--as-of DAY] [--repeat N] [--skip-sqlite] [--counts-only]"));
    }
  }
  if (f.file.empty()) Die(InvalidArgument("usage: foundation_bench FILE [--as-of DAY] [--repeat N]"));
  return f;
}

// Parses the CSV and builds the columnar table: what "load into the engine"
// means for a user opening a workspace from a file.
engine::EventTable LoadTable(const std::string& file) {
  auto reader = Check(ingest::OpenEventFile(file, {}));
  engine::EventTableBuilder builder;
  EventView e;
  while (Check(reader->Next(&e))) {
    if (Status added = builder.Add(e); !added.ok()) Die(added);
  }
  return std::move(builder).Build(TimeZone::Utc());
}

Day LastDay(const engine::EventTable& t) { return t.size() == 0 ? 0 : *std::max_element(t.day.begin(), t.day.end()); }

// Imports the file into a new workspace the way `learnloop import` does:
// read, checksum, parse and write in one transaction.
double PersistToSqlite(const std::string& file, int64_t* added) {
  auto dir = std::filesystem::temp_directory_path() / fmt::format("ll-bench-{}", ::getpid());
  std::filesystem::remove_all(dir);
  double secs = 0;
  {
    auto ws = Check(Workspace::Init(dir, {}));
    auto start = Clock::now();
    ImportSummary summary = Check(ws.Import(file, {}));
    secs = Seconds(start);
    *added = summary.added;
  }
  std::filesystem::remove_all(dir);
  return secs;
}

int Run(const Flags& flags) {
  std::vector<double> load_times;
  std::shared_ptr<const engine::EventTable> table;
  for (int i = 0; i < (flags.counts_only ? 1 : flags.repeat); ++i) {
    table.reset();
    auto start = Clock::now();
    auto t = std::make_shared<const engine::EventTable>(LoadTable(flags.file));
    load_times.push_back(Seconds(start));
    table = std::move(t);
  }
  const double events = static_cast<double>(table->size());
  Day as_of = flags.as_of.empty() ? LastDay(*table) : Check(ParseDate(flags.as_of));
  auto rules = Check(ladder::ParseLadderRules(ladder::DefaultLadderToml(), "default ladder.toml"));
  Ladder ladder(table, rules);

  std::vector<double> snapshot_times;
  LadderSnapshot snapshot;
  for (int i = 0; i < (flags.counts_only ? 1 : std::max(5, flags.repeat)); ++i) {
    auto start = Clock::now();
    snapshot = ladder.CountsAsOf(as_of);
    snapshot_times.push_back(Seconds(start));
  }
  if (flags.counts_only) {
    fmt::print("as_of {}\n", FormatDate(as_of));
    for (const RungCount& r : snapshot.rungs) fmt::print("{} {}\n", r.name, r.people);
    fmt::print("engine_seconds {:.3f}\n", load_times[0] + snapshot_times[0]);
    return 0;
  }
  std::vector<double> series_times;
  for (int i = 0; i < flags.repeat; ++i) {
    auto start = Clock::now();
    RungSeries series = ladder.DailySeries(as_of - 364, as_of);
    series_times.push_back(Seconds(start));
    if (series.points.size() != 365) Die(Internal("daily series has the wrong length"));
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);

  fmt::print("file                      {}\n", flags.file);
  fmt::print("events                    {}\n", table->size());
  fmt::print("people                    {}\n", table->people());
  fmt::print("load into engine          {:.2f} s median of {}  ({:.2f} M events/s; target >= 1)\n", Median(load_times),
             load_times.size(), events / Median(load_times) / 1e6);
  fmt::print("engine memory             {:.1f} bytes/event (target <= 48); peak RSS {:.0f} MiB\n",
             static_cast<double>(table->MemoryBytes()) / events, usage.ru_maxrss / 1024.0);
  fmt::print("full ladder as of {}  {:.3f} s median of {} (target <= 0.5)\n", FormatDate(as_of), Median(snapshot_times),
             snapshot_times.size());
  fmt::print("daily series, 365 days    {:.3f} s median of {} (target <= 5)\n", Median(series_times),
             series_times.size());
  for (const RungCount& r : snapshot.rungs) fmt::print("  {:<22}  {}\n", r.name, r.people);
  fmt::print("  {:<22}  {}\n", kAudienceName, snapshot.audience);
  if (!flags.skip_sqlite) {
    int64_t added = 0;
    double secs = PersistToSqlite(flags.file, &added);
    fmt::print("persist to SQLite         {:.2f} s, {} events  ({:.0f} events/s; target >= 300,000)\n", secs, added,
               static_cast<double>(added) / secs);
  }
  return 0;
}

}  // namespace
}  // namespace learnloop::bench

int main(int argc, char** argv) {
  try {
    return learnloop::bench::Run(learnloop::bench::ParseFlags(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "foundation_bench: %s\n", e.what());
    return 1;
  }
}
