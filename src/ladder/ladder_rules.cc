#include "ladder/ladder_rules.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <initializer_list>

#include "config/toml_text.h"
#include "learnloop/event.h"

namespace learnloop::ladder {
namespace {

// The built-in kinds fill in {action}, {engagement} ... (BuiltinKindsWith).
constexpr std::string_view kDefaultLadderFormat =
    R"(# The ladder of engagement: the rung each person stands on as of a day T.
#
# Rungs are listed highest first. A person stands on the highest rung whose
# rules ALL hold; people on no rung are "audience", outside the ladder.
# Windows are whole days in the workspace time zone: 90 days as of T are the
# days T-89 ... T, both included.
#
# A rule is one of:
#   kinds = [...]              count events of these kinds in the window:
#     min_events = N             at least N of them (default 1),
#     min_distinct_weeks = N     on at least N ISO weeks (Monday to Sunday),
#     min_distinct_days = N      on at least N different days.
#   exchange = {{ person_kinds = [...], org_kinds = [...] }}
#                              a two-way exchange: the person did one of
#                              person_kinds and the organization did one of
#                              org_kinds towards them, both in the window.
#   state = {{ on_kinds = [...], off_kinds = [...], per_channel = true }}
#                              the latest on/off event at or before T is an
#                              "on" one (on some channel when per_channel);
#                              looks at all history, not a window.
# A kinds or exchange rule may set its own window_days.
#
# Rename rungs, add or remove them, change kinds, counts and windows: the
# next ladder report follows this file.

window_days = 90

[[rung]]
name = "action"
  [[rung.rule]]  # did something on the ground
  kinds = {action}
  min_events = 1

[[rung]]
name = "relationship"
  [[rung.rule]]  # repeated engagement over at least two weeks ...
  kinds = {engagement}
  min_events = 3
  min_distinct_weeks = 2
  [[rung.rule]]  # ... and a conversation with the organization
  exchange = {{ person_kinds = {conversation}, org_kinds = {org_reply} }}

[[rung]]
name = "engagement"
  [[rung.rule]]
  kinds = {engagement}
  min_events = 1

[[rung]]
name = "network"
  [[rung.rule]]  # follows or subscribes to the organization right now
  state = {{ on_kinds = {follow}, off_kinds = {unfollow}, per_channel = true }}
)";

std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number with a fraction";
    case toml::node_type::boolean:
      return "true/false";
    default:
      return "a date or time";
  }
}

int ConditionCount(const Rule& rule) { return std::holds_alternative<ExchangeRule>(rule.condition) ? 2 : 1; }

// Walks the parsed TOML; every error names the file, the line and the key
// path with 1-based indices ("rung[2].rule[1].min_events").
class RulesParser {
 public:
  explicit RulesParser(std::string_view file) : file_(file) {}

  Result<LadderRules> Parse(const toml::table& root) const {
    LL_RETURN_IF_ERROR(CheckKeys(root, "", {"window_days", "rung"}));
    LadderRules rules;
    if (const toml::node* window = root.get("window_days")) {
      LL_ASSIGN_OR_RETURN(rules.window_days, WindowDays(*window, "window_days"));
    }
    const toml::node* rungs = root.get("rung");
    const toml::array* list = rungs ? rungs->as_array() : nullptr;
    if (list == nullptr || list->empty()) {
      return Error(rungs ? *rungs : root, "rung", "the ladder has no rungs; expected at least one [[rung]] table");
    }
    for (size_t i = 0; i < list->size(); ++i) {
      std::string path = fmt::format("rung[{}]", i + 1);
      LL_ASSIGN_OR_RETURN(Rung rung, ParseRung((*list)[i], path, rules.window_days));
      for (const Rung& earlier : rules.rungs) {
        if (earlier.name == rung.name) {
          return Error((*list)[i], path + ".name", fmt::format("rung name '{}' is used twice", rung.name));
        }
      }
      rules.rungs.push_back(std::move(rung));
    }
    return CheckSize(root, rules);
  }

