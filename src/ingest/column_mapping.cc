#include "ingest/column_mapping.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

#include "config/toml_text.h"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"

namespace learnloop::ingest {

// Builds a ColumnMapping from a parsed TOML table, one section at a time.
class ColumnMappingParser {
 public:
  explicit ColumnMappingParser(std::string_view file) { mapping_.file_name_ = file; }

  Result<ColumnMapping> Parse(const toml::table& root) {
    LL_RETURN_IF_ERROR(CheckTopLevelKeys(root));
    LL_RETURN_IF_ERROR(ReadColumns(root, "columns", &mapping_.sources_));
    LL_RETURN_IF_ERROR(ReadColumns(root, "constants", &mapping_.constants_));
    LL_RETURN_IF_ERROR(ReadTimeFormat(root));
    LL_RETURN_IF_ERROR(ReadIgnoreExtra(root));
    LL_RETURN_IF_ERROR(CheckCoverage());
    LL_RETURN_IF_ERROR(CheckConstants(root));
    return std::move(mapping_);
  }

 private:
  static constexpr std::string_view kTopLevelKeys[] = {"time_format", "time_zone", "ignore_extra_columns", "columns",
                                                       "constants"};

  Status Error(const toml::node* node, std::string_view key, std::string_view problem,
               std::string_view expected = {}) const {
    InputLocation where{mapping_.file_name_, 0, 0, std::string(key)};
    if (node != nullptr) {
      where.line = node->source().begin.line;
      where.column = node->source().begin.column;
    }
    return InputError(where, problem, expected);
  }

  Status CheckTopLevelKeys(const toml::table& root) const {
    for (const auto& [key, node] : root) {
      if (std::find(std::begin(kTopLevelKeys), std::end(kTopLevelKeys), key.str()) == std::end(kTopLevelKeys))
        return Error(&node, key.str(), "unknown key",
                     "time_format, time_zone, ignore_extra_columns, [columns] or [constants]");
    }
    return Status::Ok();
  }

  Status ReadColumns(const toml::table& root, std::string_view section,
                     std::array<std::optional<std::string>, kEventColumnCount>* out) const {
    const toml::node* node = root.get(section);
    if (node == nullptr) return Status::Ok();
    const toml::table* table = node->as_table();
    if (table == nullptr) return Error(node, section, "is not a table", fmt::format("a [{}] section", section));
    for (const auto& [key, value] : *table) {
      std::string name = fmt::format("{}.{}", section, key.str());
      auto column = FindColumn(key.str());
      if (!column)
        return Error(&value, name, "unknown canonical column", fmt::format("one of {}", fmt::join(kEventColumns, ",")));
      LL_ASSIGN_OR_RETURN((*out)[*column], ReadText(value, name, section == "constants" && *column == kValueIndex));
    }
    return Status::Ok();
  }

  static std::optional<size_t> FindColumn(std::string_view key) {
    for (size_t i = 0; i < kEventColumnCount; ++i)
      if (SameName(key, kEventColumns[i])) return i;
    return std::nullopt;
  }

  Result<std::string> ReadText(const toml::node& node, std::string_view name, bool number_ok) const {
    if (auto text = node.value<std::string>(); text && node.is_string()) {
      if (text->empty() && !number_ok) return Error(&node, name, "is empty", "a column name or text");
      return *text;
    }
    if (number_ok && (node.is_integer() || node.is_floating_point())) return FormatValue(*node.value<double>());
    return Error(&node, name, "is not a string", number_ok ? "a number or a string" : "a quoted string");
  }

  Status ReadTimeFormat(const toml::table& root) {
    const toml::node* format = root.get("time_format");
    const toml::node* zone = root.get("time_zone");
    if (zone != nullptr && format == nullptr)
      return Error(zone, "time_zone", "is set without time_format",
                   "time_format too (RFC 3339 timestamps carry their own offset)");
    if (format == nullptr) return Status::Ok();
    if (!format->is_string())
      return Error(format, "time_format", "is not a string", "a format like \"%Y-%m-%d %H:%M\"");
    if (zone != nullptr && !zone->is_string()) return Error(zone, "time_zone", "is not a string", "a name like UTC");
    std::string zone_name = zone != nullptr ? *zone->value<std::string>() : "UTC";
    Result<TimeFormat> parsed = TimeFormat::Make(*format->value<std::string>(), zone_name);
    if (!parsed.ok()) return Error(format, "time_format", parsed.status().message());
    mapping_.time_format_ = std::move(*parsed);
    return Status::Ok();
  }

  Status ReadIgnoreExtra(const toml::table& root) {
    const toml::node* node = root.get("ignore_extra_columns");
    if (node == nullptr) return Status::Ok();
    if (!node->is_boolean()) return Error(node, "ignore_extra_columns", "is not a boolean", "true or false");
    mapping_.ignore_extra_columns_ = *node->value<bool>();
    return Status::Ok();
  }

  Status CheckCoverage() const {
    for (size_t i = 0; i < kEventColumnCount; ++i) {
      if (mapping_.sources_[i] && mapping_.constants_[i])
        return Error(nullptr, kEventColumns[i], "is both in [columns] and in [constants]", "one of the two");
      if (IsRequiredColumn(static_cast<EventColumn>(i)) && !mapping_.sources_[i] && !mapping_.constants_[i])
        return Error(nullptr, kEventColumns[i], "required column is neither in [columns] nor in [constants]",
                     fmt::format("[columns] {0} = \"<your column>\" or [constants] {0} = \"...\"", kEventColumns[i]));
    }
    return Status::Ok();
  }

  // Runs the constants through the same checks as file fields, with
  // harmless stand-ins for the columns that come from the file.
  Status CheckConstants(const toml::table& root) const {
    constexpr std::string_view kStandIns[] = {"1970-01-01T00:00:00Z", "x", "x", "x", "", "", ""};
    RawEvent raw;
    for (size_t i = 0; i < kEventColumnCount; ++i)
      raw.text[i] = mapping_.constants_[i] ? std::string_view(*mapping_.constants_[i]) : kStandIns[i];
    FieldChecker checker(mapping_.constants_[0] ? mapping_.time_format() : nullptr);
    EventView event;
    bool custom_kind = false;
    std::optional<FieldProblem> problem = checker.Check(raw, &event, &custom_kind);
    if (!problem) return Status::Ok();
    std::string name = fmt::format("constants.{}", kEventColumns[static_cast<int>(problem->column)]);
    return Error(root.at_path(name).node(), name, problem->problem, problem->expected);
  }

  static constexpr size_t kValueIndex = static_cast<size_t>(EventColumn::kValue);
  ColumnMapping mapping_;
};

Result<ColumnMapping> ParseColumnMapping(std::string_view toml_text, std::string_view file_name) {
  LL_ASSIGN_OR_RETURN(toml::table root, config::ParseToml(toml_text, file_name));
  return ColumnMappingParser(file_name).Parse(root);
}

Result<ColumnMapping> LoadColumnMapping(const std::filesystem::path& path) {
  LL_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseColumnMapping(text, path.string());
}

}  // namespace learnloop::ingest
