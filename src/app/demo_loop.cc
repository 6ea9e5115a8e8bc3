// The demo's learning loop in progress, made through the operations a user
// calls, so every page and command has something real to show at once.
#include "app/demo_loop.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "learnloop/app/evaluate.h"
#include "learnloop/app/goals.h"
#include "learnloop/app/ladder.h"
#include "learnloop/app/plan_steps.h"
#include "learnloop/app/plans.h"
#include "learnloop/evaluate.h"

namespace learnloop::app {
namespace {

// The demo's loop as days before its last day `end` (E): an earlier
// Live Q&A (E-55..E-49) abandoned; a week of replies (E-40..E-34) that
// taught enough to adapt, its second loop running since E-9 with
// check-ins; volunteer stories (E-20..E-7) past its timebox, due for
// review; two ideas from the tactics library.
constexpr int kGoalStart = 60;

class DemoLoopBuilder {
 public:
  DemoLoopBuilder(Workspace& ws, Day end) : ws_(ws), end_(end) {}

  Result<DemoLoop> Build() {
    LL_ASSIGN_OR_RETURN(int64_t conversations,
                        AddGoal("More supporters in conversation with us", "relationship", 0.7, 45));
    LL_ASSIGN_OR_RETURN(int64_t action, AddGoal("Turn conversations into action", "action", 0.55, 75));
    LL_ASSIGN_OR_RETURN(int64_t welcome, AddGoal("A personal welcome for new followers", "engagement", 0.4, 90));

    PlanFields live_qa = ForGoal(conversations);
    live_qa.owner = "Sam";
    LL_ASSIGN_OR_RETURN(int64_t qa, RunPlan("live-qa", live_qa, 55));
    LL_RETURN_IF_ERROR(Close(qa, 48,
                             {qa, "more people asking us questions, and some coming back",
                              "a few of our most active followers asked most of the questions",
                              "an hour at a fixed time suits the people who already talk with us, not newcomers",
                              "A live hour reaches the people who already talk with us; it does not start new "
                              "conversations.",
                              "live, conversation"},
                             {qa, "abandon", "an hour of two staff for the same few people; replies reach more"}));

    PlanFields replies = ForGoal(conversations);
    replies.owner = "Ana";
    LL_ASSIGN_OR_RETURN(int64_t week, RunPlan("reply-week", replies, 40));
    LL_ASSIGN_OR_RETURN(
        Plan decided,
        Close(week, 33,
              {week, "more commenters talking with us again", "people we answered the same day often answered back",
               "a personal reply within a day shows someone is listening",
               "Replies within a day start conversations; a week is too short to see how many stay.",
               "replies, conversation, timing"},
              {week, "adapt", "promising but too short to settle; run it for two weeks"}));
    if (!decided.next_id) return Internal("the adapted plan has no next loop");
    PlanFields longer;
    longer.title = "Two weeks of replying to every comment";
    longer.timebox_days = 14;
    LL_RETURN_IF_ERROR(app::NextPlan(ws_, At(32), week, longer).status());
    ++loop_.plans;
    LL_RETURN_IF_ERROR(Start(*decided.next_id, 9));
    loop_.running = 1;
    LL_RETURN_IF_ERROR(CheckIn(*decided.next_id, 9, "Replied to all 31 comments from the weekend",
                               "Draft replies for the newsletter thread", ""));
    LL_RETURN_IF_ERROR(
        CheckIn(*decided.next_id, 5, "Answered 18 comments, 6 answered back", "Ask Sam to cover Friday", ""));
    LL_RETURN_IF_ERROR(CheckIn(*decided.next_id, 2, "Kept up on Mastodon and Bluesky", "Catch up on the email replies",
                               "No one covers the inbox on Saturdays"));
    LL_RETURN_IF_ERROR(CheckIn(*decided.next_id, 1, "Caught up on email replies", "Keep going", ""));

    PlanFields stories = ForGoal(action);
    stories.owner = "Jo";
    LL_ASSIGN_OR_RETURN(int64_t series, RunPlan("volunteer-stories", stories, 20));
    ++loop_.running;
    ++loop_.due_for_review;
    LL_RETURN_IF_ERROR(
        CheckIn(series, 18, "Posted Mia's story from the river clean-up", "Film two more volunteers", ""));
    LL_RETURN_IF_ERROR(
        CheckIn(series, 12, "Six stories out, sign-up link in each", "Ask the volunteers to share theirs", ""));

    LL_RETURN_IF_ERROR(AddIdea("micro-donation", ForGoal(action)));
    LL_RETURN_IF_ERROR(AddIdea("thank-you-wave", ForGoal(welcome)));
    return loop_;
  }

