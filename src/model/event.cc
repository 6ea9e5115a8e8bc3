#include "learnloop/event.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace learnloop {
namespace {

using enum KindRole;
constexpr std::array<BuiltinKind, 19> kBuiltinKinds = {{
    {"follow", kFollow},      {"unfollow", kUnfollow},    {"subscribe", kFollow},     {"unsubscribe", kUnfollow},
    {"view", kView},          {"like", kEngagement},      {"share", kEngagement},     {"comment", kConversation},
    {"reply", kConversation}, {"mention", kConversation}, {"message", kConversation}, {"click", kEngagement},
    {"open", kEngagement},    {"org_reply", kOrgReply},   {"donation", kAction},      {"volunteer", kAction},
    {"petition", kAction},    {"event_attend", kAction},  {"host", kAction},
}};

constexpr std::array<std::string_view, kBuiltinKinds.size()> kBuiltinKindNames = [] {
  std::array<std::string_view, kBuiltinKinds.size()> names;
  for (size_t i = 0; i < names.size(); ++i) names[i] = kBuiltinKinds[i].name;
  return names;
}();

}  // namespace

bool IsRequiredColumn(EventColumn column) {
  return column == EventColumn::kTs || column == EventColumn::kChannel || column == EventColumn::kPerson ||
         column == EventColumn::kKind;
}

std::span<const BuiltinKind> BuiltinKindList() { return kBuiltinKinds; }

std::span<const std::string_view> BuiltinKinds() { return kBuiltinKindNames; }

std::vector<std::string_view> BuiltinKindsWith(std::initializer_list<KindRole> roles) {
  std::vector<std::string_view> names;
  for (const BuiltinKind& kind : kBuiltinKinds) {
    if (std::find(roles.begin(), roles.end(), kind.role) != roles.end()) names.push_back(kind.name);
  }
  return names;
}

bool IsBuiltinKind(std::string_view kind) {
  auto kinds = BuiltinKinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

Result<EventFormat> ParseEventFormat(std::string_view name) {
  if (name == "csv") return EventFormat::kCsv;
  if (name == "jsonl") return EventFormat::kJsonl;
  return InvalidArgument(fmt::format("unknown format '{}'; expected csv or jsonl", name));
}

std::string NameProblem(std::string_view name, std::string_view what) {
  if (name.empty()) return fmt::format("{} is empty", what);
  if (name.size() > 64) return fmt::format("{} is longer than 64 bytes", what);
  if (name[0] < 'a' || name[0] > 'z') return fmt::format("{} must start with a lower-case letter", what);
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return fmt::format("{} may hold only lower-case letters, digits, '_' and '-'", what);
  }
  return {};
}

std::string KindProblem(std::string_view kind) { return NameProblem(kind, "kind"); }

std::string FormatValue(double value) {
  std::array<char, 32> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return std::string(buf.data(), ec == std::errc() ? end : buf.data());
}

std::optional<double> ParseValue(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace learnloop
