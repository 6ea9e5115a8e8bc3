// Feeds arbitrary bytes to the Meta Business Suite post CSV importers
// (Facebook and Instagram): the platform checks, and the formats' own
// promise that they yield only observations.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/meta.h"
#include "platform_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const learnloop::ingest::PlatformFormat* format :
       {&learnloop::ingest::kFacebookPostsFormat, &learnloop::ingest::kInstagramPostsFormat}) {
    learnloop::fuzz::ObservationsOnlySink sink;
    (void)learnloop::fuzz::CheckPlatformFormat(*format, bytes, "posts.csv", sink);
  }
  return 0;
}