 private:
  Status Error(const toml::node& at, std::string_view path, std::string_view problem) const {
    return ErrorAtLine(static_cast<int64_t>(at.source().begin.line), path, problem);
  }

  Status ErrorAtLine(int64_t line, std::string_view path, std::string_view problem) const {
    std::string where = line > 0 ? fmt::format("{}:{}", file_, line) : std::string(file_);
    if (path.empty()) return InvalidArgument(fmt::format("{}: {}", where, problem));
    return InvalidArgument(fmt::format("{}: {}: {}", where, path, problem));
  }

  static std::string Join(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }

  Status CheckKeys(const toml::table& table, std::string_view path,
                   std::initializer_list<std::string_view> allowed) const {
    for (auto&& [key, node] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      return ErrorAtLine(static_cast<int64_t>(key.source().begin.line), Join(path, key.str()),
                         fmt::format("unknown key; expected one of: {}", fmt::join(allowed, ", ")));
    }
    return Status::Ok();
  }

  Result<const toml::table*> Table(const toml::node& node, std::string_view path) const {
    const toml::table* table = node.as_table();
    if (table == nullptr) return Error(node, path, fmt::format("expected a table, got {}", TypeName(node)));
    return table;
  }

  Result<const toml::node*> Required(const toml::table& table, std::string_view path, std::string_view key) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return Error(table, Join(path, key), "missing; this key is required");
    return node;
  }

  Result<int32_t> Integer(const toml::node& node, std::string_view path, int32_t min, int32_t max,
                          std::string_view expected) const {
    const auto* value = node.as_integer();
    if (value == nullptr) return Error(node, path, fmt::format("expected {}, got {}", expected, TypeName(node)));
    int64_t v = value->get();
    if (v < min || v > max) return Error(node, path, fmt::format("expected {}, got {}", expected, v));
    return static_cast<int32_t>(v);
  }

  Result<int32_t> WindowDays(const toml::node& node, std::string_view path) const {
    return Integer(node, path, 1, kMaxWindowDays, fmt::format("a whole number of days from 1 to {}", kMaxWindowDays));
  }

  Result<std::vector<std::string>> Kinds(const toml::node& node, std::string_view path) const {
    const toml::array* list = node.as_array();
    if (list == nullptr || list->empty()) {
      return Error(node, path, "expected a non-empty list of kinds like [\"like\", \"share\"]");
    }
    std::vector<std::string> kinds;
    for (size_t i = 0; i < list->size(); ++i) {
      std::string item_path = fmt::format("{}[{}]", path, i + 1);
      const auto* text = (*list)[i].as_string();
      if (text == nullptr) return Error((*list)[i], item_path, "expected a kind in quotes like \"like\"");
      const std::string problem = KindProblem(text->get());
      if (!problem.empty()) return Error((*list)[i], item_path, fmt::format("'{}': {}", text->get(), problem));
      kinds.push_back(text->get());
    }
    return kinds;
  }

  Result<std::string> RungName(const toml::table& rung, std::string_view path) const {
    std::string name_path = Join(path, "name");
    LL_ASSIGN_OR_RETURN(const toml::node* node, Required(rung, path, "name"));
    const auto* text = node->as_string();
    if (text == nullptr) return Error(*node, name_path, "expected a name in quotes like \"relationship\"");
    const std::string& name = text->get();
    bool control = std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (name.empty() || name.size() > 64 || control || name == kAudienceName) {
      return Error(*node, name_path,
                   fmt::format("expected 1 to 64 printable characters other than '{}' (reserved for people on no "
                               "rung), got '{}'",
                               kAudienceName, name));
    }
    return name;
  }

  Result<Rung> ParseRung(const toml::node& node, const std::string& path, int32_t default_window) const {
    LL_ASSIGN_OR_RETURN(const toml::table* table, Table(node, path));
    LL_RETURN_IF_ERROR(CheckKeys(*table, path, {"name", "rule"}));
    Rung rung;
    LL_ASSIGN_OR_RETURN(rung.name, RungName(*table, path));
    const toml::node* rules = table->get("rule");
    const toml::array* list = rules ? rules->as_array() : nullptr;
    if (list == nullptr || list->empty()) {
      return Error(rules ? *rules : node, Join(path, "rule"),
                   "a rung needs at least one [[rung.rule]] table below its name");
    }
    for (size_t i = 0; i < list->size(); ++i) {
      std::string rule_path = fmt::format("{}.rule[{}]", path, i + 1);
      LL_ASSIGN_OR_RETURN(Rule rule, ParseRule((*list)[i], rule_path, default_window));
      rung.rules.push_back(std::move(rule));
    }
    return rung;
  }

  Result<Rule> ParseRule(const toml::node& node, const std::string& path, int32_t default_window) const {
    LL_ASSIGN_OR_RETURN(const toml::table* table, Table(node, path));
    int shapes = table->contains("kinds") + table->contains("exchange") + table->contains("state");
    if (shapes != 1) {
      return Error(node, path, "expected exactly one of 'kinds', 'exchange' or 'state' in each rule");
    }
    Rule rule;
    rule.window_days = default_window;
    if (table->contains("state")) {
      LL_RETURN_IF_ERROR(CheckKeys(*table, path, {"state"}));
      LL_ASSIGN_OR_RETURN(rule.condition, ParseState(*table->get("state"), Join(path, "state")));
      rule.window_days = 0;
      return rule;
    }
    if (const toml::node* window = table->get("window_days")) {
      LL_ASSIGN_OR_RETURN(rule.window_days, WindowDays(*window, Join(path, "window_days")));
    }
    if (table->contains("exchange")) {
      LL_RETURN_IF_ERROR(CheckKeys(*table, path, {"exchange", "window_days"}));
      LL_ASSIGN_OR_RETURN(rule.condition, ParseExchange(*table->get("exchange"), Join(path, "exchange")));
      return rule;
    }
    LL_RETURN_IF_ERROR(
        CheckKeys(*table, path, {"kinds", "min_events", "min_distinct_weeks", "min_distinct_days", "window_days"}));
    LL_ASSIGN_OR_RETURN(rule.condition, ParseCount(*table, path));
    return rule;
  }

  Result<CountRule> ParseCount(const toml::table& table, std::string_view path) const {
    CountRule count;
    LL_ASSIGN_OR_RETURN(count.kinds, Kinds(*table.get("kinds"), Join(path, "kinds")));
    struct Limit {
      std::string_view key;
      int32_t* value;
    };
    for (Limit limit : {Limit{"min_events", &count.min_events}, Limit{"min_distinct_weeks", &count.min_distinct_weeks},
                        Limit{"min_distinct_days", &count.min_distinct_days}}) {
      const toml::node* node = table.get(limit.key);
      if (node == nullptr) continue;
      LL_ASSIGN_OR_RETURN(*limit.value, Integer(*node, Join(path, limit.key), 1, 1'000'000, "a positive integer"));
    }
    return count;
  }

  Result<ExchangeRule> ParseExchange(const toml::node& node, const std::string& path) const {
    LL_ASSIGN_OR_RETURN(const toml::table* table, Table(node, path));
    LL_RETURN_IF_ERROR(CheckKeys(*table, path, {"person_kinds", "org_kinds"}));
    ExchangeRule exchange;
    LL_ASSIGN_OR_RETURN(const toml::node* person, Required(*table, path, "person_kinds"));
    LL_ASSIGN_OR_RETURN(exchange.person_kinds, Kinds(*person, Join(path, "person_kinds")));
    LL_ASSIGN_OR_RETURN(const toml::node* org, Required(*table, path, "org_kinds"));
    LL_ASSIGN_OR_RETURN(exchange.org_kinds, Kinds(*org, Join(path, "org_kinds")));
    return exchange;
  }

  Result<StateRule> ParseState(const toml::node& node, const std::string& path) const {
    LL_ASSIGN_OR_RETURN(const toml::table* table, Table(node, path));
    LL_RETURN_IF_ERROR(CheckKeys(*table, path, {"on_kinds", "off_kinds", "per_channel"}));
    StateRule state;
    LL_ASSIGN_OR_RETURN(const toml::node* on, Required(*table, path, "on_kinds"));
    LL_ASSIGN_OR_RETURN(state.on_kinds, Kinds(*on, Join(path, "on_kinds")));
    LL_ASSIGN_OR_RETURN(const toml::node* off, Required(*table, path, "off_kinds"));
    LL_ASSIGN_OR_RETURN(state.off_kinds, Kinds(*off, Join(path, "off_kinds")));
    for (const std::string& kind : state.on_kinds) {
      if (std::find(state.off_kinds.begin(), state.off_kinds.end(), kind) != state.off_kinds.end()) {
        return Error(*off, Join(path, "off_kinds"), fmt::format("kind '{}' cannot be both on and off", kind));
      }
    }
    if (const toml::node* per_channel = table->get("per_channel")) {
      const auto* flag = per_channel->as_boolean();
      if (flag == nullptr) return Error(*per_channel, Join(path, "per_channel"), "expected true or false");
      state.per_channel = flag->get();
    }
    return state;
  }

  Result<LadderRules> CheckSize(const toml::table& root, LadderRules rules) const {
    int conditions = 0;
    for (const Rung& rung : rules.rungs) {
      for (const Rule& rule : rung.rules) conditions += ConditionCount(rule);
    }
    if (conditions > kMaxConditions) {
      return Error(root, "",
                   fmt::format("the ladder has {} rule conditions; at most {} are supported (an exchange rule counts "
                               "as two)",
                               conditions, kMaxConditions));
    }
    return rules;
  }

  std::string_view file_;
};

}  // namespace

