// Parses arbitrary TOML as a column mapping; a mapping that parses reads a
// small CSV whose columns it may or may not name.
#include <cstddef>
#include <cstdint>

#include "event_checks.h"
#include "ingest/column_mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto mapping = learnloop::ingest::ParseColumnMapping(text, "fuzz.toml");
  if (!mapping.ok()) {
    learnloop::fuzz::Require(!mapping.status().message().empty());
    return 0;
  }
  learnloop::fuzz::ReadEverything(
      "Date,Email,ts,a,b\n2024-05-01 09:30,a@b,2024-05-01T09:30:00Z,x,y\n05/01/2024,c@d,1,2,3\n",
      {.mapping = &*mapping, .display_name = "fuzz.csv"});
  return 0;
}
