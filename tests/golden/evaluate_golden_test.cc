// Runs every case folder under tests/golden/evaluate/: the case's inputs (see
// golden_metrics.h; usually series.csv) and `expected`, a request for
// EvaluateMetricPeriods and what its evaluation must say.
//
// expected:  # comment
//            time_zone Europe/Berlin           (optional)
//            metric NAME                       (the request: metric, baseline,
//            baseline FROM TO                   window and today are required)
//            window FROM TO
//            today DAY
//            expected_lift 0.2 | compare NAME | guardrail NAME | lower_is_better
//            verdict win                       (checks: text keys compare
//            headline It worked: ...            exactly, number keys within
//            ratio 1.5 +-0.001                  +-TOLERANCE, else 1e-9)
//            guardrail_reading NAME breached 2.0 +-0.01
//            expect_error TEXT                 (instead of checks)
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "golden_file.h"
#include "golden_metrics.h"
#include "learnloop/metric_evaluation.h"

namespace learnloop {
namespace {

namespace fs = std::filesystem;

using Numbers = std::vector<double>;

struct NumberKey {
  std::string_view key;
  std::function<Numbers(const Evaluation&)> get;
};

struct TextKey {
  std::string_view key;
  std::function<std::string(const Evaluation&)> get;
};

const std::vector<NumberKey>& NumberKeys() {
  static const std::vector<NumberKey> keys = {
      {"ratio", [](const Evaluation& e) { return Numbers{e.ratio}; }},
      {"percent_change", [](const Evaluation& e) { return Numbers{e.percent_change}; }},
      {"ci",
       [](const Evaluation& e) {
         return Numbers{e.ci_low, e.ci_high};
       }},
      {"always_valid",
       [](const Evaluation& e) {
         return Numbers{e.always_valid_low, e.always_valid_high};
       }},
      {"prob_positive", [](const Evaluation& e) { return Numbers{e.prob_positive}; }},
      {"prob_reaches_expected", [](const Evaluation& e) { return Numbers{e.prob_reaches_expected}; }},
      {"abs_diff_per_day", [](const Evaluation& e) { return Numbers{e.abs_diff_per_day}; }},
      {"log_effect_se", [](const Evaluation& e) { return Numbers{e.details.log_effect_se}; }},
      {"dispersion", [](const Evaluation& e) { return Numbers{e.details.dispersion}; }},
      {"df", [](const Evaluation& e) { return Numbers{e.details.df}; }},
      {"baseline_per_day", [](const Evaluation& e) { return Numbers{e.details.baseline_per_day}; }},
      {"window_per_day", [](const Evaluation& e) { return Numbers{e.details.window_per_day}; }},
      {"baseline_days", [](const Evaluation& e) { return Numbers{double(e.details.baseline_days)}; }},
      {"window_days", [](const Evaluation& e) { return Numbers{double(e.details.window_days)}; }},
      {"days_left_out", [](const Evaluation& e) { return Numbers{double(e.details.days_left_out)}; }},
  };
  return keys;
}

const std::vector<TextKey>& TextKeys() {
  static const std::vector<TextKey> keys = {
      {"verdict", [](const Evaluation& e) { return std::string(EvaluationVerdictName(e.verdict)); }},
      {"headline", [](const Evaluation& e) { return e.headline; }},
      {"more_days_needed",
       [](const Evaluation& e) { return e.more_days_needed ? std::to_string(*e.more_days_needed) : "none"; }},
      {"weekday_terms", [](const Evaluation& e) { return std::string(e.details.weekday_terms ? "yes" : "no"); }},
      {"model", [](const Evaluation& e) { return e.details.model; }},
  };
  return keys;
}

template <typename Key>
const Key* FindKey(const std::vector<Key>& keys, std::string_view name) {
  auto found = std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return k.key == name; });
  return found == keys.end() ? nullptr : &*found;
}

// A number check: the values and the tolerance each may be off by.
struct Expected {
  golden::Line line;
  Numbers numbers;
  double tolerance = 0;
};

