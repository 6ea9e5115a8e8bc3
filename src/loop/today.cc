#include <algorithm>

#include "learnloop/loop.h"

namespace learnloop {
namespace {

std::vector<RungMove> MovesOf(const TransitionMatrix& t) {
  std::vector<RungMove> moves;
  // States are highest first, so a move to a smaller index is a move up.
  for (size_t a = 0; a < t.states.size(); ++a)
    for (size_t b = 0; b < t.states.size(); ++b)
      if (a != b && t.counts[a][b] > 0) moves.push_back({t.states[a], t.states[b], t.counts[a][b], b < a});
  std::stable_sort(moves.begin(), moves.end(), [](const RungMove& x, const RungMove& y) { return x.up > y.up; });
  return moves;
}

}  // namespace

Result<TodayBrief> BuildTodayBrief(LearningLoop& loop, const Ladder& ladder, const MetricReader& reader) {
  TodayBrief brief;
  brief.today = loop.options().today;
  LL_ASSIGN_OR_RETURN(auto notes, loop.CheckIns(std::nullopt));
  brief.since = brief.today - 1;
  for (const CheckIn& note : notes)
    if (note.day < brief.today) brief.since = note.day;
  const TransitionMatrix t = ladder.Transitions(brief.since, brief.today);
  brief.moves = MovesOf(t);
  brief.moved_up = t.moved_up;
  brief.moved_down = t.moved_down;
  for (const CheckIn& note : notes)
    if (note.day == brief.since && !note.blocked.empty()) brief.blockers.push_back(note);
  LL_ASSIGN_OR_RETURN(auto plans, loop.Plans());
  for (const Plan& plan : plans) {
    if (plan.state == PlanState::kRunning) {
      brief.running.push_back({plan, brief.today - *plan.start + 1, ReadPlan(plan, reader, brief.today)});
      if (plan.end() == brief.today) brief.due_for_review.push_back(plan);
    }
    if (plan.state == PlanState::kReviewing) brief.due_for_review.push_back(plan);
  }
  return brief;
}

}  // namespace learnloop
