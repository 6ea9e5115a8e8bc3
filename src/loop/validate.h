// Checks on what people type into goals and plans. Refusals say what was
// expected and give an example, since they are read at the command line.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "learnloop/status.h"

namespace learnloop::loop {

inline constexpr std::string_view kHypothesisExample =
    "if we reply to every comment within a day then more commenters come back next week because people return "
    "where they are heard";

// OK when `text` reads "if we ... then ... because ..." with words in each
// part (case-insensitive).
Status CheckHypothesis(std::string_view text);

// "engagement -> relationship" (adjacent rungs, upwards) or one rung;
// returns (from, to). `rungs` are highest first.
Result<std::pair<std::string, std::string>> ParseLadderStep(std::string_view text,
                                                            const std::vector<std::string>& rungs);

// "rung:NAME" with a rung of the ladder, "metric:NAME" or a bare metric name;
// with `metric_names` (the workspace's metrics), a name among them.
Status CheckMetricName(std::string_view metric, const std::vector<std::string>& rungs,
                       const std::vector<std::string>* metric_names = nullptr);

// The rung named by a "rung:NAME" metric, or empty for other metrics.
std::string RungOfMetric(std::string_view metric);

}  // namespace learnloop::loop
