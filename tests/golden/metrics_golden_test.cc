// Runs every case folder under tests/golden/metrics/: the case's inputs (see
// golden_metrics.h) and `expected`, the daily series of named metrics.
//
// expected:  # comment
//            time_zone Europe/Berlin        (optional, before the first series)
//            series NAME FROM TO            (one line per day FROM ... TO follows)
//            2024-03-01,3                   (DAY,VALUE; VALUE may be `missing`)
//            expect_error TEXT              (after a series line: reading it must
//                                            fail with a message containing TEXT;
//                                            before any: loading the case must)
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "golden_file.h"
#include "golden_metrics.h"
#include "learnloop/metrics.h"

namespace learnloop {
namespace {

namespace fs = std::filesystem;

struct ValueLine {
  golden::Line line;
  std::optional<double> value;
};

struct SeriesCheck {
  golden::Line line;
  std::string name;
  Day from = 0;
  Day to = 0;
  std::vector<ValueLine> values;
  std::optional<std::string> error;
};

struct MetricsCase {
  golden::CaseFile file;
  std::string time_zone = "UTC";
  std::optional<std::string> load_error;
  std::vector<SeriesCheck> series;
};

fs::path CasesDir() { return golden::CasesDir("metrics"); }

std::vector<std::string> CaseNames() { return golden::CaseNames(CasesDir()); }

Result<SeriesCheck> ParseSeriesLine(const golden::CaseFile& file, const golden::Line& line) {
  std::vector<std::string> words = golden::Words(line.rest);
  if (words.size() != 3) return file.Error(line, "expected 'series NAME FROM TO'");
  auto from = ParseDate(words[1]);
  auto to = ParseDate(words[2]);
  if (!from.ok() || !to.ok()) return file.Error(line, (from.ok() ? to : from).status().message());
  return SeriesCheck{line, words[0], *from, *to, {}, std::nullopt};
}

Status AddValue(const golden::CaseFile& file, const golden::Line& line, SeriesCheck& series) {
  const size_t comma = line.key.find(',');
  if (comma == std::string::npos || !line.rest.empty())
    return file.Error(line, "expected 'DAY,VALUE' after a series line");
  const Day day = series.from + static_cast<Day>(series.values.size());
  if (line.key.substr(0, comma) != FormatDate(day)) return file.Error(line, "expected the day " + FormatDate(day));
  const std::string text = line.key.substr(comma + 1);
  if (text == "missing") {
    series.values.push_back({line, std::nullopt});
    return Status::Ok();
  }
  double value = 0;
  auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (problem != std::errc() || end != text.data() + text.size())
    return file.Error(line, fmt::format("'{}' is not a number or 'missing'", text));
  series.values.push_back({line, value});
  return Status::Ok();
}

Status AddError(const golden::CaseFile& file, const golden::Line& line, MetricsCase& golden) {
  if (line.rest.empty()) return file.Error(line, "expected 'expect_error TEXT'");
  if (golden.series.empty()) {
    if (golden.load_error) return file.Error(line, "a second expect_error for loading the case");
    golden.load_error = line.rest;
    return Status::Ok();
  }
  SeriesCheck& series = golden.series.back();
  if (series.error || !series.values.empty()) return file.Error(line, "a series expects values or one error");
  series.error = line.rest;
  return Status::Ok();
}

Status CheckComplete(const MetricsCase& golden, const fs::path& file) {
  if (golden.load_error && !golden.series.empty())
    return golden.file.Error(golden.series.front().line, "no series can be read when loading the case fails");
  if (!golden.load_error && golden.series.empty())
    return InvalidArgument(fmt::format("{}: no series or expect_error line", file.string()));
  for (const SeriesCheck& series : golden.series) {
    const size_t days = static_cast<size_t>(series.to - series.from) + 1;
    if (!series.error && series.values.size() != days)
      return golden.file.Error(series.line, fmt::format("expected {} day lines, one per day from {} to {}", days,
                                                        FormatDate(series.from), FormatDate(series.to)));
  }
  return Status::Ok();
}

Result<MetricsCase> ParseExpected(const fs::path& file) {
  LL_ASSIGN_OR_RETURN(golden::CaseFile lines, golden::CaseFile::Read(file));
  MetricsCase golden;
  golden.file = lines;
  for (const golden::Line& line : lines.lines()) {
    if (line.key == "time_zone") {
      if (!golden.series.empty() || golden.load_error) return lines.Error(line, "time_zone must come first");
      golden.time_zone = line.rest;
    } else if (line.key == "series") {
      LL_ASSIGN_OR_RETURN(SeriesCheck series, ParseSeriesLine(lines, line));
      golden.series.push_back(std::move(series));
    } else if (line.key == "expect_error") {
      LL_RETURN_IF_ERROR(AddError(lines, line, golden));
    } else if (golden.series.empty() || golden.series.back().error) {
      return lines.Error(line, fmt::format("unknown line '{}'; expected time_zone, series or expect_error", line.key));
    } else {
      LL_RETURN_IF_ERROR(AddValue(lines, line, golden.series.back()));
    }
  }
  LL_RETURN_IF_ERROR(CheckComplete(golden, file));
  return golden;
}

std::string Show(const std::optional<double>& value) { return value ? fmt::format("{}", *value) : "missing"; }

bool Same(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return !a && !b;
  return std::abs(*a - *b) <= 1e-9 * std::max(1.0, std::abs(*b));
}

void CompareSeries(const golden::CaseFile& file, const SeriesCheck& check, const Metrics& metrics,
                   std::vector<std::string>& mismatches) {
  Result<MetricSeries> series = metrics.Series(check.name, check.from, check.to);
  if (check.error) {
    std::string mismatch = golden::ErrorMismatch(series.status(), *check.error);
    if (!mismatch.empty()) mismatches.push_back(file.Where(check.line, mismatch));
    return;
  }
  if (!series.ok()) {
    mismatches.push_back(file.Where(check.line, fmt::format("series '{}': {}", check.name, series.status().message())));
    return;
  }
  for (size_t i = 0; i < check.values.size(); ++i) {
    const ValueLine& expected = check.values[i];
    const std::optional<double>& actual = series->values[i];
    if (!Same(actual, expected.value))
      mismatches.push_back(file.Where(expected.line, fmt::format("{} on {}: expected {}, got {}", check.name,
                                                                 FormatDate(check.from + static_cast<Day>(i)),
                                                                 Show(expected.value), Show(actual))));
  }
}

// The disagreements between the case and the engine, each naming its line;
// an error when the case itself cannot be read.
Result<std::vector<std::string>> RunCase(const fs::path& dir) {
  LL_ASSIGN_OR_RETURN(MetricsCase golden, ParseExpected(dir / "expected"));
  LL_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Load(golden.time_zone));
  Result<Metrics> metrics = golden::LoadMetrics(dir, zone);
  std::vector<std::string> mismatches;
  if (golden.load_error) {
    std::string mismatch = golden::ErrorMismatch(metrics.status(), *golden.load_error);
    if (!mismatch.empty()) mismatches.push_back(fmt::format("loading {}: {}", dir.string(), mismatch));
    return mismatches;
  }
  LL_RETURN_IF_ERROR(metrics.status());
  for (const SeriesCheck& check : golden.series) CompareSeries(golden.file, check, *metrics, mismatches);
  return mismatches;
}

class MetricsGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MetricsGoldenTest, SeriesAndErrorsAsExpected) {
  auto mismatches = RunCase(CasesDir() / GetParam());
  ASSERT_TRUE(mismatches.ok()) << mismatches.status().message();
  EXPECT_TRUE(mismatches->empty()) << fmt::format("{}", fmt::join(*mismatches, "\n"));
}

