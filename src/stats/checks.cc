#include "stats/checks.h"

#include <fmt/format.h>

#include <cmath>

namespace learnloop::stats {

Status CheckPositive(std::string_view what, double value) {
  if (std::isfinite(value) && value > 0) return Status::Ok();
  return InvalidArgument(fmt::format("{} must be a number greater than 0, got {}", what, value));
}

Status CheckNonNegative(std::string_view what, double value) {
  if (std::isfinite(value) && value >= 0) return Status::Ok();
  return InvalidArgument(fmt::format("{} must be a number of 0 or more, got {}", what, value));
}

Status CheckProbability(std::string_view what, double value) {
  if (std::isfinite(value) && value > 0 && value < 1) return Status::Ok();
  return InvalidArgument(fmt::format("{} must be between 0 and 1 (exclusive), got {}", what, value));
}

Status CheckCountSample(std::string_view group, const CountSample& sample) {
  if (sample.count < 0) return InvalidArgument(fmt::format("{}: count must be 0 or more, got {}", group, sample.count));
  return CheckPositive(fmt::format("{}: exposure", group), sample.exposure);
}

Status CheckBinomialSample(std::string_view group, const BinomialSample& sample) {
  if (sample.successes < 0 || sample.trials < 0)
    return InvalidArgument(
        fmt::format("{}: successes and trials must be 0 or more, got {}/{}", group, sample.successes, sample.trials));
  if (sample.successes > sample.trials)
    return InvalidArgument(
        fmt::format("{}: successes ({}) exceed trials ({})", group, sample.successes, sample.trials));
  return Status::Ok();
}

}  // namespace learnloop::stats
