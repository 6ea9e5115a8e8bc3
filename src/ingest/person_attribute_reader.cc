#include "ingest/person_attribute_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "ingest/chunked_input.h"
#include "ingest/csv_scanner.h"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"

namespace learnloop::ingest {
namespace {

// Values are labels (a city, a membership tier), not prose; a longer one
// means a column is misaligned.
constexpr size_t kMaxValueBytes = 4096;

// What one cell must hold; `what` starts its messages.
struct CellRule {
  std::string_view what;
  size_t max_bytes;
  bool may_be_empty;
  std::string_view expected;
};
constexpr CellRule kPersonRule{"the person", kMaxNameBytes, false, "the person's handle or email, on one line"};
constexpr CellRule kNameRule{"the attribute name", kMaxNameBytes, false,
                             "an attribute name like city or membership, on one line"};
constexpr CellRule kValueRule{"the value", kMaxValueBytes, true,
                              "a value on one line, or nothing to remove the attribute"};

// Attributes are shown and matched as one-line labels, which tabs, line
// breaks and other control bytes would break.
std::optional<unsigned char> FindControlByte(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return byte;
  }
  return std::nullopt;
}

// The key under which SameName treats two trimmed names as one.
std::string FoldCase(std::string_view name) {
  std::string folded(name);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return folded;
}

std::string ExpectedHeaderFor(std::string_view person_column) {
  return fmt::format(
      "a header naming the person column '{}' and either the columns attribute,value or one column per attribute",
      person_column);
}

class AttributeParser {
 public:
  AttributeParser(ChunkedInput& input, std::string_view person_column)
      : scanner_(input, BomSize(input.window())), person_column_(person_column) {}

  Status Parse(const PersonAttributeVisitor& visit) {
    LL_RETURN_IF_ERROR(ReadHeader());
    while (true) {
      LL_ASSIGN_OR_RETURN(bool more, scanner_.Next());
      if (!more) return Status::Ok();
      LL_RETURN_IF_ERROR(ReadRow(visit));
    }
  }

 private:
  std::string ExpectedHeader() const { return ExpectedHeaderFor(person_column_); }

  Status ErrorAt(size_t field, std::string_view column, std::string_view problem, std::string_view expected) const {
    return InputError(scanner_.FieldLocation(field, column), problem, expected);
  }

  Status ReadHeader() {
    LL_ASSIGN_OR_RETURN(bool found, scanner_.Next());
    if (!found) return InputError({scanner_.file(), 1, 1, ""}, "file is empty", ExpectedHeader());
    for (std::string_view cell : scanner_.fields()) names_.emplace_back(TrimAscii(cell));
    LL_RETURN_IF_ERROR(FindPersonColumn());
    std::optional<size_t> attribute = FindOtherColumn("attribute");
    std::optional<size_t> value = FindOtherColumn("value");
    if (names_.size() == 3 && attribute && value) {
      long_form_ = true;
      attribute_field_ = *attribute;
      value_field_ = *value;
      return Status::Ok();
    }
    return CheckAttributeColumns();
  }

  Status FindPersonColumn() {
    std::optional<size_t> person;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (!SameName(names_[i], person_column_)) continue;
      if (person)
        return ErrorAt(i, "", fmt::format("the person column '{}' appears twice", names_[i]), "each column once");
      person = i;
    }
    if (!person)
      return ErrorAt(0, "",
                     fmt::format("the header has no person column '{}' (name another one with --person-column, "
                                 "e.g. --person-column email)",
                                 person_column_),
                     ExpectedHeader());
    person_field_ = *person;
    return Status::Ok();
  }

  std::optional<size_t> FindOtherColumn(std::string_view name) const {
    for (size_t i = 0; i < names_.size(); ++i)
      if (i != person_field_ && SameName(names_[i], name)) return i;
    return std::nullopt;
  }

