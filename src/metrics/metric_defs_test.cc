#include "metrics/metric_defs.h"

#include <gtest/gtest.h>

#include <string>

namespace learnloop::metrics {
namespace {

ParseOptions Options() {
  ParseOptions options;
  options.rung_names = {"action", "relationship", "engagement", "network"};
  return options;
}

std::string ErrorOf(std::string_view toml) {
  auto defs = ParseMetricsToml(toml, Options());
  EXPECT_FALSE(defs.ok());
  return defs.ok() ? "" : defs.status().message();
}

TEST(MetricDefsTest, DefaultsParse) {
  auto defs = ParseMetricsToml(DefaultMetricsToml(), Options());
  ASSERT_TRUE(defs.ok()) << defs.status().message();
  ASSERT_GE(defs->size(), 10u);
  EXPECT_EQ((*defs)[0].name, "engagements");
  EXPECT_EQ((*defs)[0].type, MetricType::kCount);
  EXPECT_EQ((*defs)[0].kinds.size(), 8u);
  int entries = 0;
  for (const MetricDef& def : *defs) entries += def.type == MetricType::kRungEntries && def.enter;
  EXPECT_EQ(entries, 4);
}

TEST(MetricDefsTest, EveryTypeParses) {
  auto defs = ParseMetricsToml(R"(
[[metric]]
name = "amount"
description = "Money"
unit = "EUR"
type = "sum"
kinds = ["donation"]
channels = ["crm"]
tags = ["spring"]
[[metric]]
name = "reach"
type = "observation"
observation = "reach"
[[metric]]
name = "rate"
type = "ratio"
numerator = "amount"
denominator = "reach"
[[metric]]
name = "left"
type = "rung_entries"
rung = "network"
direction = "leave"
[[metric]]
name = "conv"
type = "conversion"
from = "network"
to = "action"
window_days = 7
)",
                               Options());
  ASSERT_TRUE(defs.ok()) << defs.status().message();
  ASSERT_EQ(defs->size(), 5u);
  EXPECT_EQ((*defs)[0].unit, "EUR");
  EXPECT_EQ((*defs)[0].tags, std::vector<std::string>{"spring"});
  EXPECT_EQ((*defs)[1].observation, "reach");
  EXPECT_EQ((*defs)[2].denominator, "reach");
  EXPECT_FALSE((*defs)[3].enter);
  EXPECT_EQ((*defs)[4].window_days, 7);
  EXPECT_EQ(MetricTypeName((*defs)[4].type), "conversion");
}

TEST(MetricDefsTest, EmptyFileHasNoMetrics) {
  auto defs = ParseMetricsToml("# nothing yet\n", Options());
  ASSERT_TRUE(defs.ok());
  EXPECT_TRUE(defs->empty());
}

TEST(MetricDefsTest, SyntaxAndStructureErrors) {
  EXPECT_NE(ErrorOf("[[metric]\n").find("metrics.toml:1:"), std::string::npos);
  EXPECT_NE(ErrorOf("window = 3\n").find("window: unknown key"), std::string::npos);
  EXPECT_NE(ErrorOf("metric = 3\n").find("expected [[metric]] tables"), std::string::npos);
}

// Every config file reports TOML syntax errors in one form (config::ParseToml).
TEST(MetricDefsTest, TomlSyntaxErrorNamesFileLineAndColumn) {
  const std::string message = ErrorOf("[[metric]]\nname = \"a\"\ntype = = 3\n");
  EXPECT_EQ(message.rfind("metrics.toml:3:8: not valid TOML: ", 0), 0u) << message;
  EXPECT_NE(message.find("; expected TOML like the metrics.toml that init writes"), std::string::npos) << message;
}

TEST(MetricDefsTest, KeyErrorsNameMetricAndKey) {
  EXPECT_NE(ErrorOf("[[metric]]\ntype = \"count\"\n").find("metric[1].name: missing"), std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"Bad Name\"\ntype = \"count\"\n").find("metric[1].name: 'Bad Name'"),
            std::string::npos);
  // A metric's name is reported as a metric name, not as an event kind.
  EXPECT_EQ(ErrorOf("[[metric]]\nname = \"BadName\"\ntype = \"count\"\n"),
            "metrics.toml:2: metric[1].name: 'BadName': metric name must start with a lower-case letter");
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"r\"\ntype = \"ratio\"\nnumerator = \"Likes\"\ndenominator = \"r\"\n")
                .find("'r'.numerator: 'Likes': metric name must start with a lower-case letter"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"o\"\ntype = \"observation\"\nobservation = \"re ach\"\n")
                .find("'o'.observation: 're ach': metric name may hold only"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\n").find("metrics.toml:1: metric[1] 'a'.type: missing"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"median\"\n").find("unknown type 'median'"), std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"count\"\nkind = [\"like\"]\n")
                .find("metrics.toml:4: metric[1] 'a'.kind: unknown key for type 'count'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"count\"\nkinds = \"like\"\n").find("'a'.kinds: expected a"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"count\"\ntags = []\n").find("'a'.tags: expected a non-empty"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"count\"\ndescription = 3\n").find("'a'.description"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"ratio\"\nkinds = [\"like\"]\n").find("'a'.kinds: unknown key"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"observation\"\n").find("'a'.observation: missing"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"count\"\n[[metric]]\nname = \"a\"\ntype = \"count\"\n")
                .find("metric[2] 'a'.name: metric name 'a' is used twice"),
            std::string::npos);
}