struct EvaluateCase {
  golden::CaseFile file;
  std::string time_zone = "UTC";
  PeriodEvaluationRequest request;
  std::vector<std::string> given;  // request keys seen
  std::optional<std::string> error;
  std::vector<Expected> numbers;
  std::vector<golden::Line> texts;
  std::vector<golden::Line> notes;
  std::vector<Expected> guardrails;  // line.rest starts with "NAME STATE"
};

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (problem != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "1.2 1.4 +-0.01": `count` numbers and an optional tolerance.
Result<Expected> ParseNumbers(const golden::CaseFile& file, const golden::Line& line,
                              const std::vector<std::string>& words, size_t count) {
  Expected expected{line, {}, 0};
  for (const std::string& word : words) {
    std::optional<double> number = ParseNumber(word.starts_with("+-") ? word.substr(2) : word);
    if (!number) return file.Error(line, fmt::format("'{}' is not a number", word));
    if (word.starts_with("+-")) {
      expected.tolerance = *number;
    } else {
      expected.numbers.push_back(*number);
    }
  }
  if (expected.numbers.size() != count)
    return file.Error(line, fmt::format("{} expects {} number{} and an optional +-TOLERANCE", line.key, count,
                                        count == 1 ? "" : "s"));
  if (expected.tolerance == 0) expected.tolerance = 1e-9 * std::max(1.0, std::abs(expected.numbers[0]));
  return expected;
}

Result<Day> OneDay(const golden::CaseFile& file, const golden::Line& line) {
  auto day = ParseDate(line.rest);
  if (!day.ok()) return file.Error(line, day.status().message());
  return *day;
}

Status ParsePeriod(const golden::CaseFile& file, const golden::Line& line, Day& from, Day& to) {
  std::vector<std::string> words = golden::Words(line.rest);
  if (words.size() != 2) return file.Error(line, fmt::format("expected '{} FROM TO'", line.key));
  auto first = ParseDate(words[0]);
  auto last = ParseDate(words[1]);
  if (!first.ok() || !last.ok()) return file.Error(line, (first.ok() ? last : first).status().message());
  from = *first;
  to = *last;
  return Status::Ok();
}

// Returns false when `line` is not a request key.
Result<bool> ParseRequestLine(const golden::CaseFile& file, const golden::Line& line, EvaluateCase& golden) {
  PeriodEvaluationRequest& r = golden.request;
  if (line.key == "time_zone") {
    golden.time_zone = line.rest;
  } else if (line.key == "metric") {
    r.metric = line.rest;
  } else if (line.key == "compare") {
    r.compare = line.rest;
  } else if (line.key == "guardrail") {
    r.guardrails.push_back(line.rest);
  } else if (line.key == "lower_is_better") {
    r.higher_is_better = false;
  } else if (line.key == "baseline") {
    LL_RETURN_IF_ERROR(ParsePeriod(file, line, r.baseline_from, r.baseline_to));
  } else if (line.key == "window") {
    LL_RETURN_IF_ERROR(ParsePeriod(file, line, r.window_from, r.window_to));
  } else if (line.key == "today") {
    LL_ASSIGN_OR_RETURN(r.today, OneDay(file, line));
  } else if (line.key == "expected_lift") {
    std::optional<double> lift = ParseNumber(line.rest);
    if (!lift) return file.Error(line, fmt::format("'{}' is not a number", line.rest));
    r.expected_lift = *lift;
  } else {
    return false;
  }
  golden.given.push_back(line.key);
  return true;
}

Status ParseCheckLine(const golden::CaseFile& file, const golden::Line& line, EvaluateCase& golden) {
  std::vector<std::string> words = golden::Words(line.rest);
  if (line.key == "expect_error") {
    if (line.rest.empty() || golden.error) return file.Error(line, "expected one 'expect_error TEXT'");
    golden.error = line.rest;
  } else if (line.key == "note") {
    golden.notes.push_back(line);
  } else if (line.key == "guardrail_reading") {
    if (words.size() < 2 || (words[1] != "breached" && words[1] != "held" && words[1] != "unread"))
      return file.Error(line, "expected 'guardrail_reading NAME breached|held|unread [RATIO [+-TOLERANCE]]'");
    std::vector<std::string> ratio(words.begin() + 2, words.end());
    Expected expected{line, {}, 0};
    if (!ratio.empty()) {
      LL_ASSIGN_OR_RETURN(expected, ParseNumbers(file, line, ratio, 1));
    }
    golden.guardrails.push_back(std::move(expected));
  } else if (const NumberKey* key = FindKey(NumberKeys(), line.key)) {
    const size_t count = key->get(Evaluation{}).size();
    LL_ASSIGN_OR_RETURN(Expected expected, ParseNumbers(file, line, words, count));
    golden.numbers.push_back(std::move(expected));
  } else if (FindKey(TextKeys(), line.key)) {
    golden.texts.push_back(line);
  } else {
    return file.Error(line, fmt::format("unknown key '{}'; see the keys listed in evaluate_golden_test.cc", line.key));
  }
  return Status::Ok();
}

Result<EvaluateCase> ParseExpected(const fs::path& file) {
  LL_ASSIGN_OR_RETURN(golden::CaseFile lines, golden::CaseFile::Read(file));
  EvaluateCase golden;
  golden.file = lines;
  for (const golden::Line& line : lines.lines()) {
    LL_ASSIGN_OR_RETURN(bool request, ParseRequestLine(lines, line, golden));
    if (!request) {
      LL_RETURN_IF_ERROR(ParseCheckLine(lines, line, golden));
    }
  }
  for (std::string_view key : {"metric", "baseline", "window", "today"}) {
    if (std::find(golden.given.begin(), golden.given.end(), key) == golden.given.end())
      return InvalidArgument(
          fmt::format("{}: no '{}' line; a request needs metric, baseline, window and today", file.string(), key));
  }
  const bool checks =
      !golden.numbers.empty() || !golden.texts.empty() || !golden.notes.empty() || !golden.guardrails.empty();
  if (golden.error.has_value() == checks)
    return InvalidArgument(fmt::format("{}: expected either checks or one expect_error line", file.string()));
  return golden;
}

std::string Show(const Numbers& numbers) { return fmt::format("{}", fmt::join(numbers, " ")); }

void CompareNumbers(const golden::CaseFile& file, const Expected& expected, const Numbers& actual,
                    std::vector<std::string>& mismatches) {
  for (size_t i = 0; i < actual.size(); ++i) {
    if (std::abs(actual[i] - expected.numbers[i]) <= expected.tolerance) continue;
    mismatches.push_back(
        file.Where(expected.line, fmt::format("{}: expected {} +-{}, got {}", expected.line.key, Show(expected.numbers),
                                              expected.tolerance, Show(actual))));
    return;
  }
}

void CompareGuardrail(const golden::CaseFile& file, const Expected& expected, const Evaluation& e,
                      std::vector<std::string>& mismatches) {
  std::vector<std::string> words = golden::Words(expected.line.rest);
  auto found = std::find_if(e.guardrails.begin(), e.guardrails.end(),
                            [&](const GuardrailReading& g) { return g.name == words[0]; });
  const std::string state = found == e.guardrails.end() ? "unread" : found->breached ? "breached" : "held";
  if (state != words[1]) {
    mismatches.push_back(
        file.Where(expected.line, fmt::format("guardrail {}: expected {}, got {}", words[0], words[1], state)));
  } else if (!expected.numbers.empty()) {
    CompareNumbers(file, expected, {found->ratio}, mismatches);
  }
}

void CompareEvaluation(const EvaluateCase& golden, const Evaluation& e, std::vector<std::string>& mismatches) {
  const golden::CaseFile& file = golden.file;
  for (const Expected& expected : golden.numbers)
    CompareNumbers(file, expected, FindKey(NumberKeys(), expected.line.key)->get(e), mismatches);
  for (const golden::Line& line : golden.texts) {
    const std::string actual = FindKey(TextKeys(), line.key)->get(e);
    if (actual != line.rest)
      mismatches.push_back(
          file.Where(line, fmt::format("{}: expected \"{}\", got \"{}\"", line.key, line.rest, actual)));
  }
  for (const golden::Line& line : golden.notes) {
    const auto& notes = e.details.notes;
    if (std::find(notes.begin(), notes.end(), line.rest) == notes.end())
      mismatches.push_back(
          file.Where(line, fmt::format("no note \"{}\"; notes: \"{}\"", line.rest, fmt::join(notes, "\", \""))));
  }
  for (const Expected& expected : golden.guardrails) CompareGuardrail(file, expected, e, mismatches);
}

Result<Evaluation> Evaluate(const fs::path& dir, const EvaluateCase& golden) {
  LL_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Load(golden.time_zone));
  LL_ASSIGN_OR_RETURN(Metrics metrics, golden::LoadMetrics(dir, zone));
  return EvaluateMetricPeriods(metrics, golden.request);
}

