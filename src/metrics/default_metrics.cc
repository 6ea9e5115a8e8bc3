#include <fmt/format.h>

#include <initializer_list>
#include <string>

#include "config/toml_text.h"
#include "learnloop/event.h"
#include "metrics/metric_defs.h"

namespace learnloop::metrics {
namespace {

// The built-in kinds fill in {engagement}, {follow} and {unfollow}
// (BuiltinKindsWith).
constexpr std::string_view kDefaultMetricsFormat =
    R"(# Metrics: named numbers learnloop computes for every day (days begin at
# midnight in the workspace time zone). `learnloop metric list` shows them,
# `learnloop metric show NAME` prints one as a daily series.
#
# Each [[metric]] has a name (lower-case letters, digits, '_' and '-'), an
# optional description and unit, and a type:
#   type = "count"         events per day
#   type = "people"        distinct people with such an event that day
#   type = "sum"           the sum of the events' value column (amounts)
#     ... filtered by any of:
#     kinds = [...]          only events of these kinds
#     channels = [...]       only events on these channels
#     tags = [...]           only events carrying at least one of these tags
#   type = "observation"   the sum of an observed number that day, e.g.
#     observation = "reach"  the reach rows of an imported observations file;
#     channels = [...]       optional; days without observations stay empty
#   type = "ratio"         numerator / denominator, two other metrics;
#     numerator = "...", denominator = "..."   empty when the denominator is 0
#   type = "rung_entries"  people who climbed onto a rung (or higher) that day
#     rung = "relationship"
#     direction = "enter"    or "leave": people who dropped below it
#   type = "conversion"    of the people exactly on rung `from` N days ago,
#     from = "engagement"    the share standing on rung `to` or higher today
#     to = "relationship"
#     window_days = 30
#
# Examples to copy once you import observations (see docs/metrics.md):
#   [[metric]]
#   name = "reach"
#   type = "observation"
#   observation = "reach"
#
#   [[metric]]
#   name = "engagement_rate"
#   description = "Engagements per person reached"
#   type = "ratio"
#   numerator = "engagements"
#   denominator = "reach"

[[metric]]
name = "engagements"
description = "Likes, shares, comments, replies, mentions, messages, clicks and opens"
type = "count"
kinds = {engagement}

[[metric]]
name = "engaged_people"
description = "People who engaged at least once that day"
type = "people"
kinds = {engagement}

[[metric]]
name = "comments_and_replies"
description = "Comments and replies from supporters"
type = "count"
kinds = ["comment", "reply"]

[[metric]]
name = "new_followers"
description = "New follows of an account and new newsletter subscriptions"
type = "count"
kinds = {follow}

[[metric]]
name = "unsubscribes"
description = "Newsletter unsubscribes and unfollows of an account"
type = "count"
kinds = {unfollow}

[[metric]]
name = "donations"
description = "Number of donations"
type = "count"
kinds = ["donation"]

[[metric]]
name = "donation_amount"
description = "Sum of the donations' value column"
type = "sum"
kinds = ["donation"]

[[metric]]
name = "entered_action"
description = "People who reached the action rung that day"
type = "rung_entries"
rung = "action"

[[metric]]
name = "entered_relationship"
description = "People who reached the relationship rung (or higher) that day"
type = "rung_entries"
rung = "relationship"

[[metric]]
name = "entered_engagement"
description = "People who reached the engagement rung (or higher) that day"
type = "rung_entries"
rung = "engagement"

[[metric]]
name = "entered_network"
description = "People who reached the network rung (or higher) that day"
type = "rung_entries"
rung = "network"

[[metric]]
name = "left_relationship"
description = "People who dropped below the relationship rung that day"
type = "rung_entries"
rung = "relationship"
direction = "leave"

[[metric]]
name = "engagement_to_relationship_30d"
description = "Of the people at engagement 30 days earlier, the share at relationship or higher"
type = "conversion"
from = "engagement"
to = "relationship"
window_days = 30
)";

}  // namespace

std::string_view DefaultMetricsToml() {
  using enum KindRole;
  auto list = [](std::initializer_list<KindRole> roles) { return config::TomlStringList(BuiltinKindsWith(roles)); };
  static const std::string* toml = new std::string(
      fmt::format(fmt::runtime(kDefaultMetricsFormat), fmt::arg("engagement", list({kEngagement, kConversation})),
                  fmt::arg("follow", list({kFollow})), fmt::arg("unfollow", list({kUnfollow}))));
  return *toml;
}

}  // namespace learnloop::metrics
