#include "learnloop/app/members.h"

namespace learnloop::json {
namespace {

template <typename T>
Json ListJson(const std::vector<T>& items) {
  Json list = Json::array();
  for (const T& item : items) list.push_back(ToJson(item));
  return list;
}

}  // namespace

Json ToJson(const Member& m) {
  return {{"id", m.id},
          {"email", m.email},
          {"role", RoleName(m.role)},
          {"added_at", FormatRfc3339(m.added_at)},
          {"added_by", m.added_by},
          {"password_set_at", FormatRfc3339(m.password_set_at)}};
}

Json ToJson(const app::MemberList& list) { return {{"members", ListJson(list.members)}}; }

Json ToJson(const app::PasswordReset& reset) {
  if (!reset.link) return {{"email", reset.email}, {"password_set", true}};
  return {{"email", reset.email},
          {"password_set", false},
          {"link", *reset.link},
          {"expires_at", FormatRfc3339(reset.expires_at)}};
}

Json ToJson(const ApiToken& t) {
  return {{"id", t.id},
          {"email", t.email},
          {"name", t.name},
          {"created_at", FormatRfc3339(t.created_at)},
          {"created_by", t.created_by}};
}

Json ToJson(const app::CreatedToken& created) {
  Json doc = ToJson(created.token);
  doc["secret"] = created.secret;
  return doc;
}

Json ToJson(const app::TokenList& list) { return {{"tokens", ListJson(list.tokens)}}; }

Json ToJson(const AuditEntry& e) {
  return {{"id", e.id},         {"at", FormatRfc3339(e.at)}, {"actor", e.actor},  {"source", e.source},
          {"action", e.action}, {"object", e.object},        {"detail", e.detail}};
}

Json ToJson(const app::AuditLog& log) { return {{"entries", ListJson(log.entries)}}; }

}  // namespace learnloop::json
