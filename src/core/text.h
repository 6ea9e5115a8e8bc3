// Byte-level text helpers that every reader and printer shares: where an
// offset sits in a text (line and column), and the UTF-8 sequences of
// RFC 3629 (no overlong forms, no surrogates, nothing past U+10FFFF).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop {

// The 1-based physical line (counting LF) and byte column of `offset`.
InputLocation LocationAt(std::string_view text, size_t offset, std::string_view file, std::string_view field = {});

// The length of the valid UTF-8 sequence starting at text[i]; 0 when it is
// not one.
size_t Utf8SequenceLength(std::string_view text, size_t i);

// The offset of the first byte that does not belong to valid UTF-8, or
// nullopt when `text` is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// Appends `code` (at most U+10FFFF) as UTF-8.
void AppendUtf8(char32_t code, std::string* out);

}  // namespace learnloop
