#include "store/sqlite/event_inserter.h"

#include <fmt/format.h>

namespace learnloop::store::sqlite {
namespace {

Status CheckNamed(const EventView& event) {
  std::string_view missing = event.channel.empty()  ? "channel"
                             : event.person.empty() ? "person"
                             : event.kind.empty()   ? "kind"
                                                    : "";
  if (missing.empty()) return Status::Ok();
  return InvalidArgument(fmt::format("event at {} has an empty {}", FormatRfc3339(event.ts), missing));
}

}  // namespace

Result<EventInserter::Dictionary> EventInserter::PrepareDictionary(Connection& db, std::string_view select_sql,
                                                                   std::string_view insert_sql, bool creates_person) {
  LL_ASSIGN_OR_RETURN(Statement select, Statement::Prepare(db, select_sql));
  LL_ASSIGN_OR_RETURN(Statement insert, Statement::Prepare(db, insert_sql));
  return Dictionary{{}, std::move(select), std::move(insert), creates_person};
}

Result<std::unique_ptr<EventInserter>> EventInserter::Create(Connection& db, int64_t import_id, int64_t created_at) {
  LL_ASSIGN_OR_RETURN(Dictionary channels,
                      PrepareDictionary(db, "SELECT id FROM channels WHERE org_id = ?1 AND name = ?2",
                                        "INSERT INTO channels (org_id, name) VALUES (?1, ?2)", false));
  LL_ASSIGN_OR_RETURN(Dictionary identities,
                      PrepareDictionary(db, "SELECT id, has_events FROM identities WHERE org_id = ?1 AND value = ?2",
                                        "INSERT INTO identities (org_id, value, person_id) VALUES (?1, ?2, ?3)", true));
  LL_ASSIGN_OR_RETURN(Dictionary kinds, PrepareDictionary(db, "SELECT id FROM kinds WHERE org_id = ?1 AND name = ?2",
                                                          "INSERT INTO kinds (org_id, name) VALUES (?1, ?2)", false));
  LL_ASSIGN_OR_RETURN(Statement insert_person,
                      Statement::Prepare(db, "INSERT INTO people (org_id, created_at) VALUES (?1, ?2)"));
  LL_ASSIGN_OR_RETURN(Statement mark_has_events,
                      Statement::Prepare(db, "UPDATE identities SET has_events = 1 WHERE id = ?1"));
  LL_ASSIGN_OR_RETURN(Statement insert_event, Statement::Prepare(db, R"sql(
INSERT OR IGNORE INTO events (org_id, ts, channel_id, identity_id, kind_id, content, value, tags, import_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
)sql"));
  LL_ASSIGN_OR_RETURN(Statement stored_by, Statement::Prepare(db, R"sql(
SELECT import_id FROM events
WHERE org_id = ?1 AND ts = ?2 AND channel_id = ?3 AND identity_id = ?4 AND kind_id = ?5 AND content = ?6
)sql"));
  Statements statements{std::move(insert_person), std::move(mark_has_events), std::move(insert_event),
                        std::move(stored_by)};
  return std::unique_ptr<EventInserter>(new EventInserter(
      db, import_id, created_at, std::move(channels), std::move(identities), std::move(kinds), std::move(statements)));
}

EventInserter::EventInserter(Connection& db, int64_t import_id, int64_t created_at, Dictionary channels,
                             Dictionary identities, Dictionary kinds, Statements statements)
    : db_(db),
      import_id_(import_id),
      created_at_(created_at),
      channels_(std::move(channels)),
      identities_(std::move(identities)),
      kinds_(std::move(kinds)),
      insert_person_(std::move(statements.insert_person)),
      mark_has_events_(std::move(statements.mark_has_events)),
      insert_event_(std::move(statements.insert_event)),
      stored_by_(std::move(statements.stored_by)) {}

Status EventInserter::Add(const EventView& event) {
  LL_RETURN_IF_ERROR(CheckNamed(event));
  LL_ASSIGN_OR_RETURN(int64_t channel_id, Resolve(channels_, event.channel));
  LL_ASSIGN_OR_RETURN(int64_t identity_id, Resolve(identities_, event.person));
  LL_ASSIGN_OR_RETURN(int64_t kind_id, Resolve(kinds_, event.kind));
  Statement& insert = insert_event_;
  insert.Bind(1, kOrgId);
  insert.Bind(2, event.ts.micros);
  insert.Bind(3, channel_id);
  insert.Bind(4, identity_id);
  insert.Bind(5, kind_id);
  insert.Bind(6, event.content);
  insert.Bind(7, event.value);
  insert.Bind(8, event.tags);
  insert.Bind(9, import_id_);
  LL_RETURN_IF_ERROR(insert.Run());
  // OR IGNORE skips a row whose identity is already stored: by an earlier
  // import, or by an earlier row of this one. Only rows the filter cannot
  // clear pay for the look-up that tells the two apart, so a re-import of
  // a file (nothing added) looks nothing up.
  const uint64_t identity = IdentityHash(event.ts, channel_id, identity_id, kind_id, event.content);
  if (db_.Changes() == 1) {
    ++added_;
    added_filter_.Add(identity);
    return Status::Ok();
  }
  if (!added_filter_.MayContain(identity)) {
    ++duplicates_;
    return Status::Ok();
  }
  LL_ASSIGN_OR_RETURN(int64_t stored_by, StoredBy(event.ts, channel_id, identity_id, kind_id, event.content));
  ++(stored_by == import_id_ ? repeated_ : duplicates_);
  return Status::Ok();
}

namespace {

uint64_t Mix(uint64_t h, uint64_t value) {
  h ^= value + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

}  // namespace

uint64_t EventInserter::IdentityHash(Timestamp ts, int64_t channel_id, int64_t identity_id, int64_t kind_id,
                                     std::string_view content) {
  uint64_t h = std::hash<std::string_view>{}(content);
  for (int64_t part : {ts.micros, channel_id, identity_id, kind_id}) h = Mix(h, static_cast<uint64_t>(part));
  return h;
}

Result<int64_t> EventInserter::StoredBy(Timestamp ts, int64_t channel_id, int64_t identity_id, int64_t kind_id,
                                        std::string_view content) {
  Statement& select = stored_by_;
  select.Bind(1, kOrgId);
  select.Bind(2, ts.micros);
  select.Bind(3, channel_id);
  select.Bind(4, identity_id);
  select.Bind(5, kind_id);
  select.Bind(6, content);
  LL_ASSIGN_OR_RETURN(bool found, select.Step());
  int64_t import_id = found ? select.ColumnInt(0) : 0;
  select.Reset();
  if (!found) return Internal("an ignored event insert found no stored event with the same identity");
  return import_id;
}

Result<int64_t> EventInserter::Resolve(Dictionary& dictionary, std::string_view name) {
  if (auto found = dictionary.ids.find(name); found != dictionary.ids.end()) return found->second;
  dictionary.select.Bind(1, kOrgId);
  dictionary.select.Bind(2, name);
  LL_ASSIGN_OR_RETURN(bool stored, dictionary.select.Step());
  int64_t id = 0;
  if (stored) {
    id = dictionary.select.ColumnInt(0);
    // A person first named by an attribute import now has an event.
    const bool unmarked = dictionary.creates_person && dictionary.select.ColumnInt(1) == 0;
    dictionary.select.Reset();
    if (unmarked) {
      mark_has_events_.Bind(1, id);
      LL_RETURN_IF_ERROR(mark_has_events_.Run());
    }
  } else {
    LL_ASSIGN_OR_RETURN(id, InsertName(dictionary, name));
  }
  dictionary.ids.emplace(name, id);
  return id;
}

Result<int64_t> EventInserter::InsertName(Dictionary& dictionary, std::string_view name) {
  dictionary.insert.Bind(1, kOrgId);
  dictionary.insert.Bind(2, name);
  if (dictionary.creates_person) {
    // Until identities are linked, each new person value is a new person.
    insert_person_.Bind(1, kOrgId);
    insert_person_.Bind(2, created_at_);
    LL_RETURN_IF_ERROR(insert_person_.Run());
    dictionary.insert.Bind(3, db_.LastInsertId());
  }
  LL_RETURN_IF_ERROR(dictionary.insert.Run());
  return db_.LastInsertId();
}

}  // namespace learnloop::store::sqlite
