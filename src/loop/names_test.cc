#include "loop/names.h"

#include <gtest/gtest.h>

namespace learnloop::loop {
namespace {

TEST(NamesTest, ParsesWhatPeopleType) {
  EXPECT_EQ(*ParseEffort("s"), Effort::kSmall);
  EXPECT_EQ(*ParseEffort("L"), Effort::kLarge);
  EXPECT_EQ(*ParseReviewVerdict("inconclusive"), ReviewVerdict::kInconclusive);
  EXPECT_EQ(*ParseDecision("extend"), Decision::kExtend);
}

TEST(NamesTest, RefusalsListTheChoices) {
  EXPECT_NE(ParseEffort("XL").status().message().find("S, M, L"), std::string::npos);
  EXPECT_EQ(ParseReviewVerdict("none").status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(ParseDecision("maybe").status().message().find("adopt, adapt, abandon, extend"), std::string::npos);
  EXPECT_EQ(ParseDecision("none").status().code(), StatusCode::kInvalidArgument);
}

TEST(NamesTest, StoredValuesRoundTripAndBadOnesAreCorrupt) {
  for (PlanState s :
       {PlanState::kIdea, PlanState::kPlanned, PlanState::kRunning, PlanState::kReviewing, PlanState::kDecided})
    EXPECT_EQ(*ParsePlanState(PlanStateName(s)), s);
  EXPECT_EQ(*ParseStoredReviewVerdict("none"), ReviewVerdict::kNone);
  EXPECT_EQ(*ParseStoredDecision("none"), Decision::kNone);
  EXPECT_EQ(ParsePlanState("sleeping").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(*ParseTargetKind(TargetKindName(TargetKind::kReach)), TargetKind::kReach);
}

TEST(NamesTest, ListsSplitAndTrim) {
  EXPECT_EQ(SplitList(" a ; ;b;"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(SplitList("").empty());
  EXPECT_EQ(JoinList({"a", "b"}), "a;b");
  EXPECT_EQ(Trim("  x y \n"), "x y");
}

}  // namespace
}  // namespace learnloop::loop
