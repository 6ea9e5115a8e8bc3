// The person_attributes table of a SQLite workspace: CRM fields keyed by
// (identity, attribute), identities shared with events. See
// Store::SetPersonAttributes and Store::ScanPersonAttributes for the contracts.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "learnloop/people.h"
#include "learnloop/status.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace learnloop::store::sqlite {

// Sets attributes one at a time inside the caller's write transaction (see
// Store::SetPersonAttributes); `created_at` (UTC micros) stamps the people
// it adds.
class PersonAttributeWriter {
 public:
  static Result<std::unique_ptr<PersonAttributeWriter>> Prepare(Connection& db, int64_t org_id, int64_t created_at);
  ~PersonAttributeWriter();
  PersonAttributeWriter(const PersonAttributeWriter&) = delete;
  PersonAttributeWriter& operator=(const PersonAttributeWriter&) = delete;

  Status Set(const PersonAttribute& attribute);
  PersonAttributeCounts counts() const;

 private:
  struct Parts;
  explicit PersonAttributeWriter(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

// Upserts what `fill` hands on, inside the caller's write transaction;
// `created_at` (UTC micros) stamps the people it adds.
Result<PersonAttributeCounts> UpsertPersonAttributes(Connection& db, int64_t org_id, int64_t created_at,
                                                     const std::function<Status(const PersonAttributeSink&)>& fill);

Status ScanPersonAttributesInOrder(Connection& db, int64_t org_id,
                                   const std::function<Status(const PersonAttribute&)>& visit);

Result<std::vector<AttributeSummary>> SummarizePersonAttributes(Connection& db, int64_t org_id);

Result<std::vector<PersonAttribute>> AttributesOf(Connection& db, int64_t org_id, const std::string& person);

Status ScanAttributesNamed(Connection& db, int64_t org_id, const std::vector<std::string>& attributes,
                           const std::function<Status(const PersonAttribute&)>& visit);

Result<std::vector<std::string>> AttributeNames(Connection& db, int64_t org_id);

}  // namespace learnloop::store::sqlite
