#include "ingest/html_text.h"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

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

// The elements SimpleHtmlToText reads, and how libxml2 treats them.
enum class Element { kInline, kBlock, kVoid };

std::optional<Element> SimpleElement(std::string_view name) {
  // Inline elements in which libxml2 keeps whitespace-only text; another
  // (img, sup) could make it drop a space between two words.
  static constexpr std::array<std::string_view, 14> kInline = {"a",    "b",    "i",     "u", "s",    "em",  "strong",
                                                               "span", "code", "small", "q", "cite", "del", "ins"};
  static constexpr std::array<std::string_view, 13> kBlocks = {"p",  "div", "ul", "ol", "li", "blockquote", "pre",
                                                               "h1", "h2",  "h3", "h4", "h5", "h6"};
  if (name == "br" || name == "hr") return Element::kVoid;
  for (std::string_view e : kInline)
    if (name == e) return Element::kInline;
  for (std::string_view e : kBlocks)
    if (name == e) return Element::kBlock;
  return std::nullopt;
}

bool ClosesOnBlock(std::string_view open) {
  return open == "p" || open == "pre" || (open.size() == 2 && open[0] == 'h');
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

// Reads a tag's name at `at` (after '<' or "</"), in lower case.
std::string TagName(std::string_view html, size_t& at) {
  std::string name;
  while (at < html.size() && IsAsciiAlnum(html[at]) && name.size() < 16)
    name.push_back(static_cast<char>(html[at++] | 0x20));
  return name;
}

// Skips a start tag's attributes up to and past its '>': only name="value",
// name='value', a bare name and a closing '/'; false for anything else.
bool SkipAttributes(std::string_view html, size_t& at) {
  auto is_name = [](char c) { return IsAsciiAlnum(c) || c == '-' || c == '_' || c == ':'; };
  while (at < html.size()) {
    const char c = html[at];
    if (IsSpace(c)) {
      ++at;
    } else if (c == '>') {
      ++at;
      return true;
    } else if (c == '/' && at + 1 < html.size() && html[at + 1] == '>') {
      at += 2;
      return true;
    } else if (is_name(c) && (IsSpace(html[at - 1]))) {
      while (at < html.size() && is_name(html[at])) ++at;
      if (at >= html.size() || html[at] != '=') continue;
      const char quote = at + 1 < html.size() ? html[at + 1] : '\0';
      if (quote != '"' && quote != '\'') return false;
      const size_t end = html.find_first_of(quote == '"' ? std::string_view("\"<&") : std::string_view("'<&"), at + 2);
      if (end == std::string_view::npos || html[end] != quote) return false;
      at = end + 1;
      // The next attribute, if any, after a space.
      if (at < html.size() && !IsSpace(html[at]) && html[at] != '>' && html[at] != '/') return false;
    } else {
      return false;
    }
  }
  return false;
}

// Appends the character an entity at `at` ('&') stands for and moves past
// it; false for one libxml2 might read otherwise.
bool ReadEntity(std::string_view html, size_t& at, std::string& out) {
  const size_t semi = html.find(';', at);
  if (semi == std::string_view::npos || semi - at > 9) return false;
  const std::string_view name = html.substr(at + 1, semi - at - 1);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kNamed = {
      {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"nbsp", "\u00a0"}}};
  for (const auto& [entity, text] : kNamed) {
    if (name == entity) {
      out.append(text);
      at = semi + 1;
      return true;
    }
  }
  if (name.size() < 2 || name[0] != '#') return false;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  const std::string_view digits = name.substr(hex ? 2 : 1);
  uint32_t code = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return false;
  // Printable characters only: controls, C1, surrogates and noncharacters
  // are libxml2's to judge.
  if (code < 0x20 || (code >= 0x7F && code < 0xA0) || (code >= 0xD800 && code < 0xE000) ||
      (code >= 0xFDD0 && code <= 0xFDEF) || (code & 0xFFFE) == 0xFFFE || code > 0x10FFFF)
    return false;
  AppendUtf8(code, &out);
  at = semi + 1;
  return true;
}

}  // namespace

std::optional<std::string> SimpleHtmlToText(std::string_view html) {
  // Characters XML does not allow (controls, U+FFFE, U+FFFF) libxml2
  // drops, and a leading byte order mark too.
  if (html.starts_with("\xEF\xBB\xBF") ||
      std::any_of(html.begin(), html.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r'; }) ||
      html.find("\xEF\xBF\xBE") != std::string_view::npos || html.find("\xEF\xBF\xBF") != std::string_view::npos)
    return std::nullopt;
  TextBuilder text;
  std::vector<std::string> open;  // the elements open, innermost last
  // Text before the first tag is in a paragraph libxml2 implies.
  const size_t first = html.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && html[first] != '<') open.emplace_back("p");
  std::string run;  // text since the last tag, entities decoded
  size_t at = 0;
  auto flush = [&] {
    text.Text(run);
    run.clear();
  };
  while (at < html.size()) {
    const size_t next = html.find_first_of("<&", at);
    run.append(html.substr(at, next - at));
    if (next == std::string_view::npos) break;
    at = next;
    if (html[at] == '&') {
      if (!ReadEntity(html, at, run)) return std::nullopt;
      continue;
    }
    flush();
    const bool end_tag = at + 1 < html.size() && html[at + 1] == '/';
    at += end_tag ? 2 : 1;
    if (at >= html.size() || !IsAsciiAlpha(html[at])) return std::nullopt;
    const std::string name = TagName(html, at);
    const std::optional<Element> element = SimpleElement(name);
    if (!element) return std::nullopt;
    if (end_tag) {
      // Only the innermost open element may end; libxml2 would mend the rest.
      while (at < html.size() && IsSpace(html[at])) ++at;
      if (at >= html.size() || html[at] != '>' || open.empty() || open.back() != name) return std::nullopt;
      ++at;
      open.pop_back();
    } else {
      if (!SkipAttributes(html, at)) return std::nullopt;
      // Where libxml2 would end an element by itself, leave it to libxml2.
      const bool block = *element == Element::kBlock || name == "hr";  // br sits inside a paragraph
      for (const std::string& outer : open) {
        if (outer == name && (name == "a" || name == "li" || ClosesOnBlock(name))) return std::nullopt;
        if (block && (ClosesOnBlock(outer) || SimpleElement(outer) == Element::kInline)) return std::nullopt;
      }
      if (*element != Element::kVoid) open.push_back(name);
    }
    text.Break(BreaksAround(name));
  }
  flush();
  return text.Take();
}