  // The header of a wide file: every column but the person's names one
  // attribute.
  Status CheckAttributeColumns() const {
    if (names_.size() == 1)
      return ErrorAt(0, "", fmt::format("the header names only the person column '{}'", names_[0]), ExpectedHeader());
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (i == person_field_) continue;
      if (names_[i].empty())
        return ErrorAt(i, "", "an attribute column has an empty header cell", "an attribute name above every column");
      LL_RETURN_IF_ERROR(Cell(i, "", kNameRule));
      auto [first, added] = seen.emplace(FoldCase(names_[i]), i);
      if (!added)
        return ErrorAt(i, "",
                       fmt::format("the attribute column '{}' appears twice (first as '{}'; case does not count)",
                                   names_[i], names_[first->second]),
                       "each attribute once");
    }
    return Status::Ok();
  }

  Status ReadRow(const PersonAttributeVisitor& visit) {
    size_t count = scanner_.fields().size();
    if (count != names_.size())
      return ErrorAt(std::min(count, names_.size()) - 1, "",
                     fmt::format("{} fields where the header has {}", count, names_.size()),
                     "one field per header column");
    LL_ASSIGN_OR_RETURN(std::string_view person, Cell(person_field_, names_[person_field_], kPersonRule));
    if (long_form_) {
      LL_ASSIGN_OR_RETURN(std::string_view attribute, Cell(attribute_field_, names_[attribute_field_], kNameRule));
      LL_ASSIGN_OR_RETURN(std::string_view value, Cell(value_field_, names_[value_field_], kValueRule));
      row_.person = person;
      row_.attribute = attribute;
      row_.value = value;
      return visit(row_);
    }
    row_.person = person;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (i == person_field_) continue;
      LL_ASSIGN_OR_RETURN(std::string_view value, Cell(i, names_[i], kValueRule));
      row_.attribute = names_[i];
      row_.value = value;
      LL_RETURN_IF_ERROR(visit(row_));
    }
    return Status::Ok();
  }

  // The trimmed text of field `field` of the current record, checked
  // against `rule`; `column` names it in messages.
  Result<std::string_view> Cell(size_t field, std::string_view column, const CellRule& rule) const {
    std::string_view text = TrimAscii(scanner_.fields()[field]);
    if (text.empty() && !rule.may_be_empty)
      return ErrorAt(field, column, fmt::format("{} is empty", rule.what), rule.expected);
    if (text.size() > rule.max_bytes)
      return ErrorAt(field, column, fmt::format("{} is {} bytes long", rule.what, text.size()),
                     fmt::format("at most {} bytes (is a column misaligned?)", rule.max_bytes));
    if (std::optional<unsigned char> byte = FindControlByte(text))
      return ErrorAt(field, column,
                     fmt::format("{} holds the control byte 0x{:02x} (a tab, line break or other invisible character)",
                                 rule.what, *byte),
                     rule.expected);
    return text;
  }

  CsvScanner scanner_;
  std::string_view person_column_;
  std::vector<std::string> names_;  // the trimmed header cells
  size_t person_field_ = 0;
  bool long_form_ = false;
  size_t attribute_field_ = 0;
  size_t value_field_ = 0;
  PersonAttribute row_;  // reused, so a row costs no allocation once the strings have grown
};

Status ReadAttributes(ChunkedInput& input, const PersonAttributeReadOptions& options,
                      const PersonAttributeVisitor& visit) {
  std::string_view person_column = TrimAscii(options.person_column);
  if (person_column.empty())
    return InvalidArgument(
        fmt::format("{}: the person column name is empty; expected the header of the column naming the person "
                    "(--person-column)",
                    input.name()));
  LL_RETURN_IF_ERROR(RequireText(input, ExpectedHeaderFor(person_column)));
  return AttributeParser(input, person_column).Parse(visit);
}

}  // namespace

Status ReadPersonAttributesFile(const std::filesystem::path& file, const PersonAttributeReadOptions& options,
                                const PersonAttributeVisitor& visit) {
  LL_ASSIGN_OR_RETURN(std::unique_ptr<ChunkedInput> input, ChunkedInput::Open(file));
  return ReadAttributes(*input, options, visit);
}

Result<std::vector<PersonAttribute>> ParsePersonAttributesCsv(std::string_view text, std::string_view file,
                                                              const PersonAttributeReadOptions& options) {
  std::vector<PersonAttribute> attributes;
  std::unique_ptr<ChunkedInput> input = ChunkedInput::FromBytes(std::string(text), std::string(file));
  LL_RETURN_IF_ERROR(ReadAttributes(*input, options, [&](const PersonAttribute& a) {
    attributes.push_back(a);
    return Status::Ok();
  }));
  return attributes;
}

}  // namespace learnloop::ingest
