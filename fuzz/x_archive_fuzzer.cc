// Feeds arbitrary bytes to the X archive importer (tweets.js, like.js,
// follower.js, following.js): the platform checks, and the format's own
// promise that it yields only the organization's replies, to @handles.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/platform_text.h"
#include "ingest/x_archive.h"
#include "platform_checks.h"

namespace {

class XArchiveSink : public learnloop::fuzz::CheckingSink {
 public:
  learnloop::Status Event(const learnloop::EventView& event) override {
    learnloop::fuzz::Require(event.kind == "org_reply" && event.person.starts_with('@') && !event.value);
    return CheckingSink::Event(event);
  }
  learnloop::Status Attribute(const learnloop::PersonAttribute&) override {
    std::abort();  // the format yields no attributes
  }
  learnloop::Status Content(const learnloop::ContentItem& item) override {
    // A tweet's id_str, as its observations name it: no blank or control byte.
    learnloop::fuzz::Require(item.published_at.has_value() && learnloop::ingest::IsCleanId(item.key));
    return CheckingSink::Content(item);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  XArchiveSink sink;
  (void)learnloop::fuzz::CheckPlatformFormat(learnloop::ingest::kXArchiveFormat,
                                             std::string_view(reinterpret_cast<const char*>(data), size), "tweets.js",
                                             sink);
  return 0;
}
