#include "ingest/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "ingest/column_mapping.h"
#include "ingest/csv_scanner.h"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"

namespace learnloop::ingest {
namespace {

constexpr std::string_view kExpectedColumns =
    "the columns ts,channel,person,kind (required) and content,value,tags (optional); for another CSV layout, a "
    "column mapping (--map mapping.toml)";

std::optional<size_t> FindCanonical(std::string_view name) {
  for (size_t i = 0; i < kEventColumnCount; ++i)
    if (SameName(name, kEventColumns[i])) return i;
  return std::nullopt;
}

class CsvReader : public EventReader {
 public:
  CsvReader(std::unique_ptr<ChunkedInput> input, size_t start, const ColumnMapping* mapping)
      : input_(std::move(input)),
        scanner_(*input_, start),
        mapping_(mapping),
        checker_(mapping ? mapping->time_format() : nullptr) {}

  Status ReadHeader();
  Result<bool> Next(EventView* out) override;
  const ReadCounts& counts() const override { return counts_; }

 private:
  Status BindCanonical();
  Status BindMapped();
  Status HeaderError(size_t field, std::string_view problem, std::string_view expected) const {
    return InputError(scanner_.FieldLocation(field), problem, expected);
  }
  Status UnknownColumn(size_t field) const {
    return HeaderError(field, fmt::format("unknown column '{}'", TrimAscii(header_[field])), kExpectedColumns);
  }

  std::unique_ptr<ChunkedInput> input_;
  CsvScanner scanner_;
  const ColumnMapping* mapping_;
  FieldChecker checker_;
  std::vector<std::string> header_;
  // Per canonical column: the field index it comes from, or -1 when it is
  // a constant or absent (then constants_ holds its text, maybe empty).
  std::array<int, kEventColumnCount> index_{-1, -1, -1, -1, -1, -1, -1};
  std::array<std::string_view, kEventColumnCount> constants_{};
  ReadCounts counts_;
};

Status CsvReader::ReadHeader() {
  Result<bool> found = scanner_.Next();
  if (!found.ok())
    return NotAnEventFile(scanner_.file(), fmt::format("(its first line is not CSV: {})", found.status().message()));
  if (!*found) return InvalidArgument(fmt::format("{}: file is empty (only blank lines)", scanner_.file()));
  header_.assign(scanner_.fields().begin(), scanner_.fields().end());
  return mapping_ ? BindMapped() : BindCanonical();
}

Status CsvReader::BindCanonical() {
  std::optional<size_t> first_unknown;
  for (size_t i = 0; i < header_.size(); ++i) {
    std::optional<size_t> column = FindCanonical(header_[i]);
    if (!column) {
      if (!first_unknown) first_unknown = i;
    } else if (index_[*column] >= 0) {
      return HeaderError(i, fmt::format("column '{}' appears twice", kEventColumns[*column]), "each column once");
    } else {
      index_[*column] = static_cast<int>(i);
    }
  }
  bool none_known = std::all_of(index_.begin(), index_.end(), [](int i) { return i < 0; });
  if (none_known) return NotAnEventFile(scanner_.file());
  if (first_unknown) return UnknownColumn(*first_unknown);
  for (size_t c = 0; c < kEventColumnCount; ++c) {
    if (IsRequiredColumn(static_cast<EventColumn>(c)) && index_[c] < 0)
      return InputError({scanner_.file(), 1, 0, ""}, fmt::format("missing required column '{}'", kEventColumns[c]),
                        kExpectedColumns);
  }
  return Status::Ok();
}

Status CsvReader::BindMapped() {
  std::vector<bool> used(header_.size(), false);
  for (size_t c = 0; c < kEventColumnCount; ++c) {
    const std::optional<std::string>& source = mapping_->source(static_cast<EventColumn>(c));
    if (!source) {
      if (const auto& constant = mapping_->constant(static_cast<EventColumn>(c))) constants_[c] = *constant;
      continue;
    }
    for (size_t i = 0; i < header_.size(); ++i) {
      if (!SameName(header_[i], *source)) continue;
      if (index_[c] >= 0) return HeaderError(i, fmt::format("column '{}' appears twice", *source), "each column once");
      index_[c] = static_cast<int>(i);
      used[i] = true;
    }
    if (index_[c] < 0)
      return InputError(
          {scanner_.file(), 1, 0, ""},
          fmt::format("no column '{}' (mapped to {} by {})", *source, kEventColumns[c], mapping_->file_name()),
          fmt::format("a header naming '{}'; the header has {}", *source, fmt::join(header_, ",")));
  }
  if (mapping_->ignore_extra_columns()) return Status::Ok();
  for (size_t i = 0; i < header_.size(); ++i)
    if (!used[i])
      return HeaderError(
          i, fmt::format("unknown column '{}'", TrimAscii(header_[i])),
          fmt::format("only the columns named in {} (or ignore_extra_columns = true)", mapping_->file_name()));
  return Status::Ok();
}

Result<bool> CsvReader::Next(EventView* out) {
  LL_ASSIGN_OR_RETURN(bool more, scanner_.Next());
  if (!more) return false;
  const std::vector<std::string_view>& fields = scanner_.fields();
  if (fields.size() != header_.size())
    return InputError(scanner_.RecordLocation(), fmt::format("row has {} fields", fields.size()),
                      fmt::format("{} fields like the header (quote fields that hold commas)", header_.size()));
  RawEvent raw;
  for (size_t c = 0; c < kEventColumnCount; ++c) raw.text[c] = index_[c] >= 0 ? fields[index_[c]] : constants_[c];
  bool custom_kind = false;
  if (std::optional<FieldProblem> problem = checker_.Check(raw, out, &custom_kind)) {
    int index = index_[static_cast<int>(problem->column)];
    std::string_view field = index >= 0 ? TrimAscii(header_[index]) : kEventColumns[static_cast<int>(problem->column)];
    InputLocation where = index >= 0 ? scanner_.FieldLocation(index, field) : scanner_.RecordLocation(field);
    return InputError(where, problem->problem, problem->expected);
  }
  ++counts_.rows;
  counts_.custom_kinds += custom_kind;
  return true;
}

}  // namespace

Result<std::unique_ptr<EventReader>> OpenCsvReader(std::unique_ptr<ChunkedInput> input, size_t start,
                                                   const ColumnMapping* mapping) {
  auto reader = std::make_unique<CsvReader>(std::move(input), start, mapping);
  LL_RETURN_IF_ERROR(reader->ReadHeader());
  return std::unique_ptr<EventReader>(std::move(reader));
}

}  // namespace learnloop::ingest
