#include "store/sqlite/channel_ids.h"

#include <fmt/format.h>

namespace learnloop::store::sqlite {

Result<ChannelIds> ChannelIds::Prepare(Connection& db) {
  LL_ASSIGN_OR_RETURN(Statement insert,
                      Statement::Prepare(db, "INSERT OR IGNORE INTO channels (org_id, name) VALUES (?1, ?2)"));
  LL_ASSIGN_OR_RETURN(Statement select,
                      Statement::Prepare(db, "SELECT id FROM channels WHERE org_id = ?1 AND name = ?2"));
  return ChannelIds(std::move(insert), std::move(select));
}

Result<int64_t> ChannelIds::Resolve(int64_t org_id, const std::string& name) {
  if (auto found = ids_.find(name); found != ids_.end()) return found->second;
  insert_.Bind(1, org_id);
  insert_.Bind(2, name);
  LL_RETURN_IF_ERROR(insert_.Run());
  select_.Bind(1, org_id);
  select_.Bind(2, name);
  LL_ASSIGN_OR_RETURN(bool found, select_.Step());
  if (!found) return Internal(fmt::format("channel '{}' vanished while adding rows that name it", name));
  int64_t id = select_.ColumnInt(0);
  select_.Reset();
  ids_.emplace(name, id);
  return id;
}

}  // namespace learnloop::store::sqlite
