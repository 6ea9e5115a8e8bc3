// Feeds arbitrary bytes to the event reader as a canonical file and as a
// mapped CSV (which also exercises TimeFormat).
#include <cstddef>
#include <cstdint>

#include "event_checks.h"
#include "ingest/column_mapping.h"

namespace {

const learnloop::ingest::ColumnMapping& Mapping() {
  static const auto* mapping = new learnloop::ingest::ColumnMapping(
      *learnloop::ingest::ParseColumnMapping("time_format = \"%d.%m.%Y %I:%M %p\"\ntime_zone = \"Europe/Berlin\"\n"
                                             "[columns]\nts = \"Date\"\nperson = \"Email\"\ncontent = "
                                             "\"ts\"\n[constants]\nchannel = \"crm\"\nkind = \"open\"\n",
                                             "fuzz.toml"));
  return *mapping;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  learnloop::fuzz::ReadEverything(bytes, {.mapping = nullptr, .display_name = "fuzz.csv"});
  learnloop::fuzz::ReadEverything(bytes, {.mapping = &Mapping(), .display_name = "fuzz.csv"});
  return 0;
}
