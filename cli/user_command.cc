// `learnloop user`: who may sign in to the web app and the API, with
// which role. Passwords come from standard input or a silent prompt,
// never from the command line.
#include <fmt/format.h>

#include "account_cli.h"
#include "password_input.h"

namespace learnloop::cli {
namespace {

struct UserFlags {
  std::string email;
  std::string role;
  bool password_stdin = false;
  std::string base_url = "http://127.0.0.1:8080";
  std::string as;
};

Status RunAdd(CliContext& ctx, UserFlags& flags) {
  LL_ASSIGN_OR_RETURN(Role role, ParseRole(flags.role));
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(std::string password, ReadPassword(ctx, flags.password_stdin));
  LL_ASSIGN_OR_RETURN(Member member, app::AddMember(ws, CliCaller(flags.as), {flags.email, role, password}));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(member));
  } else {
    PrintText(*ctx.out, fmt::format("Added {} as {}\n", member.email, RoleName(member.role)));
  }
  return Status::Ok();
}

Status RunList(CliContext& ctx, UserFlags& /*flags*/) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(app::MemberList list, app::ListMembers(ws));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(list));
    return Status::Ok();
  }
  if (list.members.empty()) {
    PrintText(*ctx.out, "No members yet: add one with `learnloop user add EMAIL --role owner --password-stdin`\n");
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows{{"email", "role", "added", "by", "password set"}};
  for (const Member& m : list.members)
    rows.push_back(
        {m.email, std::string(RoleName(m.role)), MinuteText(m.added_at), m.added_by, MinuteText(m.password_set_at)});
  *ctx.out << FormatTable(rows);
  return Status::Ok();
}

Status RunRemove(CliContext& ctx, UserFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_RETURN_IF_ERROR(app::RemoveMember(ws, CliCaller(flags.as), flags.email));
  if (ctx.json) {
    PrintJson(ctx, {{"removed", flags.email}});
  } else {
    PrintText(*ctx.out, fmt::format("Removed {} and their API tokens\n", flags.email));
  }
  return Status::Ok();
}

Status RunRole(CliContext& ctx, UserFlags& flags) {
  LL_ASSIGN_OR_RETURN(Role role, ParseRole(flags.role));
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  LL_ASSIGN_OR_RETURN(Member member, app::SetMemberRole(ws, CliCaller(flags.as), flags.email, role));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(member));
  } else {
    PrintText(*ctx.out, fmt::format("{} is now {}\n", member.email, RoleName(member.role)));
  }
  return Status::Ok();
}

Status RunReset(CliContext& ctx, UserFlags& flags) {
  LL_ASSIGN_OR_RETURN(Workspace ws, OpenWorkspace(ctx));
  std::optional<std::string> password;
  if (flags.password_stdin) {
    LL_ASSIGN_OR_RETURN(password, ReadPassword(ctx, true));
  }
  LL_ASSIGN_OR_RETURN(app::PasswordReset reset,
                      app::ResetMemberPassword(ws, CliCaller(flags.as), flags.email, password, flags.base_url));
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(reset));
  } else if (reset.link) {
    PrintText(*ctx.out, fmt::format("Send {} this link to set a new password; it works once, until {} UTC:\n{}\n",
                                    reset.email, MinuteText(reset.expires_at), *reset.link));
  } else {
    PrintText(*ctx.out, fmt::format("Set a new password for {}\n", reset.email));
  }
  return Status::Ok();
}

void RegisterUser(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<UserFlags>();
  CLI::App* cmd =
      app.add_subcommand("user", "Members of the workspace: who may sign in to the web app, and their role");
  cmd->require_subcommand(1);
  const auto email = [&](CLI::App* sub) { sub->add_option("email", flags->email, "The member's email")->required(); };
  const auto common = [&](CLI::App* sub) {
    AddAsFlag(*sub, flags->as);
    AddJsonFlag(*sub, ctx);
  };

  CLI::App* add = AddCommand(*cmd, ctx, flags, "add", "Add a member with a role and a password", RunAdd);
  email(add);
  add->add_option("--role", flags->role,
                  "viewer (reads), editor (also changes data and plans) or owner (also members and settings)")
      ->required();
  add->add_flag("--password-stdin", flags->password_stdin,
                "Read the password from the first line of standard input (else: asked on the terminal)");
  common(add);

  CLI::App* list = AddCommand(*cmd, ctx, flags, "list", "List the members and their roles", RunList);
  AddJsonFlag(*list, ctx);

  CLI::App* remove = AddCommand(*cmd, ctx, flags, "remove", "Remove a member and their API tokens", RunRemove);
  email(remove);
  common(remove);

  CLI::App* change = AddCommand(*cmd, ctx, flags, "role", "Change a member's role", RunRole);
  email(change);
  change->add_option("role", flags->role, "viewer, editor or owner")->required();
  common(change);

  CLI::App* reset = AddCommand(*cmd, ctx, flags, "reset",
                               "Make a one-time link (valid 24 hours) for a member to set a new password", RunReset);
  email(reset);
  reset->add_flag("--password-stdin", flags->password_stdin,
                  "Set the password read from standard input instead of making a link");
  reset->add_option("--base-url", flags->base_url, "The web app's address, for the link")->capture_default_str();
  common(reset);
}

const CommandRegistrar kRegistrar(80, RegisterUser);

}  // namespace
}  // namespace learnloop::cli
