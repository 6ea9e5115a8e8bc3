// Input checks shared by the statistics functions, so every entry point
// rejects the same bad numbers with the same words.
#pragma once

#include <string_view>

#include "learnloop/stats.h"
#include "learnloop/status.h"

namespace learnloop::stats {

// InvalidArgument "<group>: <what> must be ..., got <value>" unless it holds.
Status CheckCountSample(std::string_view group, const CountSample& sample);
Status CheckBinomialSample(std::string_view group, const BinomialSample& sample);
Status CheckPositive(std::string_view what, double value);
Status CheckNonNegative(std::string_view what, double value);
// 0 < value < 1.
Status CheckProbability(std::string_view what, double value);

}  // namespace learnloop::stats