INSTANTIATE_TEST_SUITE_P(Cases, MetricsGoldenTest, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) { return info.param; });

constexpr std::string_view kEvents =
    "ts,channel,person,kind,content,value,tags\n2024-03-01T10:00:00Z,mastodon,ana,like,,,\n";
constexpr std::string_view kLikes = "[[metric]]\nname = \"likes\"\ntype = \"count\"\nkinds = [\"like\"]\n";

TEST(MetricsGoldenSuiteTest, FindsTheCases) { EXPECT_GE(CaseNames().size(), 10u); }

TEST(MetricsGoldenSuiteTest, AMalformedLineIsNamed) {
  golden::TempCase golden_case("metrics_bad_line", {{"events.csv", kEvents},
                                                    {"metrics.toml", kLikes},
                                                    {"expected",
                                                     "series likes 2024-03-01 2024-03-02\n"
                                                     "2024-03-01,1\n2024-03-03,0\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), golden_case.expected() + ":3: expected the day 2024-03-02");
}

TEST(MetricsGoldenSuiteTest, MissingDayLinesAreNamed) {
  golden::TempCase golden_case("metrics_short", {{"events.csv", kEvents},
                                                 {"metrics.toml", kLikes},
                                                 {"expected",
                                                  "# short\nseries likes 2024-03-01 2024-03-02\n"
                                                  "2024-03-01,1\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(),
            golden_case.expected() + ":2: expected 2 day lines, one per day from 2024-03-01 to 2024-03-02");
}

TEST(MetricsGoldenSuiteTest, AnUnknownMetricIsAMismatchNamingTheLine) {
  golden::TempCase golden_case("metrics_unknown", {{"events.csv", kEvents},
                                                   {"metrics.toml", kLikes},
                                                   {"expected",
                                                    "series lieks 2024-03-01 2024-03-01\n"
                                                    "2024-03-01,1\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(*run, std::vector<std::string>{golden_case.expected() +
                                           ":1: series 'lieks': no metric is named 'lieks'; known metrics: likes"});
}

TEST(MetricsGoldenSuiteTest, AWrongValueAndAnErrorThatDidNotHappenAreMismatches) {
  golden::TempCase golden_case("metrics_wrong", {{"events.csv", kEvents},
                                                 {"metrics.toml", kLikes},
                                                 {"expected",
                                                  "series likes 2024-03-01 2024-03-01\n"
                                                  "2024-03-01,2\n"
                                                  "series likes 2024-03-01 2024-03-01\n"
                                                  "expect_error no metric\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_TRUE(run.ok()) << run.status().message();
  const std::string file = golden_case.expected();
  EXPECT_EQ(*run,
            (std::vector<std::string>{file + ":2: likes on 2024-03-01: expected 2, got 1",
                                      file + ":3: expected an error containing \"no metric\", but it succeeded"}));
}

TEST(MetricsGoldenSuiteTest, AMissingExpectedFileIsNamed) {
  golden::TempCase golden_case("metrics_no_expected", {{"events.csv", kEvents}, {"metrics.toml", kLikes}});
  auto run = RunCase(golden_case.dir());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), "cannot open " + golden_case.expected());
}

TEST(MetricsGoldenSuiteTest, AMalformedSeriesFileIsNamed) {
  golden::TempCase golden_case("metrics_bad_series", {{"series.csv", "day,likes\n2024-03-01,1.5\n"},
                                                      {"expected",
                                                       "series likes 2024-03-01 2024-03-01\n"
                                                       "2024-03-01,1\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(),
            (golden_case.dir() / "series.csv").string() + ":2: likes: '1.5' is not a count (0, 1, 2, ...)");
}

}  // namespace
}  // namespace learnloop
