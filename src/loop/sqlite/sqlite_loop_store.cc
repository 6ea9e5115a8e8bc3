#include "loop/sqlite/sqlite_loop_store.h"

#include <fmt/format.h>

#include <map>

#include "loop/names.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"

namespace learnloop::loop {
namespace sqlite {
namespace {

using store::sqlite::Connection;
using store::sqlite::Statement;

constexpr int64_t kOrgId = 1;

void BindDay(Statement& s, int index, std::optional<Day> day) {
  s.Bind(index, day ? std::optional<double>(*day) : std::nullopt);
}

std::optional<Day> ColumnDay(const Statement& s, int column) {
  auto value = s.ColumnDouble(column);
  if (!value) return std::nullopt;
  return static_cast<Day>(*value);
}

std::optional<int64_t> ColumnId(const Statement& s, int column) {
  auto value = s.ColumnDouble(column);
  if (!value) return std::nullopt;
  return static_cast<int64_t>(*value);
}

std::string Text(const Statement& s, int column) { return std::string(s.ColumnText(column)); }

// Steps through every row of `s`, turning each into a T with `read`.
template <typename T, typename Read>
Result<std::vector<T>> ReadAll(Statement& s, Read read) {
  std::vector<T> rows;
  LL_RETURN_IF_ERROR(s.ForEachRow([&](const Statement& row) -> Status {
    LL_ASSIGN_OR_RETURN(T value, read(row));
    rows.push_back(std::move(value));
    return Status::Ok();
  }));
  return rows;
}

// Runs an insert (id 0) or an update (id last bound) and returns the row id.
Result<int64_t> Upsert(Connection& db, Statement& s, int64_t id) {
  LL_RETURN_IF_ERROR(s.Run());
  return id == 0 ? db.LastInsertId() : id;
}

constexpr std::string_view kGoalColumns = "title, metric, target_kind, target, start_day, deadline, parent_id, owner";

constexpr std::string_view kPlanColumns =
    "title, goal_id, hypothesis, step_from, step_to, metric, guardrails, variants, timebox_days, long_reason, "
    "start_day, baseline_from, baseline_to, effort, expected_lift, owner, tactic, state, parent_id, loop_number, "
    "verdict, reviewed_on, decision, decision_reason, decided_on, created_on";
constexpr int kPlanColumnCount = 26;

std::string InsertOrUpdateSql(std::string_view table, std::string_view columns, int count, bool insert) {
  if (insert) {
    std::string marks = "?";
    for (int i = 1; i < count; ++i) marks += ", ?";
    return fmt::format("INSERT INTO {} ({}, org_id) VALUES ({}, {})", table, columns, marks, kOrgId);
  }
  std::string sets;
  for (const std::string& column : SplitList(columns, ',')) sets += (sets.empty() ? "" : ", ") + column + " = ?";
  return fmt::format("UPDATE {} SET {} WHERE org_id = {} AND id = ?", table, sets, kOrgId);
}

// `lists` holds the joined guardrails and variants, alive until the step.
void BindPlan(Statement& s, const Plan& p, const std::pair<std::string, std::string>& lists) {
  int i = 0;
  s.Bind(++i, p.title);
  s.Bind(++i, p.goal_id);
  s.Bind(++i, p.hypothesis);
  s.Bind(++i, p.step_from);
  s.Bind(++i, p.step_to);
  s.Bind(++i, p.metric);
  s.Bind(++i, lists.first);
  s.Bind(++i, lists.second);
  s.Bind(++i, int64_t{p.timebox_days});
  s.Bind(++i, p.long_reason);
  BindDay(s, ++i, p.start);
  BindDay(s, ++i, p.baseline_from);
  BindDay(s, ++i, p.baseline_to);
  s.Bind(++i, EffortName(p.effort));
  s.Bind(++i, std::optional<double>(p.expected_lift));
  s.Bind(++i, p.owner);
  s.Bind(++i, p.tactic);
  s.Bind(++i, PlanStateName(p.state));
  s.Bind(++i, p.parent_id ? std::optional<double>(static_cast<double>(*p.parent_id)) : std::nullopt);
  s.Bind(++i, int64_t{p.loop_number});
  s.Bind(++i, ReviewVerdictName(p.verdict));
  BindDay(s, ++i, p.reviewed_on);
  s.Bind(++i, DecisionName(p.decision));
  s.Bind(++i, p.decision_reason);
  BindDay(s, ++i, p.decided_on);
  s.Bind(++i, int64_t{p.created_on});
}

Result<Goal> ReadGoal(const Statement& s) {
  Goal g;
  g.id = s.ColumnInt(0);
  g.title = Text(s, 1);
  g.metric = Text(s, 2);
  LL_ASSIGN_OR_RETURN(g.target_kind, ParseTargetKind(s.ColumnText(3)));
  g.target = s.ColumnDouble(4).value_or(0);
  g.start = static_cast<Day>(s.ColumnInt(5));
  g.deadline = static_cast<Day>(s.ColumnInt(6));
  g.parent_id = ColumnId(s, 7);
  g.owner = Text(s, 8);
  return g;
}

Result<Plan> ReadPlan(const Statement& s) {
  Plan p;
  int i = 0;
  p.id = s.ColumnInt(i++);
  p.title = Text(s, i++);
  p.goal_id = s.ColumnInt(i++);
  p.hypothesis = Text(s, i++);
  p.step_from = Text(s, i++);
  p.step_to = Text(s, i++);
  p.metric = Text(s, i++);
  p.guardrails = SplitList(s.ColumnText(i++));
  p.variants = SplitList(s.ColumnText(i++));
  p.timebox_days = static_cast<int32_t>(s.ColumnInt(i++));
  p.long_reason = Text(s, i++);
  p.start = ColumnDay(s, i++);
  p.baseline_from = ColumnDay(s, i++);
  p.baseline_to = ColumnDay(s, i++);
  LL_ASSIGN_OR_RETURN(p.effort, ParseEffort(s.ColumnText(i++)));
  p.expected_lift = s.ColumnDouble(i++).value_or(0);
  p.owner = Text(s, i++);
  p.tactic = Text(s, i++);
  LL_ASSIGN_OR_RETURN(p.state, ParsePlanState(s.ColumnText(i++)));
  p.parent_id = ColumnId(s, i++);
  p.loop_number = static_cast<int32_t>(s.ColumnInt(i++));
  LL_ASSIGN_OR_RETURN(p.verdict, ParseStoredReviewVerdict(s.ColumnText(i++)));
  p.reviewed_on = ColumnDay(s, i++);
  LL_ASSIGN_OR_RETURN(p.decision, ParseStoredDecision(s.ColumnText(i++)));
  p.decision_reason = Text(s, i++);
  p.decided_on = ColumnDay(s, i++);
  p.created_on = static_cast<Day>(s.ColumnInt(i++));
  return p;
}

// Turns "mailing list" into "mailing" "list": every word must match, and
// FTS5 operators typed by a person are taken as plain words.
std::string ToFtsQuery(const std::string& text) {
  std::string query;
  for (const std::string& word : SplitList(text, ' ')) {
    std::string quoted = "\"";
    for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    query += (query.empty() ? "" : " ") + quoted + "\"";
  }
  return query;
}

}  // namespace

Status SqliteLoopStore::InTransaction(const std::function<Status()>& body) {
  if (transaction_depth_ > 0) return body();
  LL_ASSIGN_OR_RETURN(auto transaction, store::sqlite::Transaction::BeginImmediate(db_));
  ++transaction_depth_;
  Status status = body();
  --transaction_depth_;
  LL_RETURN_IF_ERROR(status);
  return transaction.Commit();
}

Result<int64_t> SqliteLoopStore::SaveGoal(const Goal& g) {
  LL_ASSIGN_OR_RETURN(Statement s,
                      Statement::Prepare(db_, InsertOrUpdateSql("loop_goals", kGoalColumns, 8, g.id == 0)));
  s.Bind(1, g.title);
  s.Bind(2, g.metric);
  s.Bind(3, TargetKindName(g.target_kind));
  s.Bind(4, std::optional<double>(g.target));
  s.Bind(5, int64_t{g.start});
  s.Bind(6, int64_t{g.deadline});
  s.Bind(7, g.parent_id ? std::optional<double>(static_cast<double>(*g.parent_id)) : std::nullopt);
  s.Bind(8, g.owner);
  if (g.id != 0) s.Bind(9, g.id);
  return Upsert(db_, s, g.id);
}

// `table` is one of this file's constants, never user text.
Status SqliteLoopStore::DeleteRow(std::string_view table, int64_t id) {
  LL_ASSIGN_OR_RETURN(Statement s,
                      Statement::Prepare(db_, fmt::format("DELETE FROM {} WHERE org_id = ? AND id = ?", table)));
  s.Bind(1, kOrgId);
  s.Bind(2, id);
  return s.Run();
}

Result<std::vector<Goal>> SqliteLoopStore::LoadGoals() {
  LL_ASSIGN_OR_RETURN(
      Statement s,
      Statement::Prepare(db_, fmt::format("SELECT id, {} FROM loop_goals WHERE org_id = ? ORDER BY id", kGoalColumns)));
  s.Bind(1, kOrgId);
  return ReadAll<Goal>(s, ReadGoal);
}

Result<int64_t> SqliteLoopStore::SavePlan(const Plan& p) {
  LL_ASSIGN_OR_RETURN(
      Statement s, Statement::Prepare(db_, InsertOrUpdateSql("loop_plans", kPlanColumns, kPlanColumnCount, p.id == 0)));
  const std::pair<std::string, std::string> lists(JoinList(p.guardrails), JoinList(p.variants));
  BindPlan(s, p, lists);
  if (p.id != 0) s.Bind(kPlanColumnCount + 1, p.id);
  return Upsert(db_, s, p.id);
}

Result<std::vector<Plan>> SqliteLoopStore::LoadPlans() {
  LL_ASSIGN_OR_RETURN(
      Statement s,
      Statement::Prepare(db_, fmt::format("SELECT id, {} FROM loop_plans WHERE org_id = ? ORDER BY id", kPlanColumns)));
  s.Bind(1, kOrgId);
  LL_ASSIGN_OR_RETURN(auto plans, ReadAll<Plan>(s, ReadPlan));
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < plans.size(); ++i) index[plans[i].id] = i;
  for (const Plan& plan : plans) {
    if (!plan.parent_id) continue;
    auto parent = index.find(*plan.parent_id);
    if (parent != index.end() && !plans[parent->second].next_id) plans[parent->second].next_id = plan.id;
  }
  return plans;
}

Result<int64_t> SqliteLoopStore::AddCheckIn(const CheckIn& check_in, Timestamp at) {
  LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                      "INSERT INTO loop_checkins (org_id, plan_id, day, done, next, "
                                                      "blocked, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, kOrgId);
  s.Bind(2, check_in.plan_id);
  s.Bind(3, int64_t{check_in.day});
  s.Bind(4, check_in.done);
  s.Bind(5, check_in.next);
  s.Bind(6, check_in.blocked);
  s.Bind(7, check_in.actor);
  s.Bind(8, at.micros);
  LL_RETURN_IF_ERROR(s.Run());
  return db_.LastInsertId();
}

Result<std::vector<CheckIn>> SqliteLoopStore::LoadCheckIns() {
  LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                      "SELECT id, plan_id, day, done, next, blocked, actor FROM "
                                                      "loop_checkins WHERE org_id = ? ORDER BY day, id"));
  s.Bind(1, kOrgId);
  return ReadAll<CheckIn>(s, [](const Statement& row) -> Result<CheckIn> {
    return CheckIn{row.ColumnInt(0), row.ColumnInt(1), static_cast<Day>(row.ColumnInt(2)), Text(row, 3), Text(row, 4),
                   Text(row, 5),     Text(row, 6)};
  });
}

