#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <system_error>

#include "learnloop/stats.h"

namespace learnloop {
namespace {

constexpr std::string_view kCountForm = "COUNT:EXPOSURE like 12:1000";
constexpr std::string_view kBinomialForm = "SUCCESSES/TRIALS like 12/400";
constexpr std::string_view kMomentsForm = "SUM:SUMSQ:N like 120:1650:10";
constexpr std::string_view kPairForm = "two numbers A,B like 1,1";

Status FormError(std::string_view flag, std::string_view text, std::string_view form, std::string_view problem = {}) {
  return InvalidArgument(
      fmt::format("{} '{}': {}{}expected {}", flag, text, problem, problem.empty() ? "" : "; ", form));
}

std::string_view Trim(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

template <typename T>
bool ParseWhole(std::string_view s, T& out) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

bool ParseFinite(std::string_view s, double& out) { return ParseWhole(s, out) && std::isfinite(out); }

// Splits "x<sep>y<sep>..." into exactly `parts` pieces.
bool Split(std::string_view text, char sep, size_t parts, std::vector<std::string_view>& out) {
  out.clear();
  size_t start = 0;
  for (size_t pos; (pos = text.find(sep, start)) != std::string_view::npos; start = pos + 1)
    out.push_back(text.substr(start, pos - start));
  out.push_back(text.substr(start));
  return out.size() == parts;
}

}  // namespace

Result<CountSample> ParseCountSample(std::string_view flag, std::string_view text) {
  std::vector<std::string_view> parts;
  CountSample out;
  if (!Split(text, ':', 2, parts) || !ParseWhole(parts[0], out.count) || !ParseFinite(parts[1], out.exposure))
    return FormError(flag, text, kCountForm);
  if (out.count < 0) return FormError(flag, text, kCountForm, "the count is negative");
  if (out.exposure <= 0) return FormError(flag, text, kCountForm, "the exposure must be greater than 0");
  return out;
}

Result<BinomialSample> ParseBinomialSample(std::string_view flag, std::string_view text) {
  std::vector<std::string_view> parts;
  BinomialSample out;
  if (!Split(text, '/', 2, parts) || !ParseWhole(parts[0], out.successes) || !ParseWhole(parts[1], out.trials))
    return FormError(flag, text, kBinomialForm);
  if (out.successes < 0 || out.trials < 0) return FormError(flag, text, kBinomialForm, "a number is negative");
  if (out.successes > out.trials) return FormError(flag, text, kBinomialForm, "successes exceed trials");
  return out;
}

Result<MomentSums> ParseMomentSums(std::string_view flag, std::string_view text) {
  std::vector<std::string_view> parts;
  MomentSums out;
  if (!Split(text, ':', 3, parts) || !ParseFinite(parts[0], out.sum) || !ParseFinite(parts[1], out.sum_sq) ||
      !ParseWhole(parts[2], out.n))
    return FormError(flag, text, kMomentsForm);
  if (out.n < 2) return FormError(flag, text, kMomentsForm, "N must be at least 2");
  return out;
}

Result<std::pair<double, double>> ParseNumberPair(std::string_view flag, std::string_view text) {
  std::vector<std::string_view> parts;
  std::pair<double, double> out;
  if (!Split(text, ',', 2, parts) || !ParseFinite(parts[0], out.first) || !ParseFinite(parts[1], out.second))
    return FormError(flag, text, kPairForm);
  return out;
}

Result<std::vector<double>> ParseSeries(std::string_view text, std::string_view source) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::vector<double> out;
  if (text.empty()) return out;
  std::vector<std::string_view> lines;
  Split(text, '\n', 0, lines);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = Trim(lines[i]);
    double value;
    if (!ParseFinite(line, value)) {
      const InputLocation where{std::string(source), static_cast<int64_t>(i + 1), 0, ""};
      return InputError(where, line.empty() ? "empty line" : fmt::format("'{}' is not a number", line),
                        "one number per line");
    }
    out.push_back(value);
  }
  return out;
}

}  // namespace learnloop