std::string LibxmlHtmlToText(std::string_view html) {
  if (html.find_first_not_of(" \t\r\n") == std::string::npos) return "";
  // NONET: nothing is fetched; no DTD is read, so only HTML's own entities
  // are known.
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
  std::unique_ptr<xmlDoc, DocFree> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions));
  if (!doc) return CollapseWhitespace(html);
  TextBuilder text;
  Walk(xmlDocGetRootElement(doc.get()), text, 0);
  return text.Take();
}

std::string HtmlToText(std::string_view html) {
  // Without a tag or an entity, HTML is its text with the spaces collapsed.
  constexpr std::string_view kMarkup("<&\0", 3);  // a NUL is libxml2's to drop
  if (html.find_first_of(kMarkup) == std::string_view::npos && !FindInvalidUtf8(html))
    return NormalizeNfc(CollapseWhitespace(html));
  const std::string utf8 = FindInvalidUtf8(html) ? RepairUtf8(html) : std::string(html);
  if (utf8.find('\0') == std::string::npos)
    if (std::optional<std::string> simple = SimpleHtmlToText(utf8)) return NormalizeNfc(*simple);
  return NormalizeNfc(LibxmlHtmlToText(utf8));
}

std::string CollapseWhitespace(std::string_view text) {
  TextBuilder builder;
  builder.Text(text);
  return builder.Take();
}

std::string PostText(std::string_view html, std::string_view warning) {
  std::string text = HtmlToText(html);
  std::string lead = CollapseWhitespace(warning);
  if (lead.empty()) return text;
  if (text.empty()) return lead;
  return fmt::format("{}\n\n{}", lead, text);
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
    AppendUtf8(code, &out);
  }
  return out;
}

namespace {

constexpr char32_t kCodePoints = 0x110000;

// One bit per code point: set when NFC leaves it as it is wherever it
// stands (Unicode's NFC_Quick_Check=Yes with canonical combining class 0),
// so a text of such code points only is in NFC already. Not set: marks and
// other non-starters, a character that may compose with the one before it
// (a "second" in utf8proc's tables, and Hangul's vowel and final jamo),
// and one whose NFC is another character (singletons, exclusions).
const std::vector<uint64_t>& NfcStableTable() {
  static const std::vector<uint64_t> kTable = [] {
    std::vector<uint64_t> bits(kCodePoints / 64, 0);
    for (char32_t c = 0; c < kCodePoints; ++c) {
      if (c >= 0xD800 && c < 0xE000) continue;
      const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(c));
      if (p->combining_class != 0) continue;
      if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) continue;  // composes with what precedes it
      if ((c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2)) continue;
      if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
        // A canonical decomposition: stable only if NFC composes it back.
        std::string one;
        AppendUtf8(c, &one);
        utf8proc_uint8_t* mapped = nullptr;
        const utf8proc_ssize_t length = utf8proc_map(
            reinterpret_cast<const utf8proc_uint8_t*>(one.data()), static_cast<utf8proc_ssize_t>(one.size()), &mapped,
            static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
        const bool same = length >= 0 && mapped != nullptr &&
                          std::string_view(reinterpret_cast<const char*>(mapped), static_cast<size_t>(length)) == one;
        std::free(mapped);
        if (!same) continue;
      }
      bits[c / 64] |= uint64_t{1} << (c % 64);
    }
    return bits;
  }();
  return kTable;
}

// Decodes the code point at text[i] (valid UTF-8 of `length` bytes).
char32_t DecodeUtf8(std::string_view text, size_t i, size_t length) {
  const auto byte = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
  switch (length) {
    case 1:
      return byte(0);
    case 2:
      return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
    case 3:
      return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    default:
      return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
  }
}

}  // namespace

bool IsNfcQuick(std::string_view text) {
  const std::vector<uint64_t>* table = nullptr;
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // below U+0300 every character is stable
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return false;
    const char32_t c = DecodeUtf8(text, i, length);
    i += length;
    if (c < 0x300) continue;
    if (table == nullptr) table = &NfcStableTable();
    if (((*table)[c / 64] >> (c % 64) & 1) == 0) return false;
  }
  return true;
}

std::string NormalizeNfc(std::string_view text) {
  // Most posts are ASCII, or hold only characters NFC does not change.
  if (IsNfcQuick(text)) return std::string(text);
  return NormalizeNfcFully(text);
}

std::string NormalizeNfcFully(std::string_view text) {
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
