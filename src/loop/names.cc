#include "loop/names.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <utility>

namespace learnloop {
namespace {

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "unknown";
}

template <typename E, size_t N>
Result<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view text,
                  std::string_view what, bool stored) {
  std::vector<std::string_view> accepted;
  for (const auto& [v, name] : names) {
    if (name == text) return v;
    accepted.push_back(name);
  }
  std::string message = fmt::format("{} '{}' is not one of: {}", what, text, fmt::join(accepted, ", "));
  return stored ? Corrupt("stored " + message) : InvalidArgument(message);
}

constexpr std::array<std::pair<PlanState, std::string_view>, 5> kStates = {{{PlanState::kIdea, "idea"},
                                                                            {PlanState::kPlanned, "planned"},
                                                                            {PlanState::kRunning, "running"},
                                                                            {PlanState::kReviewing, "reviewing"},
                                                                            {PlanState::kDecided, "decided"}}};
constexpr std::array<std::pair<Effort, std::string_view>, 3> kEfforts = {
    {{Effort::kSmall, "S"}, {Effort::kMedium, "M"}, {Effort::kLarge, "L"}}};
constexpr std::array<std::pair<ReviewVerdict, std::string_view>, 4> kVerdicts = {
    {{ReviewVerdict::kNone, "none"},
     {ReviewVerdict::kWin, "win"},
     {ReviewVerdict::kLoss, "loss"},
     {ReviewVerdict::kInconclusive, "inconclusive"}}};
constexpr std::array<std::pair<Decision, std::string_view>, 5> kDecisions = {{{Decision::kNone, "none"},
                                                                              {Decision::kAdopt, "adopt"},
                                                                              {Decision::kAdapt, "adapt"},
                                                                              {Decision::kAbandon, "abandon"},
                                                                              {Decision::kExtend, "extend"}}};
constexpr std::array<std::pair<TargetKind, std::string_view>, 2> kTargetKinds = {
    {{TargetKind::kMore, "more"}, {TargetKind::kReach, "reach"}}};

}  // namespace

std::string_view PlanStateName(PlanState state) { return NameOf(kStates, state); }
std::string_view EffortName(Effort effort) { return NameOf(kEfforts, effort); }
std::string_view ReviewVerdictName(ReviewVerdict verdict) { return NameOf(kVerdicts, verdict); }
std::string_view DecisionName(Decision decision) { return NameOf(kDecisions, decision); }

Result<Effort> ParseEffort(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return ValueOf(kEfforts, upper, "effort", false);
}

Result<ReviewVerdict> ParseReviewVerdict(std::string_view text) {
  if (text == "none") return InvalidArgument("verdict 'none' is not one of: win, loss, inconclusive");
  return ValueOf(kVerdicts, text, "verdict", false);
}

Result<Decision> ParseDecision(std::string_view text) {
  if (text == "none") return InvalidArgument("decision 'none' is not one of: adopt, adapt, abandon, extend");
  return ValueOf(kDecisions, text, "decision", false);
}

namespace loop {

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string JoinList(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, ";")); }

std::vector<std::string> SplitList(std::string_view text, char separator) {
  std::vector<std::string> items;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(separator, begin);
    if (end == std::string_view::npos) end = text.size();
    std::string item = Trim(text.substr(begin, end - begin));
    if (!item.empty()) items.push_back(std::move(item));
    begin = end + 1;
  }
  return items;
}

Result<PlanState> ParsePlanState(std::string_view text) { return ValueOf(kStates, text, "plan state", true); }
Result<TargetKind> ParseTargetKind(std::string_view text) { return ValueOf(kTargetKinds, text, "target kind", true); }
std::string_view TargetKindName(TargetKind kind) { return NameOf(kTargetKinds, kind); }
Result<ReviewVerdict> ParseStoredReviewVerdict(std::string_view text) {
  return ValueOf(kVerdicts, text, "verdict", true);
}
Result<Decision> ParseStoredDecision(std::string_view text) { return ValueOf(kDecisions, text, "decision", true); }

}  // namespace loop
}  // namespace learnloop
