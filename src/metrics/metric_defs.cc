#include "metrics/metric_defs.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "config/toml_text.h"
#include "learnloop/event.h"
#include "metrics/ratio_inputs.h"

namespace learnloop::metrics {
namespace {

constexpr std::array<std::string_view, 7> kTypeNames = {"count", "people",       "sum",       "observation",
                                                        "ratio", "rung_entries", "conversion"};
constexpr std::array<std::string_view, 4> kCommonKeys = {"name", "description", "unit", "type"};

// The keys each type takes besides the common ones.
std::vector<std::string_view> TypeKeys(MetricType type) {
  switch (type) {
    case MetricType::kCount:
    case MetricType::kPeople:
    case MetricType::kSum:
      return {"kinds", "channels", "tags", "person"};
    case MetricType::kObservation:
      return {"observation", "channels"};
    case MetricType::kRatio:
      return {"numerator", "denominator"};
    case MetricType::kRungEntries:
      return {"rung", "direction", "person"};
    case MetricType::kConversion:
      return {"from", "to", "window_days", "person"};
  }
  return {};
}

bool UsesRungs(MetricType type) { return type == MetricType::kRungEntries || type == MetricType::kConversion; }

// Walks the parsed TOML; errors name the file, the line and the metric as
// "metric[2] 'donations'.kinds".
class MetricsParser {
 public:
  explicit MetricsParser(const ParseOptions& options) : options_(options) {}

  Result<std::vector<MetricDef>> Parse(const toml::table& root) {
    for (auto&& [key, node] : root) {
      if (key.str() != "metric") return Error(node, key.str(), "unknown key; expected [[metric]] tables only");
    }
    const toml::node* metrics = root.get("metric");
    const toml::array* list = metrics ? metrics->as_array() : nullptr;
    if (metrics != nullptr && (list == nullptr || !list->is_array_of_tables())) {
      return Error(*metrics, "metric", "expected [[metric]] tables");
    }
    std::vector<MetricDef> defs;
    for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
      path_ = fmt::format("metric[{}]", i + 1);
      LL_ASSIGN_OR_RETURN(std::optional<MetricDef> def, ParseMetric(*(*list)[i].as_table()));
      if (!def) continue;
      if (!lines_.emplace(def->name, (*list)[i].source().begin.line).second) {
        return Error((*list)[i], "name", fmt::format("metric name '{}' is used twice", def->name));
      }
      defs.push_back(std::move(*def));
    }
    LL_RETURN_IF_ERROR(CheckRatios(defs));
    return defs;
  }

 private:
  Status Error(const toml::node& at, std::string_view key, std::string_view problem) const {
    return ErrorAtLine(at.source().begin.line, key, problem);
  }

  Status ErrorAtLine(uint32_t line, std::string_view key, std::string_view problem) const {
    std::string where = line > 0 ? fmt::format("{}:{}", options_.file_name, line) : std::string(options_.file_name);
    std::string path = path_.empty() ? std::string(key) : key.empty() ? path_ : fmt::format("{}.{}", path_, key);
    return InvalidArgument(fmt::format("{}: {}: {}", where, path, problem));
  }

