// Feeds arbitrary bytes to the X analytics post CSV importer: the platform
// checks, and the format's own promise that it yields only observations.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/x_archive.h"
#include "platform_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  learnloop::fuzz::ObservationsOnlySink sink;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kXAnalyticsFormat,
                                             std::string_view(reinterpret_cast<const char*>(data), size), "posts.csv",
                                             sink);
  return 0;
}