 private:
  Caller At(int days_before_end) const { return {"demo", end_ - days_before_end, "demo"}; }
  std::string DayBefore(int days) const { return FormatDate(end_ - days); }

  static PlanFields ForGoal(int64_t goal) {
    PlanFields fields;
    fields.goal_id = goal;
    return fields;
  }

  // A goal of more people at `rung` than at its start, set so the
  // demo's growth so far reaches about `share` of it.
  Result<int64_t> AddGoal(const std::string& title, const std::string& rung, double share, int deadline_in) {
    LL_ASSIGN_OR_RETURN(int64_t at_start, PeopleAt(rung, kGoalStart));
    LL_ASSIGN_OR_RETURN(int64_t now, PeopleAt(rung, 0));
    GoalRequest request;
    request.title = title;
    request.metric = "rung:" + rung;
    request.more = std::max(5.0, std::round(static_cast<double>(now - at_start) / share));
    request.start = DayBefore(kGoalStart);
    request.deadline = FormatDate(end_ + deadline_in);
    request.owner = "Ana";
    LL_ASSIGN_OR_RETURN(GoalView goal, app::AddGoal(ws_, At(kGoalStart), request));
    ++loop_.goals;
    return goal.goal.id;
  }

  Result<int64_t> PeopleAt(const std::string& rung, int days_before_end) {
    LadderRequest request;
    request.as_of = DayBefore(days_before_end);
    LL_ASSIGN_OR_RETURN(LadderReport ladder, ShowLadder(ws_, request));
    for (const RungCount& count : ladder.snapshot.rungs)
      if (count.name == rung) return count.people;
    return int64_t{0};
  }

  Status AddIdea(const std::string& tactic, const PlanFields& fields) {
    LL_RETURN_IF_ERROR(app::AddPlan(ws_, At(3), {tactic, fields}).status());
    ++loop_.plans;
    ++loop_.ideas;
    return Status::Ok();
  }

  // Adds a plan from `tactic` a week before it starts, then starts it.
  Result<int64_t> RunPlan(const std::string& tactic, const PlanFields& fields, int start) {
    LL_ASSIGN_OR_RETURN(PlanAdded added, app::AddPlan(ws_, At(start + 7), {tactic, fields}));
    ++loop_.plans;
    LL_RETURN_IF_ERROR(Start(added.plan.id, start));
    return added.plan.id;
  }

  Status Start(int64_t plan, int start) { return app::StartPlan(ws_, At(start), {plan, DayBefore(start)}).status(); }

  Status CheckIn(int64_t plan, int day, const std::string& done, const std::string& next, const std::string& blocked) {
    LL_RETURN_IF_ERROR(CheckInOnPlan(ws_, At(day), {plan, DayBefore(day), done, next, blocked}).status());
    ++loop_.checkins;
    return Status::Ok();
  }

  // Reviews `plan` after its timebox with the verdict its evaluation
  // gives, reflects and decides on `day`.
  Result<Plan> Close(int64_t plan, int day, const ReflectionRequest& reflection, const PlanDecision& decision) {
    EvaluationRequest evaluation;
    evaluation.plan_id = plan;
    // A small demo may have too little data for an evaluation: then
    // nothing could be told.
    Result<EvaluationReport> report = Evaluate(ws_, At(day), evaluation);
    EvaluationVerdict verdict = report.ok() ? report->evaluation.verdict : EvaluationVerdict::kInconclusive;
    std::string review = verdict == EvaluationVerdict::kWin    ? "win"
                         : verdict == EvaluationVerdict::kLoss ? "loss"
                                                               : "inconclusive";
    LL_RETURN_IF_ERROR(ReviewPlan(ws_, At(day), {plan, review}).status());
    LL_RETURN_IF_ERROR(ReflectOnPlan(ws_, At(day), reflection).status());
    ++loop_.learnings;
    ++loop_.decided;
    return DecidePlan(ws_, At(day), decision);
  }

  Workspace& ws_;
  Day end_;
  DemoLoop loop_;
};

}  // namespace

Result<DemoLoop> BuildDemoLoop(Workspace& ws, const DemoOptions& options) {
  if (options.days < kDemoLoopDays) return DemoLoop{};
  DemoLoopBuilder builder(ws, options.end_day);
  Result<DemoLoop> loop = builder.Build();
  if (!loop.ok()) return loop.status().WithContext("the demo's learning loop");
  return loop;
}

}  // namespace learnloop::app
