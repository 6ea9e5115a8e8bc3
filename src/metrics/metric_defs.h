// Metric declarations as data, read from a workspace's metrics.toml: each
// [[metric]] table names one daily series and how to compute it. Parsing
// checks everything a typo could break: unknown keys, wrong types, unknown
// rungs, ratios over unknown metrics and cycles of ratios.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/people.h"
#include "learnloop/status.h"

namespace learnloop::metrics {

enum class MetricType { kCount, kPeople, kSum, kObservation, kRatio, kRungEntries, kConversion };

// "count", "people", ... as written in metrics.toml.
std::string_view MetricTypeName(MetricType type);

// Whether a type counts people's events or moves, so person filters apply.
bool CountsPeople(MetricType type);

inline constexpr int32_t kMaxConversionWindow = 3650;

// Passes a person whose `attribute` holds one of `values`.
using PersonFilter = AttributeFilter;

// Stored person attributes, each with the values checks need.
using AttributeValues = std::map<std::string, std::set<std::string>, std::less<>>;

struct MetricDef {
  std::string name;
  std::string description;
  std::string unit;
  MetricType type = MetricType::kCount;
  // Event filters (count, people, sum): an empty list lets every value
  // pass; `tags` pass an event carrying any of them. Observations use
  // `channels` only.
  std::vector<std::string> kinds;
  std::vector<std::string> channels;
  std::vector<std::string> tags;
  // Person filters (count, people, sum, rung_entries, conversion): a person
  // passes when every filter passes.
  std::vector<PersonFilter> person;
  std::string observation;  // observation: the observed metric's name
  std::string numerator;    // ratio: metric names
  std::string denominator;
  std::string rung;         // rung_entries
  bool enter = true;        // rung_entries: entering, else leaving
  std::string from_rung;    // conversion: exactly on this rung ...
  std::string to_rung;      // ... then on this rung or higher
  int32_t window_days = 0;  // ... this many days later
  bool operator==(const MetricDef&) const = default;
};

// The metrics.toml that `learnloop init` writes, with comments explaining
// every type; also what a workspace without metrics.toml uses.
std::string_view DefaultMetricsToml();

struct ParseOptions {
  std::string_view file_name = "metrics.toml";
  // The ladder's rungs, highest first; rung names must be among them.
  std::vector<std::string> rung_names;
  // Drops rung metrics naming a rung the ladder lacks instead of failing:
  // for the built-in defaults under a renamed ladder.
  bool drop_unknown_rungs = false;
  // The stored person attributes and their values; a person filter must
  // name one of them and only values it holds, so a typo cannot turn a
  // metric into a silent zero. Unset: person filters are not checked (to
  // learn which attributes a file needs before reading them).
  std::optional<AttributeValues> attribute_values;
};

// Why a person filter matches nobody, in the words errors use: no such
// attribute is stored (naming those that are), or no person has the value.
std::string UnknownAttributeProblem(std::string_view attribute, const AttributeValues& stored);
std::string UnknownValueProblem(std::string_view attribute, std::string_view value,
                                const std::set<std::string>& values);

// Errors name the file, line, metric index and name, and key
// ("metrics.toml:12: metric[2] 'donations'.kinds: expected a list of
// strings").
Result<std::vector<MetricDef>> ParseMetricsToml(std::string_view text, const ParseOptions& options);

// A workspace's metrics: `text` is its metrics.toml, or nullopt when it has
// none (a workspace older than metrics), which gives the built-in defaults
// minus rung metrics its (maybe renamed) ladder cannot answer.
Result<std::vector<MetricDef>> ParseWorkspaceMetrics(const std::optional<std::string>& text, ParseOptions options);

}  // namespace learnloop::metrics