Status SqliteLoopStore::SaveReflection(const Reflection& r, const std::string& plan_title, Timestamp at) {
  LL_ASSIGN_OR_RETURN(Statement save, Statement::Prepare(db_,
                                                         "INSERT OR REPLACE INTO loop_reflections (org_id, plan_id, "
                                                         "day, expected, happened, why, learned, tags, actor, at) "
                                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const std::string tags = JoinList(r.tags);
  save.Bind(1, kOrgId);
  save.Bind(2, r.plan_id);
  save.Bind(3, int64_t{r.day});
  save.Bind(4, r.expected);
  save.Bind(5, r.happened);
  save.Bind(6, r.why);
  save.Bind(7, r.learned);
  save.Bind(8, tags);
  save.Bind(9, r.actor);
  save.Bind(10, at.micros);
  LL_RETURN_IF_ERROR(save.Run());
  LL_ASSIGN_OR_RETURN(Statement forget, Statement::Prepare(db_, "DELETE FROM loop_learnings WHERE rowid = ?"));
  forget.Bind(1, r.plan_id);
  LL_RETURN_IF_ERROR(forget.Run());
  LL_ASSIGN_OR_RETURN(Statement index, Statement::Prepare(db_,
                                                          "INSERT INTO loop_learnings (rowid, org_id, title, "
                                                          "expected, happened, why, learned, tags) VALUES "
                                                          "(?, ?, ?, ?, ?, ?, ?, ?)"));
  const std::string tag_words = fmt::format("{}", fmt::join(r.tags, " "));
  index.Bind(1, r.plan_id);
  index.Bind(2, kOrgId);
  index.Bind(3, plan_title);
  index.Bind(4, r.expected);
  index.Bind(5, r.happened);
  index.Bind(6, r.why);
  index.Bind(7, r.learned);
  index.Bind(8, tag_words);
  return index.Run();
}

Result<std::vector<Reflection>> SqliteLoopStore::LoadReflections() {
  LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                      "SELECT plan_id, day, expected, happened, why, learned, tags, "
                                                      "actor FROM loop_reflections WHERE org_id = ? ORDER BY plan_id"));
  s.Bind(1, kOrgId);
  return ReadAll<Reflection>(s, [](const Statement& row) -> Result<Reflection> {
    return Reflection{row.ColumnInt(0), static_cast<Day>(row.ColumnInt(1)), Text(row, 2), Text(row, 3), Text(row, 4),
                      Text(row, 5),     SplitList(row.ColumnText(6)),       Text(row, 7)};
  });
}

