#include "ingest/platform_csv.h"

#include <fmt/format.h>

#include <algorithm>

#include "ingest/input_text.h"

namespace learnloop::ingest {

PlatformCsv::PlatformCsv(ChunkedInput& input, ReadReport& report) : input_(&input), report_(report) {}

Status PlatformCsv::ReadHeader(const RoleOf& role_of, std::string_view expected) {
  LL_RETURN_IF_ERROR(RequireText(*input_, expected));
  scanner_.emplace(*input_, BomSize(input_->window()));
  LL_ASSIGN_OR_RETURN(bool found, scanner_->Next());
  if (!found) return InvalidArgument(fmt::format("{}: file is empty; expected {}", scanner_->file(), expected));
  const auto& fields = scanner_->fields();
  header_start_ = scanner_->FieldLocation(0);
  for (size_t i = 0; i < fields.size(); ++i) {
    header_.emplace_back(TrimAscii(fields[i]));
    const std::string_view role = role_of(header_.back());
    if (role.empty()) continue;
    auto earlier = std::find_if(roles_.begin(), roles_.end(), [&](const auto& known) { return known.second == role; });
    if (earlier != roles_.end())
      return InputError(
          scanner_->FieldLocation(i),
          fmt::format("'{}' holds what the earlier column '{}' holds", header_.back(), header_[earlier->first]),
          "each value in one column");
    roles_.emplace_back(i, role);
  }
  return Status::Ok();
}

std::optional<size_t> PlatformCsv::Column(std::string_view role) const {
  for (const auto& [column, known] : roles_)
    if (known == role) return column;
  return std::nullopt;
}

Result<bool> PlatformCsv::NextRow() {
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, scanner_->Next());
    if (!more) return false;
    ++report_.records;
    const size_t cells = scanner_->fields().size();
    if (cells == header_.size()) return true;
    SkipRow("a row with more or fewer fields than the header", 0,
            fmt::format("{} fields where the header has {}", cells, header_.size()), "one field per header column");
  }
}

std::string_view PlatformCsv::Cell(size_t column) const { return TrimAscii(scanner_->fields()[column]); }

InputLocation PlatformCsv::Where(size_t column) const {
  const bool in_row = column < scanner_->fields().size();
  return scanner_->FieldLocation(in_row ? column : 0, column < header_.size() ? header_[column] : std::string_view());
}

void PlatformCsv::SkipRow(std::string_view reason, size_t column, std::string_view problem, std::string_view expected) {
  report_.Skip(reason);
  report_.Warn(fmt::format("{}; the row is skipped", InputError(Where(column), problem, expected).message()));
}

void PlatformCsv::Warn(size_t column, std::string_view problem, std::string_view expected) {
  report_.Warn(InputError(Where(column), problem, expected).message());
}

bool FirstLineHas(std::string_view head, std::initializer_list<std::function<bool(std::string_view)>> accepts) {
  head = WithoutBom(head);
  std::string_view line = head.substr(0, head.find('\n'));
  std::vector<bool> found(accepts.size(), false);
  while (true) {
    const size_t comma = line.find(',');
    std::string_view field = TrimAscii(line.substr(0, comma));
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
    size_t i = 0;
    for (const auto& accept : accepts) {
      if (accept(field)) found[i] = true;
      ++i;
    }
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
  }
  return std::all_of(found.begin(), found.end(), [](bool f) { return f; });
}

}  // namespace learnloop::ingest
