#include "store/sqlite/person_attribute_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "store/sqlite/statement.h"

namespace learnloop::store::sqlite {
namespace {

Status CheckAttribute(const PersonAttribute& a) {
  if (a.person.empty()) return InvalidArgument(fmt::format("attribute '{}' has an empty person", a.attribute));
  if (a.attribute.empty()) return InvalidArgument(fmt::format("an attribute of '{}' has an empty name", a.person));
  return Status::Ok();
}

// Resolves person strings to identity ids. A string no event has named yet
// becomes a new person with that identity, as an event import would make it,
// so the events that name it later find it.
class IdentityIds {
 public:
  static Result<IdentityIds> Prepare(Connection& db, int64_t org_id, int64_t created_at) {
    LL_ASSIGN_OR_RETURN(
        Statement select,
        Statement::Prepare(db, "SELECT id, has_events FROM identities WHERE org_id = ?1 AND value = ?2"));
    LL_ASSIGN_OR_RETURN(Statement insert_person,
                        Statement::Prepare(db, "INSERT INTO people (org_id, created_at) VALUES (?1, ?2)"));
    LL_ASSIGN_OR_RETURN(Statement insert_identity, Statement::Prepare(db, R"sql(
INSERT INTO identities (org_id, value, person_id, has_events) VALUES (?1, ?2, ?3, 0)
)sql"));
    return IdentityIds(db, org_id, created_at, std::move(select), std::move(insert_person), std::move(insert_identity));
  }

  // The identity of `person`; nullopt when none is stored and `add` is not set.
  Result<std::optional<int64_t>> Resolve(const std::string& person, bool add) {
    // A wide row names its person once per cell: ask the database once.
    if (person != last_person_) {
      bool first_time = seen_.insert(std::hash<std::string_view>()(person)).second;
      LL_ASSIGN_OR_RETURN(last_id_, Find(person, first_time));
      last_person_ = person;
    }
    if (!last_id_ && add) {
      LL_ASSIGN_OR_RETURN(last_id_, Add(person));
    }
    return last_id_;
  }

  // Distinct person strings resolved so far (told apart by a 64-bit hash,
  // so a million people take 30 MB less than their strings would; two
  // people whose hashes collide, one chance in 30 million at a million
  // people, count once).
  int64_t people() const { return static_cast<int64_t>(seen_.size()); }
  // Of them, those named by events.
  int64_t people_with_events() const { return with_events_; }

 private:
  IdentityIds(Connection& db, int64_t org_id, int64_t created_at, Statement select, Statement insert_person,
              Statement insert_identity)
      : db_(db),
        org_id_(org_id),
        created_at_(created_at),
        select_(std::move(select)),
        insert_person_(std::move(insert_person)),
        insert_identity_(std::move(insert_identity)) {}

  // `first_time`: the first lookup of `person`, which counts it.
  Result<std::optional<int64_t>> Find(const std::string& person, bool first_time) {
    select_.Bind(1, org_id_);
    select_.Bind(2, person);
    LL_ASSIGN_OR_RETURN(bool found, select_.Step());
    if (!found) return std::optional<int64_t>();
    std::optional<int64_t> id = select_.ColumnInt(0);
    with_events_ += first_time && select_.ColumnInt(1) != 0;
    select_.Reset();
    return id;
  }

  Result<std::optional<int64_t>> Add(const std::string& person) {
    insert_person_.Bind(1, org_id_);
    insert_person_.Bind(2, created_at_);
    LL_RETURN_IF_ERROR(insert_person_.Run());
    insert_identity_.Bind(1, org_id_);
    insert_identity_.Bind(2, person);
    insert_identity_.Bind(3, db_.LastInsertId());
    LL_RETURN_IF_ERROR(insert_identity_.Run());
    return std::optional<int64_t>(db_.LastInsertId());
  }

  Connection& db_;
  int64_t org_id_;
  int64_t created_at_;
  Statement select_;
  Statement insert_person_;
  Statement insert_identity_;
  std::unordered_set<uint64_t> seen_;  // hashes of the person strings resolved
  std::string last_person_;
  std::optional<int64_t> last_id_;
  int64_t with_events_ = 0;
};

enum class Change { kAdded, kUpdated, kRemoved, kUnchanged };

Change Classify(const std::optional<std::string>& stored, const std::string& value) {
  if (!stored) return value.empty() ? Change::kUnchanged : Change::kAdded;
  if (*stored == value) return Change::kUnchanged;
  return value.empty() ? Change::kRemoved : Change::kUpdated;
}

void Count(Change change, PersonAttributeCounts& counts) {
  switch (change) {
    case Change::kAdded:
      ++counts.added;
      break;
    case Change::kUpdated:
      ++counts.updated;
      break;
    case Change::kRemoved:
      ++counts.removed;
      break;
    case Change::kUnchanged:
      ++counts.unchanged;
      break;
  }
}

// The stored attributes of one org: reads one value, writes or removes it.
class AttributeRows {
 public:
  static Result<AttributeRows> Prepare(Connection& db, int64_t org_id) {
    LL_ASSIGN_OR_RETURN(Statement select, Statement::Prepare(db, R"sql(
SELECT value FROM person_attributes WHERE org_id = ?1 AND identity_id = ?2 AND attribute = ?3
)sql"));
    LL_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db, R"sql(
INSERT INTO person_attributes (org_id, identity_id, attribute, value) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (org_id, identity_id, attribute) DO UPDATE SET value = excluded.value
)sql"));
    LL_ASSIGN_OR_RETURN(Statement remove, Statement::Prepare(db, R"sql(
DELETE FROM person_attributes WHERE org_id = ?1 AND identity_id = ?2 AND attribute = ?3
)sql"));
    return AttributeRows(org_id, std::move(select), std::move(upsert), std::move(remove));
  }

  // Stores `value` (removes the attribute when it is empty) and says how
  // that changed what was stored.
  Result<Change> Set(int64_t identity_id, const std::string& attribute, const std::string& value) {
    for (Statement* s : {&select_, &upsert_, &remove_}) {
      s->Bind(1, org_id_);
      s->Bind(2, identity_id);
      s->Bind(3, attribute);
    }
    LL_ASSIGN_OR_RETURN(bool stored, select_.Step());
    std::optional<std::string> old_value;
    if (stored) {
      old_value = std::string(select_.ColumnText(0));
      select_.Reset();
    }
    Change change = Classify(old_value, value);
    if (change == Change::kRemoved) LL_RETURN_IF_ERROR(remove_.Run());
    if (change == Change::kAdded || change == Change::kUpdated) {
      upsert_.Bind(4, value);
      LL_RETURN_IF_ERROR(upsert_.Run());
    }
    return change;
  }

 private:
  AttributeRows(int64_t org_id, Statement select, Statement upsert, Statement remove)
      : org_id_(org_id), select_(std::move(select)), upsert_(std::move(upsert)), remove_(std::move(remove)) {}

  int64_t org_id_;
  Statement select_;
  Statement upsert_;
  Statement remove_;
};

}  // namespace

struct PersonAttributeWriter::Parts {
  IdentityIds identities;
  AttributeRows rows;
  PersonAttributeCounts counts;
};

Result<std::unique_ptr<PersonAttributeWriter>> PersonAttributeWriter::Prepare(Connection& db, int64_t org_id,
                                                                              int64_t created_at) {
  LL_ASSIGN_OR_RETURN(IdentityIds identities, IdentityIds::Prepare(db, org_id, created_at));
  LL_ASSIGN_OR_RETURN(AttributeRows rows, AttributeRows::Prepare(db, org_id));
  return std::unique_ptr<PersonAttributeWriter>(
      new PersonAttributeWriter(std::make_unique<Parts>(Parts{std::move(identities), std::move(rows), {}})));
}

PersonAttributeWriter::PersonAttributeWriter(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
PersonAttributeWriter::~PersonAttributeWriter() = default;

Status PersonAttributeWriter::Set(const PersonAttribute& a) {
  LL_RETURN_IF_ERROR(CheckAttribute(a));
  PersonAttributeCounts& counts = parts_->counts;
  ++counts.rows;
  // Clearing needs no identity: a person not stored has nothing to clear.
  LL_ASSIGN_OR_RETURN(std::optional<int64_t> identity_id, parts_->identities.Resolve(a.person, !a.value.empty()));
  Change change = Change::kUnchanged;
  if (identity_id) {
    LL_ASSIGN_OR_RETURN(change, parts_->rows.Set(*identity_id, a.attribute, a.value));
  }
  Count(change, counts);
  return Status::Ok();
}

PersonAttributeCounts PersonAttributeWriter::counts() const {
  PersonAttributeCounts counts = parts_->counts;
  counts.people = parts_->identities.people();
  counts.people_with_events = parts_->identities.people_with_events();
  return counts;
}

Result<PersonAttributeCounts> UpsertPersonAttributes(Connection& db, int64_t org_id, int64_t created_at,
                                                     const std::function<Status(const PersonAttributeSink&)>& fill) {
  LL_ASSIGN_OR_RETURN(auto writer, PersonAttributeWriter::Prepare(db, org_id, created_at));
  LL_RETURN_IF_ERROR(fill([&writer](const PersonAttribute& a) { return writer->Set(a); }));
  return writer->counts();
}

namespace {

// Visits the (person, attribute, value) rows `scan` yields.
Status VisitRows(Statement& scan, const std::function<Status(const PersonAttribute&)>& visit) {
  PersonAttribute a;
  return scan.ForEachRow([&](const Statement& row) {
    a.person = row.ColumnText(0);
    a.attribute = row.ColumnText(1);
    a.value = row.ColumnText(2);
    return visit(a);
  });
}

}  // namespace

Status ScanPersonAttributesInOrder(Connection& db, int64_t org_id,
                                   const std::function<Status(const PersonAttribute&)>& visit) {
  // BINARY collation compares bytes, which is the promised order.
  LL_ASSIGN_OR_RETURN(Statement scan, Statement::Prepare(db, R"sql(
SELECT i.value, a.attribute, a.value
FROM person_attributes a JOIN identities i ON i.id = a.identity_id
WHERE a.org_id = ?1
ORDER BY i.value, a.attribute
)sql"));
  scan.Bind(1, org_id);
  return VisitRows(scan, visit);
}

Status ScanAttributesNamed(Connection& db, int64_t org_id, const std::vector<std::string>& attributes,
                           const std::function<Status(const PersonAttribute&)>& visit) {
  if (attributes.empty()) return Status::Ok();
  // One placeholder per name; the names themselves are bound.
  std::string placeholders;
  for (size_t i = 0; i < attributes.size(); ++i) placeholders += fmt::format("{}?{}", i == 0 ? "" : ", ", i + 2);
  LL_ASSIGN_OR_RETURN(Statement scan, Statement::Prepare(db, fmt::format(R"sql(
SELECT i.value, a.attribute, a.value
FROM person_attributes a JOIN identities i ON i.id = a.identity_id
WHERE a.org_id = ?1 AND a.attribute IN ({})
)sql",
                                                                         placeholders)));
  scan.Bind(1, org_id);
  for (size_t i = 0; i < attributes.size(); ++i) scan.Bind(static_cast<int>(i + 2), attributes[i]);
  return VisitRows(scan, visit);
}

Result<std::vector<std::string>> AttributeNames(Connection& db, int64_t org_id) {
  LL_ASSIGN_OR_RETURN(Statement names, Statement::Prepare(db, R"sql(
SELECT DISTINCT attribute FROM person_attributes WHERE org_id = ?1 ORDER BY attribute
)sql"));
  names.Bind(1, org_id);
  std::vector<std::string> out;
  LL_RETURN_IF_ERROR(names.ForEachRow([&](const Statement& row) {
    out.emplace_back(row.ColumnText(0));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<AttributeSummary>> SummarizePersonAttributes(Connection& db, int64_t org_id) {
  LL_ASSIGN_OR_RETURN(Statement group, Statement::Prepare(db, R"sql(
SELECT a.attribute, a.value, count(*), sum(i.has_events)
FROM person_attributes a JOIN identities i ON i.id = a.identity_id
WHERE a.org_id = ?1
GROUP BY a.attribute, a.value
ORDER BY a.attribute, a.value
)sql"));
  group.Bind(1, org_id);
  std::vector<AttributeSummary> summaries;
  LL_RETURN_IF_ERROR(group.ForEachRow([&](const Statement& row) {
    std::string_view attribute = row.ColumnText(0);
    if (summaries.empty() || summaries.back().attribute != attribute)
      summaries.push_back({std::string(attribute), 0, 0, 0, {}});
    AttributeSummary& summary = summaries.back();
    const int64_t people = row.ColumnInt(2);
    summary.people += people;
    summary.people_with_events += row.ColumnInt(3);
    ++summary.distinct_values;
    summary.top_values.push_back({std::string(row.ColumnText(1)), people});
    return Status::Ok();
  }));
  // Rows came by value; the most common come first, ties keeping that order.
  for (AttributeSummary& summary : summaries) {
    auto& values = summary.top_values;
    std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.people > b.people; });
    if (values.size() > kTopAttributeValues) values.resize(kTopAttributeValues);
  }
  return summaries;
}

Result<std::vector<PersonAttribute>> AttributesOf(Connection& db, int64_t org_id, const std::string& person) {
  LL_ASSIGN_OR_RETURN(Statement select, Statement::Prepare(db, R"sql(
SELECT a.attribute, a.value
FROM identities i JOIN person_attributes a ON a.org_id = i.org_id AND a.identity_id = i.id
WHERE i.org_id = ?1 AND i.value = ?2
ORDER BY a.attribute
)sql"));
  select.Bind(1, org_id);
  select.Bind(2, person);
  std::vector<PersonAttribute> attributes;
  LL_RETURN_IF_ERROR(select.ForEachRow([&](const Statement& row) {
    attributes.push_back({person, std::string(row.ColumnText(0)), std::string(row.ColumnText(1))});
    return Status::Ok();
  }));
  return attributes;
}

}  // namespace learnloop::store::sqlite
