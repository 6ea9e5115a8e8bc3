// The person_attributes table of a SQLite workspace: CRM fields keyed by
// (identity, attribute), identities shared with events. See
// Store::SetPersonAttributes and Store::ScanPersonAttributes for the contracts.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "learnloop/people.h"
#include "learnloop/status.h"
#include "store/sqlite/connection.h"

namespace learnloop::store::sqlite {

// Upserts inside the caller's write transaction; `created_at` (UTC micros)
// stamps the people it adds.
Result<PersonAttributeCounts> UpsertPersonAttributes(Connection& db, int64_t org_id, int64_t created_at,
                                                     const std::vector<PersonAttribute>& attributes);

Status ScanPersonAttributesInOrder(Connection& db, int64_t org_id,
                                   const std::function<Status(const PersonAttribute&)>& visit);

Result<std::vector<AttributeSummary>> SummarizePersonAttributes(Connection& db, int64_t org_id);

Result<std::vector<PersonAttribute>> AttributesOf(Connection& db, int64_t org_id, const std::string& person);

Status ScanAttributesNamed(Connection& db, int64_t org_id, const std::vector<std::string>& attributes,
                           const std::function<Status(const PersonAttribute&)>& visit);

Result<std::vector<std::string>> AttributeNames(Connection& db, int64_t org_id);

}  // namespace learnloop::store::sqlite