  Result<std::string> String(const toml::table& table, std::string_view key, bool required) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) return Error(table, key, "missing; this key is required");
      return std::string();
    }
    const auto* text = node->as_string();
    if (text == nullptr) return Error(*node, key, "expected text in quotes");
    return text->get();
  }

  Result<std::string> Name(const toml::table& table, std::string_view key) const {
    LL_ASSIGN_OR_RETURN(std::string name, String(table, key, true));
    const std::string problem = NameProblem(name, "metric name");
    if (!problem.empty()) return Error(*table.get(key), key, fmt::format("'{}': {}", name, problem));
    return name;
  }

  Result<std::vector<std::string>> List(const toml::table& table, std::string_view key) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::vector<std::string>();
    const toml::array* list = node->as_array();
    if (list == nullptr || list->empty()) return Error(*node, key, "expected a non-empty list like [\"a\", \"b\"]");
    std::vector<std::string> items;
    for (const toml::node& item : *list) {
      const auto* text = item.as_string();
      if (text == nullptr || text->get().empty()) return Error(item, key, "expected non-empty text in quotes");
      items.push_back(text->get());
    }
    return items;
  }

  // person = { city = ["Berlin", "Hamburg"], membership = ["member"] }
  Result<std::vector<PersonFilter>> PersonFilters(const toml::table& table) const {
    const toml::node* node = table.get("person");
    if (node == nullptr) return std::vector<PersonFilter>();
    const toml::table* filters = node->as_table();
    if (filters == nullptr || filters->empty())
      return Error(*node, "person", "expected attributes and their values, like person = { city = [\"Berlin\"] }");
    std::vector<PersonFilter> out;
    for (auto&& [key, values] : *filters) {
      PersonFilter filter{std::string(key.str()), {}};
      const std::string path = fmt::format("person.{}", filter.attribute);
      const std::set<std::string>* known = KnownValues(filter.attribute);
      if (options_.attribute_values && known == nullptr)
        return Error(values, path, UnknownAttributeProblem(filter.attribute, *options_.attribute_values));
      const toml::array* list = values.as_array();
      if (list == nullptr || list->empty())
        return Error(values, path, "expected a non-empty list of values like [\"a\", \"b\"]");
      for (const toml::node& item : *list) {
        const auto* text = item.as_string();
        if (text == nullptr || text->get().empty()) return Error(item, path, "expected non-empty text in quotes");
        if (known != nullptr && !known->contains(text->get()))
          return Error(item, path, UnknownValueProblem(filter.attribute, text->get(), *known));
        filter.values.push_back(text->get());
      }
      out.push_back(std::move(filter));
    }
    return out;
  }

  // The stored values of `attribute`; null when it is not stored or the
  // options carry no attributes to check against.
  const std::set<std::string>* KnownValues(const std::string& attribute) const {
    if (!options_.attribute_values) return nullptr;
    auto found = options_.attribute_values->find(attribute);
    return found == options_.attribute_values->end() ? nullptr : &found->second;
  }

  Result<MetricType> Type(const toml::table& table) const {
    LL_ASSIGN_OR_RETURN(std::string type, String(table, "type", true));
    auto found = std::find(kTypeNames.begin(), kTypeNames.end(), type);
    if (found == kTypeNames.end()) {
      return Error(*table.get("type"), "type",
                   fmt::format("unknown type '{}'; expected one of: {}", type, fmt::join(kTypeNames, ", ")));
    }
    return static_cast<MetricType>(found - kTypeNames.begin());
  }

  Status CheckKeys(const toml::table& table, MetricType type) const {
    std::vector<std::string_view> allowed(kCommonKeys.begin(), kCommonKeys.end());
    std::vector<std::string_view> extra = TypeKeys(type);
    allowed.insert(allowed.end(), extra.begin(), extra.end());
    for (auto&& [key, node] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      return ErrorAtLine(key.source().begin.line, key.str(),
                         fmt::format("unknown key for type '{}'; expected one of: {}", MetricTypeName(type),
                                     fmt::join(allowed, ", ")));
    }
    return Status::Ok();
  }

  Result<std::optional<MetricDef>> ParseMetric(const toml::table& table) {
    MetricDef def;
    LL_ASSIGN_OR_RETURN(def.name, Name(table, "name"));
    path_ += fmt::format(" '{}'", def.name);
    LL_ASSIGN_OR_RETURN(def.type, Type(table));
    LL_RETURN_IF_ERROR(CheckKeys(table, def.type));
    LL_ASSIGN_OR_RETURN(def.description, String(table, "description", false));
    LL_ASSIGN_OR_RETURN(def.unit, String(table, "unit", false));
    LL_ASSIGN_OR_RETURN(def.kinds, List(table, "kinds"));
    LL_ASSIGN_OR_RETURN(def.channels, List(table, "channels"));
    LL_ASSIGN_OR_RETURN(def.tags, List(table, "tags"));
    LL_ASSIGN_OR_RETURN(def.person, PersonFilters(table));
    LL_RETURN_IF_ERROR(ParseTypeKeys(table, def));
    bool known =
        def.type == MetricType::kRungEntries ? KnownRung(def.rung) : KnownRung(def.from_rung) && KnownRung(def.to_rung);
    if (UsesRungs(def.type) && !known) return std::optional<MetricDef>();
    return std::optional<MetricDef>(std::move(def));
  }

  Status ParseTypeKeys(const toml::table& table, MetricDef& def) const {
    switch (def.type) {
      case MetricType::kObservation: {
        LL_ASSIGN_OR_RETURN(def.observation, Name(table, "observation"));
        return Status::Ok();
      }
      case MetricType::kRatio: {
        LL_ASSIGN_OR_RETURN(def.numerator, Name(table, "numerator"));
        LL_ASSIGN_OR_RETURN(def.denominator, Name(table, "denominator"));
        return Status::Ok();
      }
      case MetricType::kRungEntries:
        return ParseRungEntries(table, def);
      case MetricType::kConversion:
        return ParseConversion(table, def);
      default:
        return Status::Ok();
    }
  }

  bool KnownRung(const std::string& name) const {
    return std::find(options_.rung_names.begin(), options_.rung_names.end(), name) != options_.rung_names.end();
  }

  // The rung's index, highest first; with drop_unknown_rungs, an unknown
  // rung is rung_names.size().
  Result<size_t> Rung(const toml::table& table, std::string_view key, std::string& name) const {
    LL_ASSIGN_OR_RETURN(name, String(table, key, true));
    auto found = std::find(options_.rung_names.begin(), options_.rung_names.end(), name);
    if (found != options_.rung_names.end()) return static_cast<size_t>(found - options_.rung_names.begin());
    if (options_.drop_unknown_rungs) return options_.rung_names.size();
    return Error(*table.get(key), key,
                 fmt::format("'{}' is not a rung of the ladder; expected one of: {}", name,
                             fmt::join(options_.rung_names, ", ")));
  }

  Status ParseRungEntries(const toml::table& table, MetricDef& def) const {
    LL_RETURN_IF_ERROR(Rung(table, "rung", def.rung).status());
    LL_ASSIGN_OR_RETURN(std::string direction, String(table, "direction", false));
    if (!direction.empty() && direction != "enter" && direction != "leave") {
      return Error(*table.get("direction"), "direction",
                   fmt::format("expected \"enter\" or \"leave\", got '{}'", direction));
    }
    def.enter = direction != "leave";
    return Status::Ok();
  }

  Status ParseConversion(const toml::table& table, MetricDef& def) const {
    LL_ASSIGN_OR_RETURN(size_t from, Rung(table, "from", def.from_rung));
    LL_ASSIGN_OR_RETURN(size_t to, Rung(table, "to", def.to_rung));
    if (to >= from && to < options_.rung_names.size()) {
      return Error(
          *table.get("to"), "to",
          fmt::format("rung '{}' is not above '{}'; a conversion climbs to a higher rung", def.to_rung, def.from_rung));
    }
    const toml::node* window = table.get("window_days");
    if (window == nullptr) return Error(table, "window_days", "missing; this key is required");
    const auto* days = window->as_integer();
    if (days == nullptr || days->get() < 1 || days->get() > kMaxConversionWindow) {
      return Error(*window, "window_days",
                   fmt::format("expected a whole number of days from 1 to {}", kMaxConversionWindow));
    }
    def.window_days = static_cast<int32_t>(days->get());
    return Status::Ok();
  }

  // Ratios name existing metrics and never reach themselves; one walk over
  // all of them reaches each metric once, however the ratios share inputs.
  Status CheckRatios(const std::vector<MetricDef>& defs) {
    const MetricIndex index = IndexByName(defs);
    RatioInputs inputs(index);
    std::vector<const MetricDef*> order;
    for (const MetricDef& def : defs) {
      if (def.type != MetricType::kRatio) continue;
      path_ = fmt::format("metric '{}'", def.name);
      for (const auto& [key, target] : {std::pair{"numerator", &def.numerator}, {"denominator", &def.denominator}}) {
        if (!index.contains(*target)) {
          return ErrorAtLine(lines_[def.name], key,
                             fmt::format("no metric is named '{}'; declare it before using it in a ratio", *target));
        }
      }
      std::vector<std::string> cycle = inputs.Visit(def, order);
      if (!cycle.empty()) {
        path_ = fmt::format("metric '{}'", cycle.front());
        return ErrorAtLine(lines_[cycle.front()], "", fmt::format("ratios form a cycle: {}", fmt::join(cycle, " -> ")));
      }
    }
    return Status::Ok();
  }

  const ParseOptions& options_;
  std::string path_;
  std::map<std::string, uint32_t> lines_;
};

}  // namespace

