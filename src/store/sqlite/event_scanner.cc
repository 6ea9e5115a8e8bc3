#include "store/sqlite/event_scanner.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "store/sqlite/statement.h"

namespace learnloop::store::sqlite {
namespace {

// id -> name for one dictionary table, packed into one buffer.
class NameTable {
 public:
  static Result<NameTable> Load(Connection& db, int64_t org_id, std::string_view table, std::string_view column) {
    LL_ASSIGN_OR_RETURN(Statement select,
                        Statement::Prepare(db, fmt::format("SELECT id, {} FROM {} WHERE org_id = ?1", column, table)));
    select.Bind(1, org_id);
    NameTable names(table);
    while (true) {
      LL_ASSIGN_OR_RETURN(bool has_row, select.Step());
      if (!has_row) return names;
      names.Add(select.ColumnInt(0), select.ColumnText(1));
    }
  }

  Result<std::string_view> Get(int64_t id, const std::string& file) const {
    if (id < 0 || static_cast<size_t>(id) >= spans_.size() || !spans_[id].present) {
      return Corrupt(fmt::format("{}: an event refers to id {} missing from table {}", file, id, table_));
    }
    return std::string_view(bytes_).substr(spans_[id].offset, spans_[id].size);
  }

 private:
  struct Span {
    size_t offset = 0;
    size_t size = 0;
    bool present = false;
  };
  explicit NameTable(std::string_view table) : table_(table) {}
  void Add(int64_t id, std::string_view name) {
    if (id < 0) return;
    if (static_cast<size_t>(id) >= spans_.size()) spans_.resize(id + 1);
    spans_[id] = {bytes_.size(), name.size(), true};
    bytes_.append(name);
  }

  std::string table_;
  std::string bytes_;
  std::vector<Span> spans_;
};

// One stored event whose names are resolved; owns what outlives a step.
struct Row {
  std::string_view channel;
  std::string_view person;
  std::string_view kind;
  std::string content;
  std::optional<double> value;
  std::string tags;
};

bool NameOrderLess(const Row& a, const Row& b) {
  return std::tie(a.channel, a.person, a.kind, a.content) < std::tie(b.channel, b.person, b.kind, b.content);
}

// Sorts one run of equal ts by name and visits it.
Status EmitRun(Timestamp ts, std::vector<Row>& run, size_t size, const std::function<Status(const EventView&)>& visit) {
  std::sort(run.begin(), run.begin() + size, NameOrderLess);
  for (size_t i = 0; i < size; ++i) {
    const Row& row = run[i];
    LL_RETURN_IF_ERROR(visit({ts, row.channel, row.person, row.kind, row.content, row.value, row.tags}));
  }
  return Status::Ok();
}

}  // namespace

Status ScanEventsInOrder(Connection& db, int64_t org_id, const std::function<Status(const EventView&)>& visit) {
  LL_ASSIGN_OR_RETURN(NameTable channels, NameTable::Load(db, org_id, "channels", "name"));
  LL_ASSIGN_OR_RETURN(NameTable people, NameTable::Load(db, org_id, "identities", "value"));
  LL_ASSIGN_OR_RETURN(NameTable kinds, NameTable::Load(db, org_id, "kinds", "name"));
  LL_ASSIGN_OR_RETURN(Statement scan, Statement::Prepare(db, R"sql(
SELECT ts, channel_id, identity_id, kind_id, content, value, tags FROM events WHERE org_id = ?1 ORDER BY ts
)sql"));
  scan.Bind(1, org_id);
  // Rows are reused across runs so their strings keep their capacity.
  std::vector<Row> run;
  size_t size = 0;
  Timestamp ts;
  while (true) {
    LL_ASSIGN_OR_RETURN(bool has_row, scan.Step());
    if (size > 0 && (!has_row || scan.ColumnInt(0) != ts.micros)) {
      LL_RETURN_IF_ERROR(EmitRun(ts, run, size, visit));
      size = 0;
    }
    if (!has_row) return Status::Ok();
    ts.micros = scan.ColumnInt(0);
    if (size == run.size()) run.emplace_back();
    Row& row = run[size++];
    LL_ASSIGN_OR_RETURN(row.channel, channels.Get(scan.ColumnInt(1), db.path()));
    LL_ASSIGN_OR_RETURN(row.person, people.Get(scan.ColumnInt(2), db.path()));
    LL_ASSIGN_OR_RETURN(row.kind, kinds.Get(scan.ColumnInt(3), db.path()));
    row.content.assign(scan.ColumnText(4));
    row.value = scan.ColumnDouble(5);
    row.tags.assign(scan.ColumnText(6));
  }
}

}  // namespace learnloop::store::sqlite
