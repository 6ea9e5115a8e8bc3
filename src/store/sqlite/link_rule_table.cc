#include "store/sqlite/link_rule_table.h"

#include <fmt/format.h>

#include "store/sqlite/statement.h"

namespace learnloop::store::sqlite {

Status InsertLinkRules(Connection& db, int64_t org_id, const std::vector<LinkRule>& rules) {
  LL_ASSIGN_OR_RETURN(Statement insert,
                      Statement::Prepare(db,
                                         "INSERT INTO link_rules (org_id, a, b, link, source, reason, actor, at) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  for (const LinkRule& rule : rules) {
    if (rule.a.empty() || !(rule.a < rule.b))
      return InvalidArgument(
          fmt::format("a link rule names '{}' and '{}': expected two identities, the first below "
                      "the second",
                      rule.a, rule.b));
    insert.Bind(1, org_id);
    insert.Bind(2, rule.a);
    insert.Bind(3, rule.b);
    insert.Bind(4, int64_t{rule.link ? 1 : 0});
    insert.Bind(5, rule.source);
    insert.Bind(6, rule.reason);
    insert.Bind(7, rule.actor);
    insert.Bind(8, rule.at);
    LL_RETURN_IF_ERROR(insert.Run());
  }
  return Status::Ok();
}

Status ScanLinkRules(Connection& db, int64_t org_id, const std::function<Status(const LinkRule&)>& visit) {
  LL_ASSIGN_OR_RETURN(Statement scan,
                      Statement::Prepare(db,
                                         "SELECT id, a, b, link, source, reason, actor, at FROM link_rules "
                                         "WHERE org_id = ?1 ORDER BY id"));
  scan.Bind(1, org_id);
  LinkRule rule;
  return scan.ForEachRow([&](const Statement& row) {
    rule.id = row.ColumnInt(0);
    rule.a = row.ColumnText(1);
    rule.b = row.ColumnText(2);
    rule.link = row.ColumnInt(3) != 0;
    rule.source = row.ColumnText(4);
    rule.reason = row.ColumnText(5);
    rule.actor = row.ColumnText(6);
    rule.at = row.ColumnInt(7);
    return visit(rule);
  });
}

}  // namespace learnloop::store::sqlite
