// `learnloop audit`: every change to the workspace's members and tokens,
// who made it, when and from where; newest first.
#include <fmt/format.h>

#include "account_cli.h"

namespace learnloop::cli {
namespace {

struct AuditFlags {
  int limit = 50;
};

Status RunAudit(CliContext& ctx, AuditFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::AuditLog log, app::ReadAuditLog(ws, flags.limit));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(log));
    return Status::Ok();
  }
  if (log.entries.empty()) {
    PrintText(*ctx.out, "No changes recorded yet\n");
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows{{"when (UTC)", "who", "from", "what", "object", "detail"}};
  for (const AuditEntry& e : log.entries)
    rows.push_back({MinuteText(e.at), e.actor, e.source, e.action, e.object, e.detail});
  *ctx.out << FormatTable(rows);
  return Status::Ok();
}

void RegisterAudit(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<AuditFlags>();
  CLI::App* cmd = AddCommand(app, ctx, flags, "audit", "Who changed members and tokens, when and from where", RunAudit);
  cmd->add_option("--limit", flags->limit, "Show the newest this many")->capture_default_str();
  AddJsonFlag(*cmd, ctx);
}

const CommandRegistrar kRegistrar(82, RegisterAudit);

}  // namespace
}  // namespace learnloop::cli
