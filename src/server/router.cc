#include "server/router.h"

#include <cstdint>

namespace learnloop::server {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool MatchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  std::vector<std::string_view> want = Segments(pattern);
  std::vector<std::string_view> got = Segments(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    std::string_view w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (got[i].empty()) return false;
      found.emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
    } else if (w != got[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

std::string RouteInput::Query(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

std::vector<std::string> RouteInput::QueryAll(const std::string& name) const {
  std::vector<std::string> values;
  auto [begin, end] = query.equal_range(name);
  for (auto it = begin; it != end; ++it) values.push_back(it->second);
  return values;
}

Result<int> RouteInput::QueryLimit(const std::string& name, int fallback) const {
  auto it = query.find(name);
  if (it == query.end()) return fallback;
  const std::string& text = it->second;
  const bool digits = !text.empty() && text.size() <= 4 && text.find_first_not_of("0123456789") == std::string::npos;
  const int value = digits ? std::stoi(text) : 0;
  if (value < 1 || value > 1000) return InvalidArgument(name + ": expected a whole number from 1 to 1000");
  return value;
}

Status RouteInput::BadField(const std::string& field, std::string_view expected) const {
  bad_field = field;
  return InvalidArgument(field + ": expected " + std::string(expected));
}

Status RouteInput::Text(const std::string& field, std::string* out) const {
  std::optional<std::string> text;
  LL_RETURN_IF_ERROR(Text(field, &text));
  if (text) *out = std::move(*text);
  return Status::Ok();
}

Status RouteInput::Text(const std::string& field, std::optional<std::string>* out) const {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return BadField(field, "a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

Status RouteInput::Number(const std::string& field, std::optional<double>* out) const {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_number()) return BadField(field, "a number");
  *out = it->get<double>();
  return Status::Ok();
}

Status RouteInput::Integer(const std::string& field, std::optional<int64_t>* out) const {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_number_integer()) return BadField(field, "a whole number");
  *out = it->get<int64_t>();
  return Status::Ok();
}

Status RouteInput::Integer(const std::string& field, std::optional<int32_t>* out) const {
  std::optional<int64_t> wide;
  LL_RETURN_IF_ERROR(Integer(field, &wide));
  if (!wide) return Status::Ok();
  if (*wide < INT32_MIN || *wide > INT32_MAX) return BadField(field, "a whole number of days");
  *out = static_cast<int32_t>(*wide);
  return Status::Ok();
}

Status RouteInput::Strings(const std::string& field, std::vector<std::string>* out) const {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return BadField(field, "a list of strings");
  std::vector<std::string> values;
  for (const json::Json& item : *it) {
    if (!item.is_string()) return BadField(field, "a list of strings");
    values.push_back(item.get<std::string>());
  }
  *out = std::move(values);
  return Status::Ok();
}

Result<int64_t> RouteInput::Id(const std::string& name) const {
  auto it = path_params.find(name);
  if (it == path_params.end() || it->second.empty() || it->second.size() > 18 ||
      it->second.find_first_not_of("0123456789") != std::string::npos || it->second[0] == '0')
    return NotFound("no such " + name);
  return std::stoll(it->second);
}

RouteMatch MatchRoute(const std::vector<Route>& routes, std::string_view method, std::string_view path) {
  RouteMatch match;
  for (const Route& route : routes) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(route.pattern, path, params)) continue;
    if (route.method != method) {
      match.method_not_allowed = true;
      continue;
    }
    match.route = &route;
    match.method_not_allowed = false;
    match.path_params = std::move(params);
    return match;
  }
  return match;
}

}  // namespace learnloop::server
