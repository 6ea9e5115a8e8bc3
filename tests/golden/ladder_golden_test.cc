// Runs every case folder under tests/golden/ladder/: events.csv (canonical
// CSV), expected (the rung of every person with an event at or before each
// `as_of` day) and, optionally, the case's own ladder.toml.
//
// expected:  # comment
//            time_zone Europe/Berlin     (optional, before the first as_of)
//            as_of 2024-03-31
//            person,rung                 (one line per person; all of them)
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "golden_file.h"
#include "ladder/ladder_rules.h"
#include "learnloop/ladder.h"

namespace learnloop {
namespace {

namespace fs = std::filesystem;

using PersonRungs = std::vector<std::pair<std::string, std::string>>;

struct Check {
  Day as_of = 0;
  PersonRungs people;
};

struct GoldenCase {
  std::string time_zone = "UTC";
  std::vector<Check> checks;
};

fs::path CasesDir() { return golden::CasesDir("ladder"); }

std::vector<std::string> CaseNames() { return golden::CaseNames(CasesDir()); }

Result<GoldenCase> ParseExpected(const fs::path& file) {
  LL_ASSIGN_OR_RETURN(golden::CaseFile lines, golden::CaseFile::Read(file));
  GoldenCase golden;
  for (const golden::Line& line : lines.lines()) {
    if (line.key == "time_zone") {
      if (!golden.checks.empty()) return lines.Error(line, "time_zone must come before the first as_of");
      golden.time_zone = line.rest;
    } else if (line.key == "as_of") {
      auto day = ParseDate(line.rest);
      if (!day.ok()) return lines.Error(line, day.status().message());
      golden.checks.push_back({*day, {}});
    } else {
      size_t comma = line.key.find(',');
      if (comma == std::string::npos || !line.rest.empty() || golden.checks.empty())
        return lines.Error(line, "expected 'person,rung' after an as_of line");
      golden.checks.back().people.emplace_back(line.key.substr(0, comma), line.key.substr(comma + 1));
    }
  }
  if (golden.checks.empty()) return InvalidArgument(fmt::format("{}: no as_of line", file.string()));
  return golden;
}

Result<ladder::LadderRules> LoadRules(const fs::path& dir) {
  fs::path file = dir / "ladder.toml";
  if (!fs::exists(file)) return ladder::ParseLadderRules(ladder::DefaultLadderToml(), "default ladder.toml");
  LL_ASSIGN_OR_RETURN(std::string text, golden::ReadFile(file));
  return ladder::ParseLadderRules(text, file.string());
}

Result<Ladder> LoadCase(const fs::path& dir, const GoldenCase& golden) {
  LL_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Load(golden.time_zone));
  LL_ASSIGN_OR_RETURN(auto table, golden::LoadEvents(dir / "events.csv", zone));
  LL_ASSIGN_OR_RETURN(ladder::LadderRules rules, LoadRules(dir));
  return Ladder(std::move(table), std::move(rules));
}

class LadderGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LadderGoldenTest, EveryPersonOnTheExpectedRung) {
  fs::path dir = CasesDir() / GetParam();
  auto golden = ParseExpected(dir / "expected");
  ASSERT_TRUE(golden.ok()) << golden.status().message();
  auto ladder = LoadCase(dir, *golden);
  ASSERT_TRUE(ladder.ok()) << ladder.status().message();
  for (Check& check : golden->checks) {
    SCOPED_TRACE("as_of " + FormatDate(check.as_of));
    PersonRungs actual;
    for (PersonRung& p : ladder->PeopleAsOf(check.as_of)) actual.emplace_back(std::move(p.person), std::move(p.rung));
    std::sort(actual.begin(), actual.end());
    std::sort(check.people.begin(), check.people.end());
    EXPECT_EQ(actual, check.people);

    std::map<std::string, int64_t> expected_counts;
    for (const auto& [person, rung] : check.people) ++expected_counts[rung];
    LadderSnapshot counts = ladder->CountsAsOf(check.as_of);
    EXPECT_EQ(counts.audience, expected_counts[std::string(kAudienceName)]);
    for (const RungCount& rung : counts.rungs) EXPECT_EQ(rung.people, expected_counts[rung.name]) << rung.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, LadderGoldenTest, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) { return info.param; });

TEST(LadderGoldenSuiteTest, FindsTheCases) { EXPECT_GE(CaseNames().size(), 7u); }

TEST(LadderGoldenSuiteTest, ExpectedFileErrorsNameTheLine) {
  fs::path file = fs::temp_directory_path() / "ladder_golden_bad_expected";
  std::ofstream(file) << "# fine\nana,action\n";
  auto golden = ParseExpected(file);
  ASSERT_FALSE(golden.ok());
  EXPECT_EQ(golden.status().message(), file.string() + ":2: expected 'person,rung' after an as_of line");
  fs::remove(file);
}

}  // namespace
}  // namespace learnloop
