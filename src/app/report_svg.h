// The report's pictures as inline SVG: each starts with a <title> that says
// what it shows, so a screen reader reads it, and none needs colour: lines
// differ by dash and carry their names. They draw the numbers they are
// given; every text in them is escaped.
#pragma once

#include <string>
#include <vector>

#include "learnloop/app/ladder.h"
#include "learnloop/evaluate.h"
#include "learnloop/ladder.h"

namespace learnloop::app {

// One circle per rung, lowest rung left, area proportional to its people,
// with the name and count under each; between two circles the share of
// the lower rung that climbed (`conversions`, matched by rung names).
std::string LadderCirclesSvg(const LadderSnapshot& snapshot, const std::vector<Conversion>& conversions);

// A line per rung over the series' points, each named at its end, with
// a legend and the first and last day on the x axis.
std::string RungSeriesSvg(const LadderSeriesReport& report);

// The evaluation's change on a log scale: a dot at the ratio, a bar across
// the always-valid interval and a dashed line at no change, in percent.
std::string IntervalSvg(const Evaluation& e);

// A bar filled to `share` (0..1, more is drawn full).
std::string ShareBarSvg(double share);

}  // namespace learnloop::app
