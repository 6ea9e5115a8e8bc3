// Splits the input at the first newline into a time format and a text,
// and parses the text with the format in a zone with DST.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "ingest/time_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\n');
  if (split == std::string_view::npos) return 0;
  auto format = learnloop::ingest::TimeFormat::Make(input.substr(0, split), "America/New_York");
  if (!format.ok()) return 0;
  auto parsed = format->Parse(input.substr(split + 1));
  if (!parsed.ok() && parsed.status().message().empty()) std::abort();
  return 0;
}
