// The ladder's operations: the snapshot as of a day (with the movement
// between two days), the rung counts as a series, the people on a rung,
// cohorts and climb times; each for everyone or for a group of people.
// Day fields take the words of ParseDay; `person` the specs of ParseGroup.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "learnloop/json.h"
#include "learnloop/ladder.h"
#include "learnloop/people.h"
#include "learnloop/status.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// Whom a report counts: everyone (no filters) or the group the filters name.
struct LadderGroup {
  std::vector<AttributeFilter> filters;
  int64_t people = 0;  // people in the report with any event
};

// Every operation below: InvalidArgument for a day or group that does not
// parse, NotFound (listing what is stored) for an attribute or value nobody
// has, and the errors of Workspace::LoadLadder.

struct LadderRequest {
  std::string as_of = "today";
  std::string from;  // set: also the movement from `from` to `to`, read as of `to`
  std::string to = "today";
  std::vector<std::string> person;
};
struct LadderMovement {
  Day from = 0;
  Day to = 0;
  TransitionMatrix transitions;
  std::vector<Conversion> conversions;
};
struct LadderReport {
  LadderGroup group;
  LadderSnapshot snapshot;
  std::optional<LadderMovement> movement;
};
// People per rung; InvalidArgument when `from` is after `to`.
Result<LadderReport> ShowLadder(Workspace& ws, const LadderRequest& request);

struct LadderSeriesRequest {
  std::string from;  // empty: 90 days before `to`
  std::string to = "today";
  bool weekly = false;  // one point per ISO week, as of its Sunday
  std::vector<std::string> person;
};
struct LadderSeriesReport {
  LadderGroup group;
  bool weekly = false;
  std::vector<std::string> rung_names;  // highest first
  RungSeries series;
};
// Rung counts per day or week; InvalidArgument when `from` is after `to`.
Result<LadderSeriesReport> LadderSeries(Workspace& ws, const LadderSeriesRequest& request);

struct LadderAsOfRequest {
  std::string as_of = "today";
  std::vector<std::string> person;
};
struct LadderPeopleRequest : LadderAsOfRequest {
  std::string rung;  // empty: everyone; else a rung name or "audience"
};
struct LadderPeopleReport {
  LadderGroup group;
  Day as_of = 0;
  std::vector<PersonRung> people;
};
// Each person's rung; InvalidArgument (listing the rungs) for an unknown rung.
Result<LadderPeopleReport> LadderPeople(Workspace& ws, const LadderPeopleRequest& request);

struct LadderCohortsReport {
  LadderGroup group;
  CohortTable cohorts;
};
// People by first-seen month and highest rung reached by `as_of`.
Result<LadderCohortsReport> LadderCohorts(Workspace& ws, const LadderAsOfRequest& request);

struct LadderClimbReport {
  LadderGroup group;
  Day as_of = 0;
  std::vector<ClimbTime> climbs;
};
// Median days to climb each step, for people who climbed by `as_of`.
Result<LadderClimbReport> LadderClimb(Workspace& ws, const LadderAsOfRequest& request);

}  // namespace learnloop::app

namespace learnloop::json {

Json ToJson(const LadderSnapshot& snapshot);
Json ToJson(const app::LadderReport& report);
Json ToJson(const app::LadderSeriesReport& report);
Json ToJson(const app::LadderPeopleReport& report);
Json ToJson(const app::LadderCohortsReport& report);
Json ToJson(const app::LadderClimbReport& report);

}  // namespace learnloop::json
