// `learnloop token`: API tokens for scripts, sent as
// `Authorization: Bearer TOKEN`; each acts as one member, with their role.
#include <fmt/format.h>

#include "account_cli.h"
#include "loop_cli.h"

namespace learnloop::cli {
namespace {

struct TokenFlags {
  std::string email;
  std::string name;
  std::string id;
  std::string as;
};

Status RunCreate(CliContext& ctx, TokenFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::CreatedToken created, app::CreateApiToken(ws, CliCaller(flags.as), flags.email, flags.name));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(created));
  } else {
    PrintText(*ctx.out, fmt::format("Token {} for {} ('{}'). Copy it now; it is not shown again:\n{}\n",
                                    created.token.id, created.token.email, created.token.name, created.secret));
  }
  return Status::Ok();
}

Status RunList(CliContext& ctx, TokenFlags& /*flags*/) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::TokenList list, app::ListApiTokens(ws));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(list));
    return Status::Ok();
  }
  if (list.tokens.empty()) {
    PrintText(*ctx.out, "No API tokens\n");
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows{{"id", "member", "name", "created", "by"}};
  for (const ApiToken& t : list.tokens)
    rows.push_back({std::to_string(t.id), t.email, t.name, MinuteText(t.created_at), t.created_by});
  *ctx.out << FormatTable(rows);
  return Status::Ok();
}

Status RunRevoke(CliContext& ctx, TokenFlags& flags) {
  LL_ASSIGN_OR_RETURN(int64_t id, ParseId("token id", flags.id));
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_RETURN_IF_ERROR(app::RevokeApiToken(ws, CliCaller(flags.as), id));
  if (ctx.json) {
    PrintJson(ctx, {{"revoked", id}});
  } else {
    PrintText(*ctx.out, fmt::format("Revoked token {}\n", id));
  }
  return Status::Ok();
}

void RegisterToken(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<TokenFlags>();
  CLI::App* cmd = app.add_subcommand("token", "API tokens for scripts (Authorization: Bearer TOKEN)");
  cmd->require_subcommand(1);

  CLI::App* create = AddCommand(*cmd, ctx, flags, "create", "Make a token that acts as a member", RunCreate);
  create->add_option("email", flags->email, "The member it acts as (with their role)")->required();
  create->add_option("--name", flags->name, "What it is for, e.g. \"nightly import\"")->required();
  AddAsFlag(*create, flags->as);
  AddJsonFlag(*create, ctx);

  CLI::App* list = AddCommand(*cmd, ctx, flags, "list", "List the tokens (never their secrets)", RunList);
  AddJsonFlag(*list, ctx);

  CLI::App* revoke = AddCommand(*cmd, ctx, flags, "revoke", "Revoke a token: it stops working at once", RunRevoke);
  revoke->add_option("id", flags->id, "The token's id (see `learnloop token list`)")->required();
  AddAsFlag(*revoke, flags->as);
  AddJsonFlag(*revoke, ctx);
}

const CommandRegistrar kRegistrar(81, RegisterToken);

}  // namespace
}  // namespace learnloop::cli
