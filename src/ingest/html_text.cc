#include "ingest/html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>

#include "core/text.h"

namespace learnloop::ingest {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Elements whose text is no text of the page.
bool IsDropped(std::string_view name) {
  return name == "script" || name == "style" || name == "noscript" || name == "template" || name == "head";
}

// How many line breaks an element puts around its content: 2 for
// paragraphs, 1 for lines, 0 for inline elements.
int BreaksAround(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kParagraphs = {
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table", "hr", "figure"};
  static constexpr std::array<std::string_view, 17> kLines = {
      "br",     "div",   "li",  "tr",         "dt",      "dd", "article", "section", "header",
      "footer", "aside", "nav", "figcaption", "address", "dl", "main",    "summary"};
  for (std::string_view p : kParagraphs)
    if (name == p) return 2;
  for (std::string_view l : kLines)
    if (name == l) return 1;
  return 0;
}

// Appends text with whitespace collapsed and line breaks between blocks;
// breaks and spaces are written only before the next word, so the text
// never starts or ends with either.
class TextBuilder {
 public:
  void Text(std::string_view text) {
    for (char c : text) {
      if (IsSpace(c)) {
        space_ = true;
        continue;
      }
      if (!out_.empty()) {
        if (breaks_ > 0) {
          out_.append(static_cast<size_t>(breaks_), '\n');
        } else if (space_) {
          out_.push_back(' ');
        }
      }
      breaks_ = 0;
      space_ = false;
      out_.push_back(c);
    }
  }
  void Break(int breaks) {
    if (breaks > breaks_) breaks_ = breaks;
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int breaks_ = 0;
  bool space_ = false;
};

void Walk(const xmlNode* node, TextBuilder& text, int depth) {
  // libxml2 bounds the tree's depth; this keeps the walk's stack bounded
  // on its own.
  if (depth > 512) return;
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content != nullptr) text.Text(reinterpret_cast<const char*>(node->content));
      continue;
    }
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = node->name != nullptr ? reinterpret_cast<const char*>(node->name) : "";
    if (IsDropped(name)) continue;
    const int breaks = BreaksAround(name);
    text.Break(breaks);
    Walk(node->children, text, depth + 1);
    text.Break(breaks);
  }
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

}  // namespace

std::string HtmlToText(std::string_view html) {
  // Without a tag or an entity, HTML is its text with the spaces collapsed.
  constexpr std::string_view kMarkup("<&\0", 3);  // a NUL is libxml2's to drop
  if (html.find_first_of(kMarkup) == std::string_view::npos && !FindInvalidUtf8(html))
    return NormalizeNfc(CollapseWhitespace(html));
  const std::string utf8 = FindInvalidUtf8(html) ? RepairUtf8(html) : std::string(html);
  if (utf8.find_first_not_of(" \t\r\n") == std::string::npos) return "";
  // NONET: nothing is fetched; no DTD is read, so only HTML's own entities
  // are known.
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
  std::unique_ptr<xmlDoc, DocFree> doc(
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", kOptions));
  if (!doc) return NormalizeNfc(CollapseWhitespace(utf8));
  TextBuilder text;
  Walk(xmlDocGetRootElement(doc.get()), text, 0);
  return NormalizeNfc(text.Take());
}

std::string CollapseWhitespace(std::string_view text) {
  TextBuilder builder;
  builder.Text(text);
  return builder.Take();
}

std::string RepairUtf8(std::string_view text) {
  // Windows-1252's 0x80-0x9F; 0 where it has no character (kept as U+0080+).
  static constexpr std::array<char16_t, 32> kCp1252 = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                                       0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    if (const size_t length = Utf8SequenceLength(text, i); length > 0) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i++]);
    char32_t code = byte;
    if (byte >= 0x80 && byte <= 0x9F && kCp1252[byte - 0x80] != 0) code = kCp1252[byte - 0x80];
    if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    }
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
  return out;
}

std::string NormalizeNfc(std::string_view text) {
  // ASCII is its own NFC, and most posts are ASCII.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::string(text);
  if (FindInvalidUtf8(text)) return std::string(text);
  utf8proc_uint8_t* normalized = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &normalized, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (length < 0 || normalized == nullptr) return std::string(text);
  std::string out(reinterpret_cast<const char*>(normalized), static_cast<size_t>(length));
  std::free(normalized);
  return out;
}

}  // namespace learnloop::ingest