TEST(MetricDefsTest, RungErrors) {
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"rung_entries\"\nrung = \"donor\"\n")
                .find("'a'.rung: 'donor' is not a rung of the ladder; expected one of: action, relationship"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[[metric]]\nname = \"a\"\ntype = \"rung_entries\"\nrung = \"network\"\ndirection = \"up\"\n")
                .find("'a'.direction: expected \"enter\" or \"leave\""),
            std::string::npos);
  const std::string conversion = "[[metric]]\nname = \"c\"\ntype = \"conversion\"\n";
  EXPECT_NE(ErrorOf(conversion + "from = \"action\"\nto = \"network\"\nwindow_days = 3\n")
                .find("'c'.to: rung 'network' is not above 'action'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(conversion + "from = \"network\"\nto = \"action\"\n").find("'c'.window_days: missing"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf(conversion + "from = \"network\"\nto = \"action\"\nwindow_days = 0\n").find("'c'.window_days: expected"),
      std::string::npos);
}

TEST(MetricDefsTest, RatioErrors) {
  const std::string ratio = "[[metric]]\nname = \"r\"\ntype = \"ratio\"\n";
  EXPECT_NE(ErrorOf(ratio + "numerator = \"x\"\ndenominator = \"r\"\n").find("'r'.numerator: no metric is named 'x'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ratio + "numerator = \"r\"\n").find("'r'.denominator: missing"), std::string::npos);
  EXPECT_NE(ErrorOf(ratio + "numerator = \"r\"\ndenominator = \"r\"\n").find("ratios form a cycle: r -> r"),
            std::string::npos);
  std::string cycle = ratio + "numerator = \"s\"\ndenominator = \"s\"\n" +
                      "[[metric]]\nname = \"s\"\ntype = \"ratio\"\nnumerator = \"r\"\ndenominator = \"r\"\n";
  EXPECT_NE(ErrorOf(cycle).find("r -> s -> r"), std::string::npos);
}

// Ratios sharing inputs used to be checked for cycles path by path: 2^60
// paths here. Each metric is now reached once.
TEST(MetricDefsTest, ChecksAChainOfRatiosThatShareInputsOnce) {
  std::string toml = "[[metric]]\nname = \"m0\"\ntype = \"count\"\n";
  for (int i = 1; i <= 60; ++i) {
    toml += "[[metric]]\nname = \"m" + std::to_string(i) + "\"\ntype = \"ratio\"\n";
    toml += "numerator = \"m" + std::to_string(i - 1) + "\"\ndenominator = \"m" + std::to_string(i - 1) + "\"\n";
  }
  auto defs = ParseMetricsToml(toml, Options());
  ASSERT_TRUE(defs.ok()) << defs.status().message();
  EXPECT_EQ(defs->size(), 61u);
  // A cycle at the far end of the chain is still found, and named where it closes.
  toml += "[[metric]]\nname = \"x\"\ntype = \"ratio\"\nnumerator = \"m60\"\ndenominator = \"y\"\n";
  toml += "[[metric]]\nname = \"y\"\ntype = \"ratio\"\nnumerator = \"x\"\ndenominator = \"m0\"\n";
  EXPECT_NE(ErrorOf(toml).find(": metric 'x': ratios form a cycle: x -> y -> x"), std::string::npos) << ErrorOf(toml);
}

ParseOptions WithAttributes() {
  ParseOptions options = Options();
  options.attribute_values = {{"city", {"Berlin", "Hamburg"}}, {"membership", {"member"}}};
  return options;
}

