// Byte-level helpers shared by the readers (besides core/text.h, which
// says where an offset sits and checks UTF-8): reading a small file whole,
// and ASCII trimming and case folding for names.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"  // LocationAt, FindInvalidUtf8
#include "learnloop/status.h"

namespace learnloop::ingest {

// The message for a file that is neither canonical CSV nor JSON Lines.
Status NotAnEventFile(std::string_view file, std::string_view detail = {});

// Files read whole (configs, mappings) are small; a bigger one is a mistake.
inline constexpr size_t kMaxWholeFileBytes = size_t{16} << 20;

// The bytes of `file`: NotFound when it does not exist, InvalidArgument for
// anything but a regular file or one longer than `max_bytes`, IoError when
// it cannot be read.
Result<std::string> ReadWholeFile(const std::filesystem::path& file, size_t max_bytes = kMaxWholeFileBytes);

// The UTF-8 byte-order mark a file may start with, and `text` without it.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
inline std::string_view WithoutBom(std::string_view text) {
  return text.starts_with(kUtf8Bom) ? text.substr(kUtf8Bom.size()) : text;
}
// Where a file's text starts: after the BOM, if any.
inline size_t BomSize(std::string_view text) { return text.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0; }

// Removes surrounding spaces, tabs, CR and LF.
std::string_view TrimAscii(std::string_view text);

// Case-insensitive (ASCII) equality after trimming both sides.
bool SameName(std::string_view a, std::string_view b);

}  // namespace learnloop::ingest
