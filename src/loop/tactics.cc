#include "loop/tactics.h"

#include <fmt/format.h>

#include "config/toml_text.h"
#include "loop/files.h"
#include "loop/validate.h"

namespace learnloop::loop {
namespace {

constexpr std::string_view kDefaultTactics =
    R"toml(# Plan templates for `learnloop plan add --tactic NAME`. Edit freely: each
# [[tactic]] needs a name, a title, a hypothesis ("if we ... then ...
# because ..."), a metric (rung:NAME or a metric of metrics.toml), a ladder
# step ("FROM -> TO" between adjacent rungs, or one rung), a timebox in days
# and an effort (S, M or L).

[[tactic]]
name = "reply-week"
title = "A week of replying to every comment"
description = "Answer every comment and mention within a day, in a personal voice."
hypothesis = "if we reply to every comment within a day for a week then more commenters talk with us again because people return where they are heard"
metric = "rung:relationship"
step = "engagement -> relationship"
timebox_days = 7
effort = "S"

[[tactic]]
name = "volunteer-stories"
title = "Volunteer-story series"
description = "One short story a day from a volunteer, in their words, with a way to join."
hypothesis = "if we share one volunteer story a day then more supporters volunteer because they see people like them doing it"
metric = "rung:action"
step = "relationship -> action"
timebox_days = 14
effort = "M"

[[tactic]]
name = "micro-donation"
title = "Micro-donation ask"
description = "A small, concrete ask (5 for one meal) to people who already engage."
hypothesis = "if we ask engaged supporters for a small concrete gift then more of them donate for the first time because a small ask feels easy to say yes to"
metric = "rung:action"
step = "relationship -> action"
timebox_days = 7
effort = "S"

[[tactic]]
name = "live-qa"
title = "Live Q&A"
description = "An hour of live questions and answers with someone from the field."
hypothesis = "if we host a live Q&A then more followers have a two-way exchange with us because a live conversation invites questions"
metric = "rung:relationship"
step = "engagement -> relationship"
timebox_days = 7
effort = "M"

[[tactic]]
name = "hack-day"
title = "Hack day"
description = "A day where supporters build something together for the cause."
hypothesis = "if we invite supporters to a hack day then more of them take part in person because making something together builds commitment"
metric = "rung:action"
step = "relationship -> action"
timebox_days = 21
effort = "L"

[[tactic]]
name = "carrotmob"
title = "Carrotmob-style action"
description = "Reward a local business that commits to a change by buying there together."
hypothesis = "if we organise a carrotmob then more supporters act on the ground because a positive, visible action is fun to join"
metric = "rung:action"
step = "relationship -> action"
timebox_days = 14
effort = "L"

[[tactic]]
name = "thank-you-wave"
title = "Thank-you wave to new followers"
description = "Thank every new follower personally and ask one light question."
hypothesis = "if we thank each new follower personally then more of them engage in their first week because a personal welcome invites a reply"
metric = "rung:engagement"
step = "network -> engagement"
timebox_days = 14
effort = "S"

[[tactic]]
name = "ask-the-community"
title = "Ask the community"
description = "Ask supporters for their ideas or stories and feature the answers."
hypothesis = "if we ask supporters for their stories and feature the answers then more of them comment and share because being featured is a reason to take part"
metric = "rung:engagement"
step = "network -> engagement"
timebox_days = 14
effort = "S"
)toml";

template <typename T>
Result<T> Required(const toml::table& tactic, std::string_view key, const std::string& where) {
  std::optional<T> value = tactic[key].value_exact<T>();  // value<int64_t>() on a huge float is UB in toml++
  if (!value) return InvalidArgument(fmt::format("{}: key '{}' is missing or has the wrong type", where, key));
  return *value;
}

// A required string that must also say something: an empty or blank name,
// title or hypothesis would show as a blank line in every list of tactics.
Result<std::string> RequiredText(const toml::table& tactic, std::string_view key, const std::string& where) {
  LL_ASSIGN_OR_RETURN(std::string value, Required<std::string>(tactic, key, where));
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument(fmt::format("{}: key '{}' is empty; expected some text", where, key));
  }
  return value;
}

Result<Tactic> ParseOne(const toml::table& t, const std::string& where) {
  Tactic tactic;
  LL_ASSIGN_OR_RETURN(tactic.name, RequiredText(t, "name", where));
  const std::string named = fmt::format("{} (tactic '{}')", where, tactic.name);
  LL_ASSIGN_OR_RETURN(tactic.title, RequiredText(t, "title", named));
  tactic.description = t["description"].value_or(std::string());
  LL_ASSIGN_OR_RETURN(tactic.hypothesis, RequiredText(t, "hypothesis", named));
  LL_ASSIGN_OR_RETURN(tactic.metric, RequiredText(t, "metric", named));
  LL_ASSIGN_OR_RETURN(tactic.step, RequiredText(t, "step", named));
  LL_ASSIGN_OR_RETURN(int64_t days, Required<int64_t>(t, "timebox_days", named));
  if (days < 1 || days > 90) return InvalidArgument(named + ": timebox_days must be 1 to 90");
  tactic.timebox_days = static_cast<int32_t>(days);
  LL_ASSIGN_OR_RETURN(std::string effort, Required<std::string>(t, "effort", named));
  auto parsed_effort = ParseEffort(effort);
  if (!parsed_effort.ok()) return parsed_effort.status().WithContext(named);
  tactic.effort = *parsed_effort;
  Status form = CheckHypothesis(tactic.hypothesis);
  if (!form.ok()) return form.WithContext(named);
  return tactic;
}

}  // namespace

std::string_view DefaultTacticsToml() { return kDefaultTactics; }

Result<std::vector<Tactic>> ParseTactics(std::string_view text, const std::string& file_name) {
  LL_ASSIGN_OR_RETURN(toml::table root,
                      config::ParseToml(text, file_name, "TOML like the tactics.toml that learnloop writes"));
  const toml::array* list = root["tactic"].as_array();
  if (list == nullptr) return InvalidArgument(fmt::format("{}: expected [[tactic]] tables", file_name));
  std::vector<Tactic> tactics;
  for (size_t i = 0; i < list->size(); ++i) {
    const toml::table* t = (*list)[i].as_table();
    const std::string where = fmt::format("{}: tactic {}", file_name, i + 1);
    if (t == nullptr) return InvalidArgument(where + ": expected a [[tactic]] table");
    LL_ASSIGN_OR_RETURN(Tactic tactic, ParseOne(*t, where));
    tactics.push_back(std::move(tactic));
  }
  return tactics;
}

}  // namespace learnloop::loop
