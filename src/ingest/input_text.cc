#include "ingest/input_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "ingest/chunked_input.h"

namespace learnloop::ingest {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when invalid.
// Follows RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  auto cont = [&](size_t k) { return (byte(k) & 0xC0u) == 0x80u; };
  unsigned b0 = byte(i);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    unsigned b1 = byte(i + 1);
    bool ok = cont(i + 1) && cont(i + 2) && !(b0 == 0xE0 && b1 < 0xA0) && !(b0 == 0xED && b1 >= 0xA0);
    return ok ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    unsigned b1 = byte(i + 1);
    bool ok = cont(i + 1) && cont(i + 2) && cont(i + 3) && !(b0 == 0xF0 && b1 < 0x90) && !(b0 == 0xF4 && b1 >= 0x90);
    return ok ? 4 : 0;
  }
  return 0;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

InputLocation LocationAt(std::string_view text, size_t offset, std::string_view file, std::string_view field) {
  offset = std::min(offset, text.size());
  std::string_view before = text.substr(0, offset);
  size_t line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  int64_t line = 1 + std::count(before.begin(), before.end(), '\n');
  return {std::string(file), line, static_cast<int64_t>(offset - line_start) + 1, std::string(field)};
}

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

Status NotAnEventFile(std::string_view file, std::string_view detail) {
  return InvalidArgument(fmt::format(
      "{} does not look like an event file{}{}: expected a CSV header naming ts,channel,person,kind or JSON Lines "
      "objects",
      file, detail.empty() ? "" : " ", detail));
}

std::string_view TrimAscii(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool SameName(std::string_view a, std::string_view b) {
  a = TrimAscii(a);
  b = TrimAscii(b);
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return LowerAscii(x) == LowerAscii(y); });
}

Result<std::string> ReadWholeFile(const std::filesystem::path& file, size_t max_bytes) {
  LL_ASSIGN_OR_RETURN(std::unique_ptr<ChunkedInput> input, ChunkedInput::Open(file));
  while (input->window().size() <= max_bytes) {
    LL_ASSIGN_OR_RETURN(bool more, input->ReadMore(0));
    if (!more) return std::string(input->window());
  }
  return InvalidArgument(
      fmt::format("{} is longer than {} bytes; expected a small text file", file.string(), max_bytes));
}

}  // namespace learnloop::ingest
