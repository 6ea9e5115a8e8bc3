// Feeds arbitrary bytes to the person-attributes CSV reader: it must return
// attributes or a clean error naming the file, and every attribute it
// accepts must name a person and an attribute, with no control byte in
// person, attribute or value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ingest/person_attribute_reader.h"

namespace {

bool HasControlByte(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto attributes = learnloop::ingest::ParsePersonAttributesCsv(text, "people.csv", {});
  if (!attributes.ok()) {
    if (attributes.status().message().find("people.csv") == std::string::npos) std::abort();
    return 0;
  }
  for (const auto& a : *attributes) {
    if (a.person.empty() || a.attribute.empty()) std::abort();
    if (HasControlByte(a.person) || HasControlByte(a.attribute) || HasControlByte(a.value)) std::abort();
  }
  return 0;
}
