#include "learnloop/terminal_text.h"

#include <cstdint>

#include "core/text.h"

namespace learnloop {
namespace {

uint32_t CodePoint(std::string_view sequence) {
  const auto lead = static_cast<unsigned char>(sequence[0]);
  if (sequence.size() == 1) return lead;
  uint32_t code = lead & (0x7F >> sequence.size());
  for (size_t i = 1; i < sequence.size(); ++i) code = (code << 6) | (static_cast<unsigned char>(sequence[i]) & 0x3F);
  return code;
}

bool Hidden(uint32_t code) {
  return code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == 0x2028 || code == 0x2029 ||
         (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

void AppendHex(uint32_t value, int digits, std::string& out) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += kDigits[(value >> shift) & 0xF];
}

void AppendEscaped(uint32_t code, std::string& out) {
  constexpr std::string_view kNamed = "abtnvfr";  // \a (7) to \r (13)
  if (code >= 7 && code <= 13) {
    out += '\\';
    out += kNamed[code - 7];
  } else if (code < 0x80) {
    out += "\\x";
    AppendHex(code, 2, out);
  } else {
    out += "\\u";
    AppendHex(code, 4, out);
  }
}

std::string Escape(std::string_view text, bool keep_layout) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      out += "\\x";
      AppendHex(static_cast<unsigned char>(text[i]), 2, out);
      ++i;
      continue;
    }
    const uint32_t code = CodePoint(text.substr(i, length));
    if (Hidden(code) && !(keep_layout && (code == '\n' || code == '\t'))) {
      AppendEscaped(code, out);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace

std::string EscapeForTerminal(std::string_view text) { return Escape(text, false); }

std::string EscapeLinesForTerminal(std::string_view text) { return Escape(text, true); }

}  // namespace learnloop
