// The learning loop: goals, micro-plans, daily check-ins, reflections and
// decisions, kept in the workspace's learnloop.db beside the events (see
// docs/loops.md). Every change is recorded in a history with its actor.
// One LearningLoop is used by one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/ladder.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop {

namespace loop {
class LoopStore;
}

enum class PlanState { kIdea, kPlanned, kRunning, kReviewing, kDecided };
enum class Effort { kSmall, kMedium, kLarge };
enum class ReviewVerdict { kNone, kWin, kLoss, kInconclusive };
enum class Decision { kNone, kAdopt, kAdapt, kAbandon, kExtend };
// kMore: N more than at the goal's start; kReach: reach N.
enum class TargetKind { kMore, kReach };

// Lower-case names used in storage, JSON and on the command line.
std::string_view PlanStateName(PlanState state);
std::string_view EffortName(Effort effort);  // "S", "M", "L"
std::string_view ReviewVerdictName(ReviewVerdict verdict);
std::string_view DecisionName(Decision decision);
// InvalidArgument naming the accepted values.
Result<Effort> ParseEffort(std::string_view text);
Result<ReviewVerdict> ParseReviewVerdict(std::string_view text);
Result<Decision> ParseDecision(std::string_view text);

inline constexpr int32_t kDefaultTimeboxDays = 14;
inline constexpr int32_t kMaxShortTimeboxDays = 21;
inline constexpr int kDefaultWipLimit = 3;
inline constexpr std::string_view kTacticsFileName = "tactics.toml";
inline constexpr std::string_view kLoopConfigFileName = "loop.toml";
// The actor recorded for changes learnloop makes by itself.
inline constexpr std::string_view kSystemActor = "learnloop";

// A strategic outcome. `metric` is "rung:NAME" (people on that rung) or
// "metric:NAME" (a metric of metrics.toml).
struct Goal {
  int64_t id = 0;
  std::string title;
  std::string metric;
  TargetKind target_kind = TargetKind::kMore;
  double target = 0;
  Day start = 0;
  Day deadline = 0;
  std::optional<int64_t> parent_id;
  std::string owner;
};

// A micro-plan. The ladder step is from `step_from` to `step_to` (equal for
// a single rung). The baseline defaults to the timebox just before `start`.
struct Plan {
  int64_t id = 0;
  std::string title;
  int64_t goal_id = 0;
  std::string hypothesis;  // "if we ... then ... because ..."
  std::string step_from;
  std::string step_to;
  std::string metric;
  std::vector<std::string> guardrails;
  std::vector<std::string> variants;
  int32_t timebox_days = kDefaultTimeboxDays;
  std::string long_reason;  // required when timebox_days > kMaxShortTimeboxDays
  std::optional<Day> start;
  std::optional<Day> baseline_from;
  std::optional<Day> baseline_to;
  Effort effort = Effort::kMedium;
  double expected_lift = 0;  // percent
  std::string owner;
  std::string tactic;
  PlanState state = PlanState::kIdea;
  std::optional<int64_t> parent_id;  // the loop this one follows
  std::optional<int64_t> next_id;    // derived: the loop that follows this one
  int32_t loop_number = 1;
  ReviewVerdict verdict = ReviewVerdict::kNone;
  std::optional<Day> reviewed_on;
  Decision decision = Decision::kNone;
  std::string decision_reason;
  std::optional<Day> decided_on;
  Day created_on = 0;

  // Precondition: start is set.
  Day end() const { return *start + timebox_days - 1; }
};

struct CheckIn {
  int64_t id = 0;
  int64_t plan_id = 0;
  Day day = 0;
  std::string done;
  std::string next;
  std::string blocked;
  std::string actor;
};

// The after-action review of one plan.
struct Reflection {
  int64_t plan_id = 0;
  Day day = 0;
  std::string expected;
  std::string happened;
  std::string why;
  std::string learned;
  std::vector<std::string> tags;
  std::string actor;
};

struct LearningHit {
  int64_t plan_id = 0;
  std::string plan_title;
  std::string snippet;  // matches wrapped in [ ]
  double score = 0;     // higher is a better match
  std::vector<std::string> tags;
};

struct HistoryEntry {
  std::string object_type;  // goal, plan, checkin, reflection
  int64_t object_id = 0;
  std::string field;
  std::string old_value;
  std::string new_value;
  std::string actor;
  Timestamp at;
};

// A plan template from DIR/tactics.toml.
struct Tactic {
  std::string name;
  std::string title;
  std::string description;
  std::string hypothesis;
  std::string metric;
  std::string step;  // "engagement -> relationship" or one rung
  int32_t timebox_days = kDefaultTimeboxDays;
  Effort effort = Effort::kMedium;
};

