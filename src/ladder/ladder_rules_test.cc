#include "ladder/ladder_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace learnloop::ladder {
namespace {

using ::testing::HasSubstr;

const std::vector<std::string> kEngagementKinds = {"like",    "share",   "comment", "reply",
                                                   "mention", "message", "click",   "open"};

// DESIGN.md's default rules, written out by hand.
LadderRules DesignRules() {
  LadderRules rules;
  rules.window_days = 90;
  rules.rungs = {
      {"action", {{CountRule{{"donation", "volunteer", "petition", "event_attend", "host"}, 1, 0, 0}, 90}}},
      {"relationship",
       {{CountRule{kEngagementKinds, 3, 2, 0}, 90},
        {ExchangeRule{{"comment", "reply", "mention", "message"}, {"org_reply"}}, 90}}},
      {"engagement", {{CountRule{kEngagementKinds, 1, 0, 0}, 90}}},
      {"network", {{StateRule{{"follow", "subscribe"}, {"unfollow", "unsubscribe"}, true}, 0}}},
  };
  return rules;
}

// The default file with the first `from` after its comment header replaced.
std::string DefaultWith(std::string_view from, std::string_view to) {
  std::string text(DefaultLadderToml());
  size_t at = text.find(from, text.find("window_days = 90"));
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The error message of parsing `text`, or "" when it parses.
std::string ErrorOf(std::string_view text) {
  auto rules = ParseLadderRules(text, "ladder.toml");
  return rules.ok() ? "" : rules.status().message();
}

TEST(LadderRulesTest, PersonKindsOfEachDefaultRung) {
  auto rules = ParseLadderRules(DefaultLadderToml(), "ladder.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  using V = std::vector<std::string>;
  EXPECT_EQ(PersonKindsOf(rules->rungs[0]), (V{"donation", "volunteer", "petition", "event_attend", "host"}));
  EXPECT_EQ(PersonKindsOf(rules->rungs[1]),
            (V{"like", "share", "comment", "reply", "mention", "message", "click", "open"}))
      << "the exchange's person kinds are engagement kinds already; org_reply is the organization's";
  EXPECT_EQ(PersonKindsOf(rules->rungs[3]), (V{"follow", "subscribe"}));
}

// Every config file reports TOML syntax errors in one form (config::ParseToml).
TEST(LadderRulesTest, TomlSyntaxErrorNamesFileLineAndColumn) {
  const std::string message = ErrorOf("window_days = 90\n[[rung]\n");
  EXPECT_EQ(message.rfind("ladder.toml:2:", 0), 0u) << message;
  EXPECT_THAT(message, HasSubstr(": not valid TOML: "));
  EXPECT_THAT(message, HasSubstr("; expected TOML like the ladder.toml that init writes"));
}

TEST(LadderRulesTest, DefaultFileIsExactlyTheDesignRules) {
  auto rules = ParseLadderRules(DefaultLadderToml(), "ladder.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_EQ(*rules, DesignRules());
}

TEST(LadderRulesTest, RenamesARung) {
  auto rules = ParseLadderRules(DefaultWith("name = \"engagement\"", "name = \"interest\""), "ladder.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  LadderRules expected = DesignRules();
  expected.rungs[2].name = "interest";
  EXPECT_EQ(*rules, expected);
}

TEST(LadderRulesTest, AddsARungWithACustomKindAndItsOwnWindow) {
  std::string text = DefaultWith("[[rung]]\nname = \"action\"",
                                 "[[rung]]\nname = \"advocate\"\n"
                                 "  [[rung.rule]]\n  kinds = [\"recruit-friend\"]\n  min_events = 2\n"
                                 "  min_distinct_days = 2\n  window_days = 365\n"
                                 "[[rung]]\nname = \"action\"");
  auto rules = ParseLadderRules(text, "ladder.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  ASSERT_EQ(rules->rungs.size(), 5u);
  EXPECT_EQ(rules->rungs[0], (Rung{"advocate", {{CountRule{{"recruit-friend"}, 2, 0, 2}, 365}}}));
  EXPECT_EQ(rules->rungs[1].name, "action");
}

TEST(LadderRulesTest, DefaultWindowAppliesToEveryWindowedRule) {
  auto rules = ParseLadderRules(DefaultWith("window_days = 90", "window_days = 30"), "ladder.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_EQ(rules->window_days, 30);
  EXPECT_EQ(rules->rungs[0].rules[0].window_days, 30);
  EXPECT_EQ(rules->rungs[1].rules[1].window_days, 30);
  EXPECT_EQ(rules->rungs[3].rules[0].window_days, 0);  // state rules look at all history
}

TEST(LadderRulesTest, MinimalFileAndPerChannelFalse) {
  auto rules = ParseLadderRules(
      "[[rung]]\nname = \"fan\"\n[[rung.rule]]\nstate = { on_kinds = [\"follow\"], off_kinds = [\"unfollow\"], "
      "per_channel = false }\n",
      "mini.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_EQ(rules->window_days, 90);
  EXPECT_EQ(rules->rungs[0], (Rung{"fan", {{StateRule{{"follow"}, {"unfollow"}, false}, 0}}}));
}

TEST(LadderRulesTest, ErrorsNameFileLineAndKeyPath) {
  EXPECT_EQ(ErrorOf(DefaultWith("min_events = 3", "min_events = 0")),
            "ladder.toml:38: rung[2].rule[1].min_events: expected a positive integer, got 0");
  EXPECT_THAT(ErrorOf(DefaultWith("min_events = 3", "min_events = \"3\"")),
              HasSubstr("rung[2].rule[1].min_events: expected a positive integer, got a string"));
  EXPECT_THAT(ErrorOf(DefaultWith("min_distinct_weeks = 2", "min_distinct_weeks = -1")),
              HasSubstr("rung[2].rule[1].min_distinct_weeks: expected a positive integer, got -1"));
}

TEST(LadderRulesTest, UnknownKeysAreErrors) {
  EXPECT_THAT(ErrorOf(DefaultWith("min_events = 3", "min_event = 3")),
              HasSubstr("ladder.toml:38: rung[2].rule[1].min_event: unknown key; expected one of: kinds, min_events"));
  EXPECT_THAT(ErrorOf(DefaultWith("window_days = 90", "window_day = 90")),
              HasSubstr("window_day: unknown key; expected one of: window_days, rung"));
  EXPECT_THAT(ErrorOf(DefaultWith("name = \"network\"", "name = \"network\"\ncolor = \"blue\"")),
              HasSubstr("rung[4].color: unknown key"));
  EXPECT_THAT(ErrorOf(DefaultWith("per_channel = true", "per_chanel = true")),
              HasSubstr("rung[4].rule[1].state.per_chanel: unknown key; expected one of: on_kinds, off_kinds"));
  EXPECT_THAT(ErrorOf(DefaultWith("org_kinds", "org_kind")),
              HasSubstr("rung[2].rule[2].exchange.org_kind: unknown key"));
  EXPECT_THAT(ErrorOf(DefaultWith("per_channel = true }", "per_channel = true }\n  window_days = 30")),
              HasSubstr("rung[4].rule[1].window_days: unknown key; expected one of: state"));
}

TEST(LadderRulesTest, EmptyLadderAndRungsWithoutRulesAreErrors) {
  EXPECT_EQ(ErrorOf(""), "ladder.toml:1: rung: the ladder has no rungs; expected at least one [[rung]] table");
  EXPECT_THAT(ErrorOf("window_days = 30\nrung = []\n"), HasSubstr("ladder.toml:2: rung: the ladder has no rungs"));
  EXPECT_THAT(ErrorOf("[[rung]]\nname = \"fan\"\n"),
              HasSubstr("ladder.toml:1: rung[1].rule: a rung needs at least one [[rung.rule]]"));
  EXPECT_THAT(ErrorOf("rung = \"action\"\n"), HasSubstr("rung: the ladder has no rungs"));
  EXPECT_THAT(ErrorOf("rung = [\"action\"]\n"), HasSubstr("rung[1]: expected a table, got a string"));
}

TEST(LadderRulesTest, RungNamesMustBeUniqueAndNotAudience) {
  EXPECT_THAT(ErrorOf(DefaultWith("name = \"engagement\"", "name = \"action\"")),
              HasSubstr("rung[3].name: rung name 'action' is used twice"));
  EXPECT_THAT(ErrorOf(DefaultWith("name = \"engagement\"", "name = \"audience\"")),
              HasSubstr("rung[3].name: expected 1 to 64 printable characters other than 'audience'"));
  EXPECT_THAT(ErrorOf(DefaultWith("name = \"engagement\"", "name = \"\"")), HasSubstr("rung[3].name: expected 1 to"));
  EXPECT_THAT(ErrorOf(DefaultWith("name = \"engagement\"", "name = 3")),
              HasSubstr("rung[3].name: expected a name in quotes"));
  EXPECT_THAT(ErrorOf(DefaultWith("name = \"engagement\"\n", "")),
              HasSubstr("ladder.toml:43: rung[3].name: missing; this key is required"));
}

TEST(LadderRulesTest, WindowsMustBeInRange) {
  EXPECT_THAT(ErrorOf(DefaultWith("window_days = 90", "window_days = 0")),
              HasSubstr("window_days: expected a whole number of days from 1 to 36500, got 0"));
  EXPECT_THAT(ErrorOf(DefaultWith("window_days = 90", "window_days = 99999")), HasSubstr("got 99999"));
  EXPECT_THAT(ErrorOf(DefaultWith("window_days = 90", "window_days = 1.5")), HasSubstr("got a number with a fraction"));
  EXPECT_THAT(ErrorOf(DefaultWith("min_events = 1\n", "min_events = 1\n  window_days = 0\n")),
              HasSubstr("rung[1].rule[1].window_days: expected a whole number of days"));
}

TEST(LadderRulesTest, RuleShapeAndKindsAreChecked) {
  EXPECT_THAT(ErrorOf(DefaultWith("min_events = 1\n",
                                  "min_events = 1\n  state = { on_kinds = [\"a\"], off_kinds "
                                  "= [\"b\"] }\n")),
              HasSubstr("rung[1].rule[1]: expected exactly one of 'kinds', 'exchange' or 'state'"));
  EXPECT_THAT(ErrorOf("[[rung]]\nname = \"x\"\n[[rung.rule]]\nmin_events = 2\n"),
              HasSubstr("rung[1].rule[1]: expected exactly one of"));
  EXPECT_THAT(ErrorOf(DefaultWith("\"host\"]", "\"Host\"]")),
              HasSubstr("rung[1].rule[1].kinds[5]: 'Host': kind must start with a lower-case letter"));
  EXPECT_THAT(ErrorOf(DefaultWith("[\"donation\", \"volunteer\", \"petition\", \"event_attend\", \"host\"]", "[]")),
              HasSubstr("rung[1].rule[1].kinds: expected a non-empty list of kinds"));
  EXPECT_THAT(ErrorOf(DefaultWith("\"host\"]", "3]")),
              HasSubstr("rung[1].rule[1].kinds[5]: expected a kind in quotes"));
  EXPECT_THAT(ErrorOf(DefaultWith("org_kinds = [\"org_reply\"]", "org_kinds = \"org_reply\"")),
              HasSubstr("rung[2].rule[2].exchange.org_kinds: expected a non-empty list of kinds"));
  EXPECT_THAT(ErrorOf(DefaultWith(", org_kinds = [\"org_reply\"]", "")),
              HasSubstr("rung[2].rule[2].exchange.org_kinds: missing; this key is required"));
  EXPECT_THAT(ErrorOf(DefaultWith("off_kinds = [\"unfollow\"", "off_kinds = [\"follow\"")),
              HasSubstr("rung[4].rule[1].state.off_kinds: kind 'follow' cannot be both on and off"));
  EXPECT_THAT(ErrorOf(DefaultWith("per_channel = true", "per_channel = \"yes\"")),
              HasSubstr("rung[4].rule[1].state.per_channel: expected true or false"));
  EXPECT_THAT(ErrorOf(DefaultWith("exchange = {", "exchange = 3 #")),
              HasSubstr("rung[2].rule[2].exchange: expected a table, got an integer"));
}

TEST(LadderRulesTest, TooManyConditionsIsAnError) {
  std::string text;
  for (int i = 0; i < 33; ++i) {
    text += "[[rung]]\nname = \"r" + std::to_string(i) +
            "\"\n[[rung.rule]]\nexchange = { person_kinds = [\"a\"], org_kinds = [\"b\"] }\n";
  }
  EXPECT_THAT(ErrorOf(text), HasSubstr("ladder.toml:1: the ladder has 66 rule conditions; at most 64"));
}

TEST(LadderRulesTest, TomlSyntaxErrorsNameTheLine) {
  EXPECT_THAT(ErrorOf("window_days = 90\n[[rung]\n"), HasSubstr("ladder.toml:2:"));
  EXPECT_THAT(ErrorOf("window_days = 90\n[[rung]\n"), HasSubstr("expected TOML"));
}

}  // namespace
}  // namespace learnloop::ladder