TEST(MetricDefsTest, PersonFiltersParse) {
  auto defs = ParseMetricsToml(R"(
[[metric]]
name = "members_in_cities"
type = "people"
kinds = ["like"]
person = { membership = ["member"], city = ["Hamburg", "Berlin"] }
[[metric]]
name = "berlin_entries"
type = "rung_entries"
rung = "relationship"
[metric.person]
city = ["Berlin"]
[[metric]]
name = "member_conversion"
type = "conversion"
from = "network"
to = "action"
window_days = 7
person = { membership = ["member"] }
)",
                               WithAttributes());
  ASSERT_TRUE(defs.ok()) << defs.status().message();
  ASSERT_EQ(defs->size(), 3u);
  ASSERT_EQ((*defs)[0].person.size(), 2u);
  // Attributes come in name order (TOML tables have no order); values as written.
  EXPECT_EQ((*defs)[0].person[0], (PersonFilter{"city", {"Hamburg", "Berlin"}}));
  EXPECT_EQ((*defs)[0].person[1], (PersonFilter{"membership", {"member"}}));
  EXPECT_EQ((*defs)[1].person, (std::vector<PersonFilter>{{"city", {"Berlin"}}}));
  EXPECT_EQ((*defs)[2].person, (std::vector<PersonFilter>{{"membership", {"member"}}}));
}

TEST(MetricDefsTest, PersonFilterErrorsNameAttributeAndValue) {
  auto error = [](std::string_view toml, const ParseOptions& options) {
    auto defs = ParseMetricsToml(toml, options);
    EXPECT_FALSE(defs.ok());
    return defs.ok() ? std::string() : defs.status().message();
  };
  const std::string count = "[[metric]]\nname = \"a\"\ntype = \"count\"\n";
  ParseOptions none_stored = Options();
  none_stored.attribute_values.emplace();
  EXPECT_NE(error(count + "person = { city = [\"Berlin\"] }\n", none_stored)
                .find("metrics.toml:4: metric[1] 'a'.person.city: no person attributes are stored yet"),
            std::string::npos);
  EXPECT_NE(error(count + "person = { town = [\"Berlin\"] }\n", WithAttributes())
                .find("'a'.person.town: no person attribute is named 'town'; stored attributes: city, membership"),
            std::string::npos);
  EXPECT_NE(error(count + "person = { city = [\"berlin\"] }\n", WithAttributes())
                .find("'a'.person.city: no person has 'berlin' as city; stored values: Berlin, Hamburg"),
            std::string::npos);
  EXPECT_NE(error(count + "person = { city = [] }\n", WithAttributes()).find("'a'.person.city: expected a non-empty"),
            std::string::npos);
  EXPECT_NE(error(count + "person = { city = \"Berlin\" }\n", WithAttributes()).find("'a'.person.city: expected"),
            std::string::npos);
  EXPECT_NE(error(count + "person = {}\n", WithAttributes()).find("'a'.person: expected attributes"),
            std::string::npos);
  EXPECT_NE(error(count + "person = [\"city\"]\n", WithAttributes()).find("'a'.person: expected attributes"),
            std::string::npos);
  EXPECT_NE(error("[[metric]]\nname = \"o\"\ntype = \"observation\"\nobservation = \"reach\"\nperson = { city = "
                  "[\"Berlin\"] }\n",
                  WithAttributes())
                .find("'o'.person: unknown key for type 'observation'"),
            std::string::npos);
}

TEST(MetricDefsTest, PersonFiltersAreUncheckedWithoutStoredAttributes) {
  // How the workspace learns which attributes metrics.toml needs.
  auto defs = ParseMetricsToml("[[metric]]\nname = \"a\"\ntype = \"count\"\nperson = { town = [\"X\"] }\n", Options());
  ASSERT_TRUE(defs.ok()) << defs.status().message();
  EXPECT_EQ((*defs)[0].person, (std::vector<PersonFilter>{{"town", {"X"}}}));
}

TEST(MetricDefsTest, DefaultsDropRungMetricsARenamedLadderLacks) {
  ParseOptions options;
  options.rung_names = {"donor", "engagement"};
  EXPECT_FALSE(ParseMetricsToml(DefaultMetricsToml(), options).ok());
  options.drop_unknown_rungs = true;
  auto defs = ParseMetricsToml(DefaultMetricsToml(), options);
  ASSERT_TRUE(defs.ok()) << defs.status().message();
  for (const MetricDef& def : *defs) {
    EXPECT_NE(def.type, MetricType::kConversion);
    if (def.type == MetricType::kRungEntries) {
      EXPECT_EQ(def.rung, "engagement");
    }
  }
}

}  // namespace
}  // namespace learnloop::metrics
