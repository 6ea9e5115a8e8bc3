// Text forms of the loop's values for storage: lists joined with ';' and
// enum values parsed back from their stored names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "learnloop/loop.h"

namespace learnloop::loop {

// Joins with ';'; Split drops empty and blank items and trims each.
std::string JoinList(const std::vector<std::string>& items);
std::vector<std::string> SplitList(std::string_view text, char separator = ';');
std::string Trim(std::string_view text);

// Corrupt when `text` is not a stored name.
Result<PlanState> ParsePlanState(std::string_view text);
Result<TargetKind> ParseTargetKind(std::string_view text);
std::string_view TargetKindName(TargetKind kind);
Result<ReviewVerdict> ParseStoredReviewVerdict(std::string_view text);
Result<Decision> ParseStoredDecision(std::string_view text);

}  // namespace learnloop::loop