Result<std::vector<LearningHit>> SqliteLoopStore::SearchLearnings(const std::string& text, int limit) {
  const std::string query = ToFtsQuery(text);
  if (query.empty()) return InvalidArgument("search text has no words; e.g. `learnloop learnings search volunteers`");
  // bm25 weights: the learning itself counts most, then why and the tags.
  LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                      "SELECT f.rowid, f.title, snippet(loop_learnings, -1, '[', ']', "
                                                      "'...', 12), bm25(loop_learnings, 0, 1, 1, 1, 2, 4, 2), r.tags "
                                                      "FROM loop_learnings f JOIN loop_reflections r ON r.org_id = "
                                                      "f.org_id AND r.plan_id = f.rowid WHERE loop_learnings MATCH ? "
                                                      "AND f.org_id = ? ORDER BY 4, f.rowid LIMIT ?"));
  s.Bind(1, query);
  s.Bind(2, kOrgId);
  s.Bind(3, int64_t{limit});
  return ReadAll<LearningHit>(s, [](const Statement& row) -> Result<LearningHit> {
    return LearningHit{row.ColumnInt(0), Text(row, 1), Text(row, 2), -row.ColumnDouble(3).value_or(0),
                       SplitList(row.ColumnText(4))};
  });
}

Status SqliteLoopStore::AddHistory(const HistoryEntry& e) {
  LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                      "INSERT INTO loop_history (org_id, object_type, object_id, "
                                                      "field, old_value, new_value, actor, at) VALUES (?, ?, ?, ?, "
                                                      "?, ?, ?, ?)"));
  s.Bind(1, kOrgId);
  s.Bind(2, e.object_type);
  s.Bind(3, e.object_id);
  s.Bind(4, e.field);
  s.Bind(5, e.old_value);
  s.Bind(6, e.new_value);
  s.Bind(7, e.actor);
  s.Bind(8, e.at.micros);
  return s.Run();
}

Result<std::vector<HistoryEntry>> SqliteLoopStore::LoadHistory(const std::string& object_type, int64_t object_id) {
  LL_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_,
                                                      "SELECT field, old_value, new_value, actor, at FROM "
                                                      "loop_history WHERE org_id = ? AND object_type = ? AND "
                                                      "object_id = ? ORDER BY id"));
  s.Bind(1, kOrgId);
  s.Bind(2, object_type);
  s.Bind(3, object_id);
  return ReadAll<HistoryEntry>(s, [&](const Statement& row) -> Result<HistoryEntry> {
    return HistoryEntry{
        object_type, object_id, Text(row, 0), Text(row, 1), Text(row, 2), Text(row, 3), Timestamp{row.ColumnInt(4)}};
  });
}

}  // namespace sqlite

Result<std::unique_ptr<LoopStore>> MakeSqliteLoopStore(std::shared_ptr<store::Store> store) {
  store::sqlite::Connection* db = store::SqliteConnectionOf(*store);
  if (db == nullptr) return FailedPrecondition("the learning loop needs a SQLite workspace store");
  return std::unique_ptr<LoopStore>(std::make_unique<sqlite::SqliteLoopStore>(std::move(store), *db));
}

}  // namespace learnloop::loop
