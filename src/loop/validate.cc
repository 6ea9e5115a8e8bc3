#include "loop/validate.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "loop/names.h"

namespace learnloop::loop {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool HasWord(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

std::string RungList(const std::vector<std::string>& rungs) {
  std::vector<std::string> lowest_first(rungs.rbegin(), rungs.rend());
  return fmt::format("{}", fmt::join(lowest_first, ", "));
}

Result<size_t> RungIndex(const std::string& name, const std::vector<std::string>& rungs) {
  auto it = std::find(rungs.begin(), rungs.end(), Lower(name));
  if (it == rungs.end())
    return InvalidArgument(
        fmt::format("'{}' is not a rung of this workspace's ladder; the rungs are: {}", name, RungList(rungs)));
  return static_cast<size_t>(it - rungs.begin());
}

}  // namespace

Status CheckHypothesis(std::string_view text) {
  const std::string lower = fmt::format(" {} ", Lower(Trim(text)));  // not " " + ...: GCC 12 -O3 -Wrestrict
  const size_t if_at = lower.find(" if ");
  const size_t then_at = lower.find(" then ", if_at == std::string::npos ? 0 : if_at + 3);
  const size_t because_at = lower.find(" because ", then_at == std::string::npos ? 0 : then_at + 5);
  const bool form = if_at == 0 && then_at != std::string::npos && because_at != std::string::npos;
  if (!form || !HasWord(std::string_view(lower).substr(4, then_at - 4)) ||
      !HasWord(std::string_view(lower).substr(then_at + 6, because_at - then_at - 6)) ||
      !HasWord(std::string_view(lower).substr(because_at + 9)))
    return InvalidArgument(fmt::format(
        "the hypothesis must read 'if we ... then ... because ...' so the plan says what we do, what we expect "
        "and why; for example: '{}'",
        kHypothesisExample));
  return Status::Ok();
}

Result<std::pair<std::string, std::string>> ParseLadderStep(std::string_view text,
                                                            const std::vector<std::string>& rungs) {
  const size_t arrow = text.find("->");
  const std::string from = Lower(Trim(text.substr(0, arrow)));
  const std::string to = arrow == std::string_view::npos ? from : Lower(Trim(text.substr(arrow + 2)));
  if (from.empty() || to.empty())
    return InvalidArgument(
        fmt::format("ladder step '{}': expected 'FROM -> TO' with adjacent rungs, e.g. "
                    "'engagement -> relationship', or one rung; the rungs are: {}",
                    text, RungList(rungs)));
  LL_ASSIGN_OR_RETURN(size_t from_index, RungIndex(from, rungs));
  LL_ASSIGN_OR_RETURN(size_t to_index, RungIndex(to, rungs));
  if (from_index != to_index && from_index != to_index + 1)
    return InvalidArgument(
        fmt::format("ladder step '{}' must move one rung up, between adjacent rungs (the rungs "
                    "from the bottom: {}); split a bigger climb into several plans",
                    text, RungList(rungs)));
  return std::make_pair(from, to);
}

std::string RungOfMetric(std::string_view metric) {
  constexpr std::string_view kPrefix = "rung:";
  if (metric.substr(0, kPrefix.size()) != kPrefix) return {};
  return Lower(Trim(metric.substr(kPrefix.size())));
}

Status CheckMetricName(std::string_view metric, const std::vector<std::string>& rungs,
                       const std::vector<std::string>* metric_names) {
  const std::string trimmed = Trim(metric);
  if (trimmed.empty() || trimmed == "metric:" || trimmed.find_first_of(" \t;") != std::string::npos)
    return InvalidArgument(
        fmt::format("metric '{}': expected 'rung:NAME' (people on a rung, e.g. rung:{}) or the "
                    "name of a metric in metrics.toml, without spaces",
                    metric, rungs.empty() ? "relationship" : rungs.front()));
  if (trimmed.rfind("rung:", 0) == 0) {
    LL_ASSIGN_OR_RETURN(size_t index, RungIndex(RungOfMetric(trimmed), rungs));
    static_cast<void>(index);
    return Status::Ok();
  }
  const std::string_view name = std::string_view(trimmed).substr(trimmed.starts_with("metric:") ? 7 : 0);
  if (metric_names != nullptr && std::find(metric_names->begin(), metric_names->end(), name) == metric_names->end())
    return InvalidArgument(fmt::format("no metric is named '{}'; known metrics: {} (metrics.toml), or rung:NAME", name,
                                       fmt::join(*metric_names, ", ")));
  return Status::Ok();
}

}  // namespace learnloop::loop