// The disagreements between the case and the engine, each naming its line;
// an error when the case itself cannot be read.
Result<std::vector<std::string>> RunCase(const fs::path& dir) {
  const fs::path file = dir / "expected";
  LL_ASSIGN_OR_RETURN(EvaluateCase golden, ParseExpected(file));
  Result<Evaluation> evaluation = Evaluate(dir, golden);
  std::vector<std::string> mismatches;
  if (golden.error) {
    std::string mismatch = golden::ErrorMismatch(evaluation.status(), *golden.error);
    if (!mismatch.empty()) mismatches.push_back(fmt::format("{}: {}", file.string(), mismatch));
  } else if (!evaluation.ok()) {
    mismatches.push_back(fmt::format("{}: the evaluation failed: {}", file.string(), evaluation.status().message()));
  } else {
    CompareEvaluation(golden, *evaluation, mismatches);
  }
  return mismatches;
}

class EvaluateGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EvaluateGoldenTest, VerdictAndNumbersAsExpected) {
  auto mismatches = RunCase(golden::CasesDir("evaluate") / GetParam());
  ASSERT_TRUE(mismatches.ok()) << mismatches.status().message();
  EXPECT_TRUE(mismatches->empty()) << fmt::format("{}", fmt::join(*mismatches, "\n"));
}