// Who makes changes, which day it is for the loop and the instant changes
// are stamped with. Front ends resolve them (flags, $USER, a clock);
// Workspace::OpenLoop fills `now` from the workspace's clock.
struct LoopOptions {
  std::string actor = "unknown";
  Day today = 0;
  Timestamp now;
};

// What a workspace's loop is configured with, read once per command by
// Workspace::OpenLoop from ladder.toml, metrics.toml and loop.toml.
struct LoopConfig {
  std::filesystem::path dir;              // the workspace; holds tactics.toml
  std::vector<std::string> rung_names;    // highest first
  std::vector<std::string> metric_names;  // metrics.toml's, when it reads
  Status metrics_error;                   // why metrics.toml does not read; OK when it does
  int wip_limit = kDefaultWipLimit;
};

class LearningLoop {
 public:
  // Use Workspace::OpenLoop, which hands over the workspace's loop tables.
  // Reading never writes: a running plan past its end reads as reviewing,
  // and the first change to the loop stores that (actor "learnloop").
  LearningLoop(std::unique_ptr<loop::LoopStore> store, LoopConfig config, LoopOptions options);

  LearningLoop(LearningLoop&&) noexcept;
  LearningLoop& operator=(LearningLoop&&) noexcept;
  ~LearningLoop();

  const std::vector<std::string>& rung_names() const { return config_.rung_names; }  // highest first
  int wip_limit() const { return config_.wip_limit; }
  const LoopOptions& options() const { return options_; }

  // InvalidArgument for an unknown rung, a deadline before the start, a
  // non-positive target or an unknown parent goal.
  Result<Goal> AddGoal(Goal goal);
  Result<std::vector<Goal>> Goals();
  Result<Goal> GetGoal(int64_t id);
  // Replaces the fields of goal `goal.id`, checked like AddGoal; a goal
  // cannot sit under itself or under a goal below it.
  Result<Goal> EditGoal(Goal goal);
  // Removes a goal no plan serves and no goal sits under (FailedPrecondition
  // otherwise, naming them); its history stays.
  Status DeleteGoal(int64_t id);

  // Validates the goal, hypothesis form, ladder step and timebox; fills the
  // defaults. The plan is "planned" when it has a start, an "idea" otherwise.
  Result<Plan> AddPlan(Plan plan);
  // Replaces the fields of an idea or planned plan with those of `plan`
  // (validated like AddPlan); its state, lineage and outcome stay.
  // FailedPrecondition once the plan has started.
  Result<Plan> EditPlan(Plan plan);
  // Removes an idea or planned plan: one that never ran, so nothing learned
  // is lost (FailedPrecondition once it has started); its history stays.
  Status DeletePlan(int64_t id);
  // Moves an idea or planned plan to running from `start` (default: its
  // planned start, else today). FailedPrecondition past the WIP limit.
  Result<Plan> StartPlan(int64_t id, std::optional<Day> start);
  // Notes on a running plan; `day` 0 means today.
  Result<CheckIn> AddCheckIn(CheckIn note);
  // Ends a running or reviewing plan's run and records the verdict.
  Result<Plan> ReviewPlan(int64_t id, ReviewVerdict verdict);
  // Writes (or rewrites) the after-action review of a plan that has run.
  Result<Reflection> Reflect(Reflection reflection);
  // Decides a plan under review; adapt and extend create the next loop.
  Result<Plan> DecidePlan(int64_t id, Decision decision, std::string reason);
  // The loop after a decided plan, created pre-filled if it has none yet.
  Result<Plan> NextPlan(int64_t id);

  Result<std::vector<Plan>> Plans();
  Result<Plan> GetPlan(int64_t id);
  // The chain of loops holding plan `id`, first loop first.
  Result<std::vector<Plan>> Lineage(int64_t id);
  // All check-ins, or one plan's, in day order.
  Result<std::vector<CheckIn>> CheckIns(std::optional<int64_t> plan_id);
  Result<std::vector<Reflection>> Reflections();
  // Best match first; InvalidArgument for text without words.
  Result<std::vector<LearningHit>> SearchLearnings(std::string_view text, int limit);
  Result<std::vector<HistoryEntry>> History(std::string_view object_type, int64_t object_id);
  // The tactics library of DIR/tactics.toml, or the built-in one when the
  // workspace has none (init writes it).
  Result<std::vector<Tactic>> Tactics();