std::string_view MetricTypeName(MetricType type) { return kTypeNames[static_cast<size_t>(type)]; }

Result<std::vector<MetricDef>> ParseWorkspaceMetrics(const std::optional<std::string>& text, ParseOptions options) {
  if (text) return ParseMetricsToml(*text, options);
  options.file_name = "built-in default metrics";
  options.drop_unknown_rungs = true;
  return ParseMetricsToml(DefaultMetricsToml(), options);
}

bool CountsPeople(MetricType type) { return type != MetricType::kObservation && type != MetricType::kRatio; }

std::string UnknownAttributeProblem(std::string_view attribute, const AttributeValues& stored) {
  if (stored.empty()) {
    return fmt::format(
        "no person attributes are stored yet, so '{}' matches nobody; import them with `learnloop people import "
        "FILE` (see docs/people.md)",
        attribute);
  }
  std::vector<std::string_view> names;
  for (const auto& [name, values] : stored) names.push_back(name);
  return fmt::format("no person attribute is named '{}'; stored attributes: {}", attribute, fmt::join(names, ", "));
}

std::string UnknownValueProblem(std::string_view attribute, std::string_view value,
                                const std::set<std::string>& values) {
  constexpr size_t kShown = 8;
  std::vector<std::string_view> shown;
  for (const std::string& v : values) {
    if (shown.size() == kShown) break;
    shown.push_back(v);
  }
  std::string more = values.size() > kShown ? fmt::format(" and {} more", values.size() - kShown) : "";
  return fmt::format("no person has '{}' as {}; stored values: {}{} (values match exactly, case included)", value,
                     attribute, fmt::join(shown, ", "), more);
}

Result<std::vector<MetricDef>> ParseMetricsToml(std::string_view text, const ParseOptions& options) {
  LL_ASSIGN_OR_RETURN(toml::table root,
                      config::ParseToml(text, options.file_name, "TOML like the metrics.toml that init writes"));
  return MetricsParser(options).Parse(root);
}

}  // namespace learnloop::metrics
