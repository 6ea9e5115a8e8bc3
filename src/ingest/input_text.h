// Byte-level helpers shared by the event readers: where an offset sits
// (line and column), UTF-8 and NUL checks over a whole buffer, and ASCII
// trimming and case folding for names.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop::ingest {

// The 1-based physical line (counting LF) and byte column of `offset`.
InputLocation LocationAt(std::string_view text, size_t offset, std::string_view file, std::string_view field = {});

// The offset of the first byte that does not belong to valid UTF-8, or
// nullopt when `text` is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// Checks that `text` (a whole file) is UTF-8 without NUL bytes. A NUL in
// the first KiB or a bad first byte means a binary file, reported as "does
// not look like an event file"; later problems name their line and column.
Status CheckText(std::string_view text, std::string_view file);

// The message for a file that is neither canonical CSV nor JSON Lines.
Status NotAnEventFile(std::string_view file, std::string_view detail = {});

// The bytes of `file`: NotFound when it does not exist, InvalidArgument for
// a directory, IoError when it cannot be read.
Result<std::string> ReadWholeFile(const std::filesystem::path& file);

// Removes surrounding spaces, tabs, CR and LF.
std::string_view TrimAscii(std::string_view text);

// Case-insensitive (ASCII) equality after trimming both sides.
bool SameName(std::string_view a, std::string_view b);

}  // namespace learnloop::ingest