 private:
  // Stores reviewing for running plans past their end; inside a write.
  Status ReviewOverduePlans();
  // Runs `body` in one write transaction, after ReviewOverduePlans.
  Status Write(const std::function<Status()>& body);
  // The stored plans, running ones past their end read as reviewing.
  Result<std::vector<Plan>> LoadPlans();
  // Saves `after` (inserting it when its id is 0) with its history rows.
  Status SavePlan(const std::optional<Plan>& before, Plan& after, const LoopOptions& by);
  Plan NextPlanFrom(const Plan& plan) const;
  Status CheckPlanFields(Plan& plan);
  Status CheckGoalFields(Goal& goal);
  // A metric a goal or plan names: a rung of the ladder or a metric that
  // metrics.toml declares.
  Status CheckMetric(std::string_view metric) const;

  std::unique_ptr<loop::LoopStore> store_;
  // The error, when metrics.toml does not read, matters only to goals and
  // plans that name one of its metrics.
  LoopConfig config_;
  LoopOptions options_;
};

// Reads the metrics of goals and plans: "rung:NAME" from the ladder as the
// count of people on the rung as of a period's last day; other names
// through `named` (a daily series over [from, to]) as the daily mean.
class MetricReader {
 public:
  using NamedSeries =
      std::function<Result<std::vector<std::optional<double>>>(std::string_view name, Day from, Day to)>;
  explicit MetricReader(std::optional<Ladder> ladder, NamedSeries named = nullptr);

  // FailedPrecondition when the metric's source is not available.
  Result<double> Read(std::string_view metric, Day from, Day to) const;

 private:
  std::optional<Ladder> ladder_;
  NamedSeries named_;
};

// A plan's primary metric so far against its baseline.
struct InterimReading {
  std::optional<double> baseline;
  std::optional<double> current;
  std::string note;  // why there is no reading, when there is none
};
InterimReading ReadPlan(const Plan& plan, const MetricReader& reader, Day today);

struct GoalProgress {
  std::optional<double> at_start;
  std::optional<double> now;
  double target_value = 0;      // the value the goal aims at
  std::optional<double> share;  // of the way from start to target, 0..1+
  std::string note;
};
GoalProgress ReadGoal(const Goal& goal, const MetricReader& reader, Day today);

// Expected value = expected lift x weight of the step's target rung / effort
// points. Weights count rungs from the bottom (1, 2, ...); effort points are
// S 1, M 2, L 4.
double ExpectedValue(const Plan& plan, const std::vector<std::string>& rung_names);

struct PortfolioGroup {
  std::string key;
  int64_t plans = 0;
  double expected_value = 0;
};

// Running, planned and recent plans (reviewed or decided in the last 30
// days) by ladder step, by effort and by expected value, with warnings when
// most aim only at the bottom rung or none at the top two rungs.
struct Portfolio {
  std::vector<Plan> plans;  // highest expected value first
  std::vector<PortfolioGroup> by_step;
  std::vector<PortfolioGroup> by_effort;
  std::vector<std::string> warnings;
};
Portfolio BuildPortfolio(const std::vector<Plan>& plans, const std::vector<std::string>& rung_names, Day today);

struct MonthCount {
  std::string month;  // "2024-05"
  int64_t count = 0;
};

struct LoopHealth {
  std::vector<MonthCount> loops_completed;  // decisions per month
  int64_t decided = 0;
  std::optional<double> median_cycle_days;         // start -> decision
  std::optional<double> decided_within_7_days;     // share, 0..1
  std::optional<double> decisions_with_next_plan;  // share, 0..1
  int64_t wins = 0;
  int64_t losses = 0;
  int64_t inconclusive = 0;
  std::vector<MonthCount> learnings;  // reflections per month
};
LoopHealth ComputeLoopHealth(const std::vector<Plan>& plans, const std::vector<Reflection>& reflections);

// What the daily 9-minute check-in looks at.
struct RunningPlanBrief {
  Plan plan;
  int32_t day_number = 0;  // 1 on the start day
  InterimReading reading;
};
struct RungMove {
  std::string from;
  std::string to;
  int64_t people = 0;
  bool up = false;
};
struct TodayBrief {
  Day today = 0;
  Day since = 0;  // the last check-in day before today, else yesterday
  std::vector<RungMove> moves;
  int64_t moved_up = 0;
  int64_t moved_down = 0;
  std::vector<RunningPlanBrief> running;
  std::vector<Plan> due_for_review;
  std::vector<CheckIn> blockers;  // from the `since` check-in
};
Result<TodayBrief> BuildTodayBrief(LearningLoop& loop, const Ladder& ladder, const MetricReader& reader);

}  // namespace learnloop