INSTANTIATE_TEST_SUITE_P(Cases, EvaluateGoldenTest,
                         ::testing::ValuesIn(golden::CaseNames(golden::CasesDir("evaluate"))),
                         [](const auto& info) { return info.param; });

// 14 days of a steady count, then 14 days of twice as many.
std::string Doubling() {
  std::string csv = "day,likes\n";
  for (Day d = *ParseDate("2024-03-04"); d < *ParseDate("2024-04-01"); ++d)
    csv += fmt::format("{},{}\n", FormatDate(d), (d < *ParseDate("2024-03-18") ? 20 : 40) + d % 3);
  return csv;
}

constexpr std::string_view kRequest =
    "metric likes\nbaseline 2024-03-04 2024-03-17\nwindow 2024-03-18 2024-03-31\ntoday 2024-03-31\n";

TEST(EvaluateGoldenSuiteTest, FindsTheCases) { EXPECT_GE(golden::CaseNames(golden::CasesDir("evaluate")).size(), 10u); }

TEST(EvaluateGoldenSuiteTest, AnUnknownKeyIsNamed) {
  golden::TempCase golden_case("evaluate_bad_key",
                               {{"series.csv", Doubling()}, {"expected", std::string(kRequest) + "ratoi 2\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(),
            golden_case.expected() + ":5: unknown key 'ratoi'; see the keys listed in evaluate_golden_test.cc");
}

TEST(EvaluateGoldenSuiteTest, AnIncompleteRequestIsNamed) {
  golden::TempCase golden_case("evaluate_no_today", {{"series.csv", Doubling()},
                                                     {"expected",
                                                      "metric likes\nbaseline 2024-03-04 2024-03-17\n"
                                                      "window 2024-03-18 2024-03-31\nverdict win\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(),
            golden_case.expected() + ": no 'today' line; a request needs metric, baseline, window and today");
}

TEST(EvaluateGoldenSuiteTest, AWrongCountOfNumbersIsNamed) {
  golden::TempCase golden_case("evaluate_one_bound",
                               {{"series.csv", Doubling()}, {"expected", std::string(kRequest) + "ci 1.9 +-0.1\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), golden_case.expected() + ":5: ci expects 2 numbers and an optional +-TOLERANCE");
}

TEST(EvaluateGoldenSuiteTest, AnUnknownMetricIsAMismatch) {
  golden::TempCase golden_case("evaluate_unknown", {{"series.csv", Doubling()},
                                                    {"expected",
                                                     "metric lieks\nbaseline 2024-03-04 2024-03-17\n"
                                                     "window 2024-03-18 2024-03-31\n"
                                                     "today 2024-03-31\nverdict win\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(*run,
            std::vector<std::string>{golden_case.expected() +
                                     ": the evaluation failed: no metric is named 'lieks'; known metrics: likes"});
}

TEST(EvaluateGoldenSuiteTest, WrongNumbersAndTextsAreMismatchesNamingTheLine) {
  golden::TempCase golden_case("evaluate_wrong",
                               {{"series.csv", Doubling()},
                                {"expected", std::string(kRequest) + "verdict loss\nratio 1.5 +-0.1\n"
                                                                     "guardrail_reading unsubscribes held\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_TRUE(run.ok()) << run.status().message();
  ASSERT_EQ(run->size(), 3u);
  const std::string file = golden_case.expected();
  EXPECT_TRUE((*run)[0].starts_with(file + ":6: ratio: expected 1.5 +-0.1, got 1.9")) << (*run)[0];
  EXPECT_EQ((*run)[1], file + ":5: verdict: expected \"loss\", got \"win\"");
  EXPECT_EQ((*run)[2], file + ":7: guardrail unsubscribes: expected held, got unread");
}

TEST(EvaluateGoldenSuiteTest, AnErrorThatDidNotHappenIsAMismatch) {
  golden::TempCase golden_case(
      "evaluate_no_error", {{"series.csv", Doubling()}, {"expected", std::string(kRequest) + "expect_error zero\n"}});
  auto run = RunCase(golden_case.dir());
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(*run, std::vector<std::string>{golden_case.expected() +
                                           ": expected an error containing \"zero\", but it succeeded"});
}

TEST(EvaluateGoldenSuiteTest, AMissingExpectedFileIsNamed) {
  golden::TempCase golden_case("evaluate_no_expected", {{"series.csv", Doubling()}});
  auto run = RunCase(golden_case.dir());
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), "cannot open " + golden_case.expected());
}

}  // namespace
}  // namespace learnloop
