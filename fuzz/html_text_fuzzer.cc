// Feeds arbitrary bytes to HtmlToText, and checks that wherever the quick
// reader of common markup answers, it answers what libxml2 does, and that
// the quick NFC check never passes a text NFC would change.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/html_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)learnloop::ingest::HtmlToText(bytes);
  std::string html = learnloop::ingest::RepairUtf8(bytes);
  if (learnloop::ingest::IsNfcQuick(html) && learnloop::ingest::NormalizeNfcFully(html) != html) {
    std::fprintf(stderr, "IsNfcQuick called a text NFC that NFC changes\n");
    std::abort();
  }
  if (html.find('\0') != std::string::npos) return 0;
  const std::optional<std::string> simple = learnloop::ingest::SimpleHtmlToText(html);
  if (!simple) return 0;
  const std::string libxml = learnloop::ingest::LibxmlHtmlToText(html);
  if (*simple != libxml) {
    std::fprintf(stderr, "SimpleHtmlToText gave\n[%s]\nlibxml2 gave\n[%s]\n", simple->c_str(), libxml.c_str());
    std::abort();
  }
  return 0;
}
