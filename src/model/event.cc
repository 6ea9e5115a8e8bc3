#include "learnloop/event.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace learnloop {
namespace {

constexpr std::array<std::string_view, 19> kBuiltinKinds = {
    "follow",   "unfollow",  "subscribe", "unsubscribe",  "view",  "like", "share",
    "comment",  "reply",     "mention",   "message",      "click", "open", "org_reply",
    "donation", "volunteer", "petition",  "event_attend", "host"};

}  // namespace

bool IsRequiredColumn(EventColumn column) {
  return column == EventColumn::kTs || column == EventColumn::kChannel || column == EventColumn::kPerson ||
         column == EventColumn::kKind;
}

std::span<const std::string_view> BuiltinKinds() { return kBuiltinKinds; }

bool IsBuiltinKind(std::string_view kind) {
  auto kinds = BuiltinKinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string_view KindProblem(std::string_view kind) {
  if (kind.empty()) return "kind is empty";
  if (kind.size() > 64) return "kind is longer than 64 bytes";
  if (kind[0] < 'a' || kind[0] > 'z') return "kind must start with a lower-case letter";
  for (char c : kind) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return "kind may hold only lower-case letters, digits, '_' and '-'";
  }
  return {};
}

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
