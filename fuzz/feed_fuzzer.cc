// Feeds arbitrary bytes to the RSS/Atom reader and to the feed date parser;
// see feed_checks.h for what must hold.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feed_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  learnloop::fuzz::CheckFeedFormat(learnloop::ingest::kFeedFormat, text, "f.xml");
  (void)learnloop::ingest::ParseFeedDate(text.substr(0, 64));
  return 0;
}
