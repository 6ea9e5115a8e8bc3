// Reads a person-attributes file: CSV (RFC 4180, UTF-8, optional BOM) whose
// header names the person column and either `attribute,value` (long: one
// attribute per row) or one column per attribute (wide, as CRMs export:
// every cell is one attribute, an empty cell removes it). Person, names and
// values are trimmed single-line labels. Attributes are handed on one at a
// time as they are read, so a file of any length takes constant memory;
// the first bad row stops the read with an error naming file, line and
// column (the caller's transaction then keeps none of what it was handed).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/people.h"
#include "learnloop/status.h"

namespace learnloop::ingest {

struct PersonAttributeReadOptions {
  std::string person_column = "person";  // the header naming the person (e.g. "email" in a CRM export)
};

// Called for each attribute in file order (a wide row's cells left to
// right); an error it returns stops the read.
using PersonAttributeVisitor = std::function<Status(const PersonAttribute&)>;

// NotFound or IoError when the file cannot be read.
Status ReadPersonAttributesFile(const std::filesystem::path& file, const PersonAttributeReadOptions& options,
                                const PersonAttributeVisitor& visit);

// All attributes of `text` at once; `file` names the input in messages.
Result<std::vector<PersonAttribute>> ParsePersonAttributesCsv(std::string_view text, std::string_view file,
                                                              const PersonAttributeReadOptions& options);

}  // namespace learnloop::ingest