std::vector<std::string> PersonKindsOf(const Rung& rung) {
  std::vector<std::string> kinds;
  auto add = [&kinds](const std::vector<std::string>& more) {
    for (const std::string& kind : more) {
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
    }
  };
  for (const Rule& rule : rung.rules) {
    if (const auto* count = std::get_if<CountRule>(&rule.condition)) add(count->kinds);
    if (const auto* exchange = std::get_if<ExchangeRule>(&rule.condition)) add(exchange->person_kinds);
    if (const auto* state = std::get_if<StateRule>(&rule.condition)) add(state->on_kinds);
  }
  return kinds;
}

std::vector<std::string> KindsOf(const LadderRules& rules) {
  std::vector<std::string> kinds;
  auto add = [&kinds](const std::vector<std::string>& more) {
    for (const std::string& kind : more) {
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
    }
  };
  for (const Rung& rung : rules.rungs) {
    for (const Rule& rule : rung.rules) {
      if (const auto* count = std::get_if<CountRule>(&rule.condition)) add(count->kinds);
      if (const auto* exchange = std::get_if<ExchangeRule>(&rule.condition)) {
        add(exchange->person_kinds);
        add(exchange->org_kinds);
      }
      if (const auto* state = std::get_if<StateRule>(&rule.condition)) {
        add(state->on_kinds);
        add(state->off_kinds);
      }
    }
  }
  return kinds;
}

std::string_view DefaultLadderToml() {
  using enum KindRole;
  auto list = [](std::initializer_list<KindRole> roles) { return config::TomlStringList(BuiltinKindsWith(roles)); };
  static const std::string* toml = new std::string(
      fmt::format(fmt::runtime(kDefaultLadderFormat), fmt::arg("action", list({kAction})),
                  fmt::arg("engagement", list({kEngagement, kConversation})),
                  fmt::arg("conversation", list({kConversation})), fmt::arg("org_reply", list({kOrgReply})),
                  fmt::arg("follow", list({kFollow})), fmt::arg("unfollow", list({kUnfollow}))));
  return *toml;
}

Result<LadderRules> ParseLadderRules(std::string_view text, std::string_view file_name) {
  LL_ASSIGN_OR_RETURN(toml::table root,
                      config::ParseToml(text, file_name, "TOML like the ladder.toml that init writes"));
  return RulesParser(file_name).Parse(root);
}

}  // namespace learnloop::ladder
