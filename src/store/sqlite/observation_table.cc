#include "store/sqlite/observation_table.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <string>

#include "store/sqlite/channel_ids.h"
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

}  // namespace

struct ObservationWriter::Parts {
  ChannelIds channels;
  Statement select;
  Statement upsert;
  int64_t org_id;
  ObservationCounts counts;
};

Result<std::unique_ptr<ObservationWriter>> ObservationWriter::Prepare(Connection& db, int64_t org_id) {
  LL_ASSIGN_OR_RETURN(ChannelIds channels, ChannelIds::Prepare(db));
  LL_ASSIGN_OR_RETURN(Statement select, Statement::Prepare(db, R"sql(
SELECT value FROM observations
WHERE org_id = ?1 AND channel_id = ?2 AND content_key = ?3 AND metric = ?4 AND day = ?5
)sql"));
  LL_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db, R"sql(
INSERT INTO observations (org_id, channel_id, content_key, metric, day, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (org_id, channel_id, content_key, metric, day) DO UPDATE SET value = excluded.value
)sql"));
  return std::unique_ptr<ObservationWriter>(new ObservationWriter(
      std::make_unique<Parts>(Parts{std::move(channels), std::move(select), std::move(upsert), org_id, {}})));
}

ObservationWriter::ObservationWriter(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
ObservationWriter::~ObservationWriter() = default;

Status ObservationWriter::Add(const Observation& o) {
  LL_RETURN_IF_ERROR(CheckObservation(o));
  Parts& p = *parts_;
  LL_ASSIGN_OR_RETURN(int64_t channel_id, p.channels.Resolve(p.org_id, o.channel));
  for (Statement* s : {&p.select, &p.upsert}) {
    s->Bind(1, p.org_id);
    s->Bind(2, channel_id);
    s->Bind(3, o.content);
    s->Bind(4, o.metric);
    s->Bind(5, int64_t{o.day});
  }
  LL_ASSIGN_OR_RETURN(bool stored, p.select.Step());
  std::optional<double> old_value = stored ? p.select.ColumnDouble(0) : std::nullopt;
  if (stored) p.select.Reset();
  ++p.counts.rows;
  if (!stored) {
    ++p.counts.added;
  } else if (old_value == o.value) {
    ++p.counts.unchanged;
    return Status::Ok();
  } else {
    ++p.counts.updated;
  }
  p.upsert.Bind(6, std::optional<double>(o.value));
  return p.upsert.Run();
}

ObservationCounts ObservationWriter::counts() const { return parts_->counts; }

Result<ObservationCounts> UpsertObservations(Connection& db, int64_t org_id,
                                             const std::function<Status(const ObservationSink&)>& fill) {
  LL_ASSIGN_OR_RETURN(auto writer, ObservationWriter::Prepare(db, org_id));
  LL_RETURN_IF_ERROR(fill([&writer](const Observation& o) { return writer->Add(o); }));
  return writer->counts();
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
