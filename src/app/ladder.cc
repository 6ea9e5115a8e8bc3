#include "learnloop/app/ladder.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "learnloop/app/input.h"

namespace learnloop::app {
namespace {

struct GroupLadder {
  Ladder ladder;
  LadderGroup group;
};

// The ladder of everyone or, with `person`, of that group.
Result<GroupLadder> LoadGroupLadder(Workspace& ws, const std::vector<std::string>& person) {
  LL_ASSIGN_OR_RETURN(std::vector<AttributeFilter> filters, ParseGroup(person));
  LL_ASSIGN_OR_RETURN(Ladder ladder, ws.LoadLadder(filters));
  const int64_t people = ladder.people();
  return GroupLadder{std::move(ladder), LadderGroup{std::move(filters), people}};
}

struct LadderAt {
  GroupLadder loaded;
  Day as_of;
};

// Reads `as_of` first, so a bad day fails before the slow part.
Result<LadderAt> LoadLadderAt(Workspace& ws, const LadderAsOfRequest& request) {
  LL_ASSIGN_OR_RETURN(Day as_of, ParseDay("--as-of", request.as_of, ws.Today()));
  LL_ASSIGN_OR_RETURN(GroupLadder loaded, LoadGroupLadder(ws, request.person));
  return LadderAt{std::move(loaded), as_of};
}

Status CheckRung(const Ladder& ladder, const std::string& rung) {
  const auto& names = ladder.rung_names();
  if (rung.empty() || rung == kAudienceName || std::find(names.begin(), names.end(), rung) != names.end())
    return Status::Ok();
  return InvalidArgument(fmt::format("--rung '{}' is not a rung of this ladder; expected one of: {}, {}", rung,
                                     fmt::join(names, ", "), kAudienceName));
}

}  // namespace

Result<LadderReport> ShowLadder(Workspace& ws, const LadderRequest& request) {
  const bool movement = !request.from.empty();
  LL_ASSIGN_OR_RETURN(Day as_of,
                      ParseDay(movement ? "--to" : "--as-of", movement ? request.to : request.as_of, ws.Today()));
  std::optional<Day> from;
  if (movement) {
    LL_ASSIGN_OR_RETURN(from, ParseDay("--from", request.from, ws.Today()));
    if (*from > as_of)
      return InvalidArgument(fmt::format("--from {} is after --to {}", FormatDate(*from), FormatDate(as_of)));
  }
  LL_ASSIGN_OR_RETURN(GroupLadder loaded, LoadGroupLadder(ws, request.person));
  LadderReport report{std::move(loaded.group), loaded.ladder.CountsAsOf(as_of), std::nullopt};
  if (from)
    report.movement =
        LadderMovement{*from, as_of, loaded.ladder.Transitions(*from, as_of), loaded.ladder.Conversions(*from, as_of)};
  return report;
}

Result<LadderSeriesReport> LadderSeries(Workspace& ws, const LadderSeriesRequest& request) {
  LL_ASSIGN_OR_RETURN(Day to, ParseDay("--to", request.to, ws.Today()));
  LL_ASSIGN_OR_RETURN(Day from, ParseDay("--from", request.from.empty() ? "today-90" : request.from, to));
  if (from > to) return InvalidArgument("--from is after --to");
  LL_ASSIGN_OR_RETURN(GroupLadder loaded, LoadGroupLadder(ws, request.person));
  const Ladder& ladder = loaded.ladder;
  return LadderSeriesReport{std::move(loaded.group), request.weekly, ladder.rung_names(),
                            request.weekly ? ladder.WeeklySeries(from, to) : ladder.DailySeries(from, to)};
}

Result<LadderPeopleReport> LadderPeople(Workspace& ws, const LadderPeopleRequest& request) {
  LL_ASSIGN_OR_RETURN(LadderAt at, LoadLadderAt(ws, request));
  LL_RETURN_IF_ERROR(CheckRung(at.loaded.ladder, request.rung));
  LadderPeopleReport report{std::move(at.loaded.group), at.as_of, {}};
  for (PersonRung& p : at.loaded.ladder.PeopleAsOf(at.as_of))
    if (request.rung.empty() || p.rung == request.rung) report.people.push_back(std::move(p));
  return report;
}

Result<LadderCohortsReport> LadderCohorts(Workspace& ws, const LadderAsOfRequest& request) {
  LL_ASSIGN_OR_RETURN(LadderAt at, LoadLadderAt(ws, request));
  return LadderCohortsReport{std::move(at.loaded.group), at.loaded.ladder.Cohorts(at.as_of)};
}

Result<LadderClimbReport> LadderClimb(Workspace& ws, const LadderAsOfRequest& request) {
  LL_ASSIGN_OR_RETURN(LadderAt at, LoadLadderAt(ws, request));
  return LadderClimbReport{std::move(at.loaded.group), at.as_of, at.loaded.ladder.ClimbTimes(at.as_of)};
}

}  // namespace learnloop::app
