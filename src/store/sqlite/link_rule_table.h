// The link_rules table of a SQLite workspace. See Store::AddLinkRules and
// Store::ScanLinkRules for the contracts.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "learnloop/people.h"
#include "learnloop/status.h"
#include "store/sqlite/connection.h"

namespace learnloop::store::sqlite {

// Inside the caller's write transaction.
Status InsertLinkRules(Connection& db, int64_t org_id, const std::vector<LinkRule>& rules);

Status ScanLinkRules(Connection& db, int64_t org_id, const std::function<Status(const LinkRule&)>& visit);

}  // namespace learnloop::store::sqlite
