#include "store/sqlite/observation_table.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <string>

#include "store/sqlite/statement.h"

namespace learnloop::store::sqlite {
namespace {

Status CheckObservation(const Observation& o) {
  std::string_view missing = o.channel.empty() ? "channel" : o.metric.empty() ? "metric" : "";
  if (!missing.empty())
    return InvalidArgument(fmt::format("observation on {} has an empty {}", FormatDate(o.day), missing));
  if (!std::isfinite(o.value))
    return InvalidArgument(fmt::format("observation '{}' on {} is not a finite number", o.metric, FormatDate(o.day)));
  return Status::Ok();
}

// Resolves channel names to ids, adding channels no event has named yet.
class ChannelIds {
 public:
  static Result<ChannelIds> Prepare(Connection& db) {
    LL_ASSIGN_OR_RETURN(Statement insert,
                        Statement::Prepare(db, "INSERT OR IGNORE INTO channels (org_id, name) VALUES (?1, ?2)"));
    LL_ASSIGN_OR_RETURN(Statement select,
                        Statement::Prepare(db, "SELECT id FROM channels WHERE org_id = ?1 AND name = ?2"));
    return ChannelIds(std::move(insert), std::move(select));
  }

  Result<int64_t> Resolve(int64_t org_id, const std::string& name) {
    if (auto found = ids_.find(name); found != ids_.end()) return found->second;
    insert_.Bind(1, org_id);
    insert_.Bind(2, name);
    LL_RETURN_IF_ERROR(insert_.Run());
    select_.Bind(1, org_id);
    select_.Bind(2, name);
    LL_ASSIGN_OR_RETURN(bool found, select_.Step());
    if (!found) return Internal(fmt::format("channel '{}' vanished while adding observations", name));
    int64_t id = select_.ColumnInt(0);
    select_.Reset();
    ids_.emplace(name, id);
    return id;
  }

 private:
  ChannelIds(Statement insert, Statement select) : insert_(std::move(insert)), select_(std::move(select)) {}
  Statement insert_;
  Statement select_;
  std::map<std::string, int64_t> ids_;
};

}  // namespace

Result<ObservationCounts> UpsertObservations(Connection& db, int64_t org_id,
                                             const std::vector<Observation>& observations) {
  LL_ASSIGN_OR_RETURN(ChannelIds channels, ChannelIds::Prepare(db));
  LL_ASSIGN_OR_RETURN(Statement select, Statement::Prepare(db, R"sql(
SELECT value FROM observations
WHERE org_id = ?1 AND channel_id = ?2 AND content_key = ?3 AND metric = ?4 AND day = ?5
)sql"));
  LL_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db, R"sql(
INSERT INTO observations (org_id, channel_id, content_key, metric, day, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (org_id, channel_id, content_key, metric, day) DO UPDATE SET value = excluded.value
)sql"));
  ObservationCounts counts;
  for (const Observation& o : observations) {
    LL_RETURN_IF_ERROR(CheckObservation(o));
    LL_ASSIGN_OR_RETURN(int64_t channel_id, channels.Resolve(org_id, o.channel));
    for (Statement* s : {&select, &upsert}) {
      s->Bind(1, org_id);
      s->Bind(2, channel_id);
      s->Bind(3, o.content);
      s->Bind(4, o.metric);
      s->Bind(5, int64_t{o.day});
    }
    LL_ASSIGN_OR_RETURN(bool stored, select.Step());
    std::optional<double> old_value = stored ? select.ColumnDouble(0) : std::nullopt;
    if (stored) select.Reset();
    ++counts.rows;
    if (!stored) {
      ++counts.added;
    } else if (old_value == o.value) {
      ++counts.unchanged;
      continue;
    } else {
      ++counts.updated;
    }
    upsert.Bind(6, std::optional<double>(o.value));
    LL_RETURN_IF_ERROR(upsert.Run());
  }
  return counts;
}

Status ScanObservationsInOrder(Connection& db, int64_t org_id, const std::function<Status(const Observation&)>& visit) {
  LL_ASSIGN_OR_RETURN(Statement scan, Statement::Prepare(db, R"sql(
SELECT o.day, c.name, o.content_key, o.metric, o.value
FROM observations o JOIN channels c ON c.id = o.channel_id
WHERE o.org_id = ?1
ORDER BY o.day, c.name, o.content_key, o.metric
)sql"));
  scan.Bind(1, org_id);
  Observation o;
  return scan.ForEachRow([&](const Statement& row) {
    o.day = static_cast<Day>(row.ColumnInt(0));
    o.channel = row.ColumnText(1);
    o.content = row.ColumnText(2);
    o.metric = row.ColumnText(3);
    o.value = row.ColumnDouble(4).value_or(0);
    return visit(o);
  });
}

}  // namespace learnloop::store::sqlite
