// Channel names to ids for the tables that name channels beside events
// (observations, contents), adding channels no event has named yet.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "learnloop/status.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/statement.h"

namespace learnloop::store::sqlite {

class ChannelIds {
 public:
  static Result<ChannelIds> Prepare(Connection& db);

  // The id of channel `name` of `org_id`, added when it is new.
  Result<int64_t> Resolve(int64_t org_id, const std::string& name);

 private:
  ChannelIds(Statement insert, Statement select) : insert_(std::move(insert)), select_(std::move(select)) {}
  Statement insert_;
  Statement select_;
  std::map<std::string, int64_t> ids_;
};

}  // namespace learnloop::store::sqlite
