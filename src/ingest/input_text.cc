#include "ingest/input_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "ingest/chunked_input.h"

namespace learnloop::ingest {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

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
