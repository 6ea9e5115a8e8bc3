// Reads a person-attributes file: CSV (RFC 4180, UTF-8, optional BOM) whose
// header names the person column and either `attribute,value` (long: one
// attribute per row) or one column per attribute (wide, as CRMs export:
// every cell is one attribute, an empty cell removes it). Person, names and
// values are trimmed single-line labels. The whole file is read or, on the
// first bad row, nothing is, with an error naming file, line and column.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/people.h"
#include "learnloop/status.h"

namespace learnloop::ingest {

struct PersonAttributeReadOptions {
  std::string person_column = "person";  // the header naming the person (e.g. "email" in a CRM export)
};

// `file` names the input in messages.
Result<std::vector<PersonAttribute>> ParsePersonAttributesCsv(std::string_view text, std::string_view file,
                                                              const PersonAttributeReadOptions& options);

// NotFound or IoError when the file cannot be read.
Result<std::vector<PersonAttribute>> ReadPersonAttributesFile(const std::filesystem::path& file,
                                                              const PersonAttributeReadOptions& options);

}  // namespace learnloop::ingest
