// RSS and Atom feeds through libxml2's recovering parser. Real feeds break
// the rules in well-known ways; each is repaired rather than refused:
// - bytes that are not UTF-8 in a feed that says (or by default is) UTF-8
//   are read as Windows-1252, a warning saying so; a declared encoding
//   libxml2 knows is decoded by libxml2;
// - a '&' that starts no reference is read as "&amp;", and HTML's named
//   entities (&nbsp; &eacute; ...), which XML does not declare, as the
//   characters they name;
// - undeclared namespace prefixes and other damage are recovered by
//   libxml2 (elements are matched by local name), a warning naming the
//   last problem;
// - dates in any of the forms ParseFeedDate reads; one that cannot be read
//   leaves the item without a time, with a warning;
// - relative links are resolved against xml:base, else the feed's link.
// Security: the parser never touches the network (NONET), loads no DTD
// and substitutes no entities (no NOENT: no XXE); entity references left
// in the tree are read one level deep, never expanded recursively, and
// every field's text is bounded, so a hostile file takes bounded memory.
#include "ingest/feed.h"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include <cctype>
#include <memory>
#include <string>
#include <string_view>

#include "core/text.h"
#include "ingest/html_text.h"
#include "ingest/input_text.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {
namespace {

// The raw text of one field kept before conversion; longer is cut.
constexpr size_t kMaxFieldBytes = size_t{1} << 20;

std::string_view Str(const xmlChar* text) {
  return text != nullptr ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

struct XmlFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};
template <typename T>
using XmlPtr = std::unique_ptr<T, XmlFree>;

std::string Owned(xmlChar* text) {
  XmlPtr<xmlChar> owned(text);
  return std::string(Str(owned.get()));
}

// The element's name without its prefix: "dc:date" (an undeclared prefix
// is kept in the name) and a namespaced "date" are both "date".
std::string_view LocalName(const xmlNode* node) {
  std::string_view name = Str(node->name);
  if (size_t colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name;
}

bool IsElement(const xmlNode* node, std::string_view local) {
  return node->type == XML_ELEMENT_NODE && LocalName(node) == local;
}

const xmlNode* Child(const xmlNode* parent, std::string_view local) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next)
    if (IsElement(c, local)) return c;
  return nullptr;
}

std::string Attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next)
    if (Str(a->name) == name) return Owned(xmlNodeListGetString(node->doc, a->children, 1));
  return "";
}

// The text below `node`, entity references read one level deep.
void AppendText(const xmlNode* node, std::string& out, int depth) {
  for (const xmlNode* c = node->children; c != nullptr && out.size() < kMaxFieldBytes; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out.append(Str(c->content));
    } else if (c->type == XML_ENTITY_REF_NODE) {
      // A declared internal entity whose value is plain text; anything
      // else is left out rather than expanded.
      const auto* entity = reinterpret_cast<const xmlEntity*>(c->children);
      std::string_view value = entity != nullptr ? Str(entity->content) : std::string_view();
      if (entity != nullptr && entity->etype == XML_INTERNAL_GENERAL_ENTITY &&
          value.find_first_of("&<") == std::string_view::npos)
        out.append(value.substr(0, 4096));
    } else if (c->type == XML_ELEMENT_NODE && depth < 64) {
      AppendText(c, out, depth + 1);
    }
  }
  if (out.size() > kMaxFieldBytes) out.resize(kMaxFieldBytes);
}

std::string TextOf(const xmlNode* node) {
  std::string text;
  if (node != nullptr) AppendText(node, text, 0);
  return text;
}

// Element children serialized back to markup (Atom's type="xhtml").
std::string MarkupOf(const xmlNode* node) {
  std::unique_ptr<xmlBuffer, void (*)(xmlBuffer*)> buffer(xmlBufferCreate(), xmlBufferFree);
  if (!buffer) return "";
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    xmlNodeDump(buffer.get(), node->doc, const_cast<xmlNode*>(c), 0, 0);
    if (static_cast<size_t>(xmlBufferLength(buffer.get())) > kMaxFieldBytes) break;
  }
  return std::string(Str(xmlBufferContent(buffer.get())));
}

// What a feed's text element holds, as plain text: Atom says by its type,
// RSS descriptions are HTML by custom.
std::string PlainText(const xmlNode* node, bool html_by_default) {
  if (node == nullptr) return "";
  const std::string type = LowerAscii(Attribute(node, "type"));
  if (type == "xhtml" || type == "application/xhtml+xml") return HtmlToText(MarkupOf(node));
  const std::string text = TextOf(node);
  if (type == "html" || type == "text/html" || (type.empty() && html_by_default)) return HtmlToText(text);
  return NormalizeNfc(CollapseWhitespace(text));
}

std::string Trimmed(const xmlNode* node) {
  return node == nullptr ? "" : std::string(TrimAscii(CollapseWhitespace(TextOf(node))));
}

// `href` made absolute against the element's xml:base, else `fallback`.
std::string Resolve(const xmlNode* node, const std::string& href, const std::string& fallback) {
  if (href.empty()) return href;
  std::string base = Owned(xmlNodeGetBase(node->doc, node));
  if (base.empty()) base = fallback;
  if (base.empty()) return href;
  XmlPtr<xmlChar> resolved(
      xmlBuildURI(reinterpret_cast<const xmlChar*>(href.c_str()), reinterpret_cast<const xmlChar*>(base.c_str())));
  return resolved ? std::string(Str(resolved.get())) : href;
}

// Atom's link to the page itself: rel="alternate" or no rel.
std::string AtomLink(const xmlNode* parent, const std::string& fallback) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!IsElement(c, "link")) continue;
    const std::string rel = Attribute(c, "rel");
    if (rel.empty() || rel == "alternate") return Resolve(c, std::string(TrimAscii(Attribute(c, "href"))), fallback);
  }
  return "";
}

// RSS's <link> text, else an atom:link's href (RSS 2.0 feeds carry both).
std::string RssLink(const xmlNode* parent, const std::string& fallback) {
  std::string href;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!IsElement(c, "link")) continue;
    if (std::string text = Trimmed(c); !text.empty()) return Resolve(c, text, fallback);
    const std::string rel = Attribute(c, "rel");
    if (href.empty() && (rel.empty() || rel == "alternate"))
      href = Resolve(c, std::string(TrimAscii(Attribute(c, "href"))), fallback);
  }
  return href;
}

std::string Categories(const xmlNode* parent) {
  std::string tags;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!IsElement(c, "category") && !IsElement(c, "subject")) continue;
    std::string tag = Attribute(c, "term");  // Atom
    if (tag.empty()) tag = Trimmed(c);
    for (char& ch : tag)
      if (ch == ';' || static_cast<unsigned char>(ch) < 0x20) ch = ',';
    if (tag.empty()) continue;
    if (!tags.empty()) tags.push_back(';');
    tags += LowerAscii(tag);
  }
  return tags;
}

enum class Dialect { kRss, kRdf, kAtom };

class XmlFeedReader {
 public:
  XmlFeedReader(std::string_view file, ReadReport& report) : file_(file), report_(report) {}

  Result<Feed> Read(std::string_view bytes);

 private:
  Result<XmlPtr<xmlDoc>> Parse(std::string_view bytes);
  void ReadItem(const xmlNode* node, Dialect dialect, Feed& feed);
  void Warn(std::string text) { report_.Warn(fmt::format("{}: {}", file_, text)); }

  // libxml2 hands its parser context; the reader rides in its _private.
  static void OnError(void* context, xmlError* error) {
    auto* reader = static_cast<XmlFeedReader*>(static_cast<xmlParserCtxt*>(context)->_private);
    ++reader->errors_;
    if (error != nullptr && error->message != nullptr)
      reader->last_error_ = fmt::format("line {}: {}", error->line, TrimAscii(Str(BAD_CAST error->message)));
  }

  std::string_view file_;
  ReadReport& report_;
  int64_t errors_ = 0;
  std::string last_error_;
};

// The encoding the XML declaration names, lower-cased; empty when none.
std::string DeclaredEncoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) return "";
  std::string_view decl = bytes.substr(0, bytes.find("?>"));
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  decl.remove_prefix(at + 8);
  size_t quote = decl.find_first_of("\"'");
  if (quote == std::string_view::npos) return "";
  const char q = decl[quote];
  decl.remove_prefix(quote + 1);
  return LowerAscii(decl.substr(0, decl.find(q)));
}

bool IsUtf8Name(std::string_view encoding) { return encoding.empty() || encoding == "utf-8" || encoding == "utf8"; }

// Whether the reference at text[at] ('&') is one XML can read.
size_t ReferenceLength(std::string_view text, size_t at) {
  size_t i = at + 1;
  if (i < text.size() && text[i] == '#') {
    ++i;
    const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    const size_t digits = i;
    while (i < text.size() && (hex ? std::isxdigit(static_cast<unsigned char>(text[i])) : IsAsciiDigit(text[i]))) ++i;
    return i > digits && i < text.size() && text[i] == ';' ? i + 1 - at : 0;
  }
  const size_t name = i;
  while (i < text.size() && i - name < 40 &&
         (IsAsciiLetter(text[i]) || IsAsciiDigit(text[i]) || text[i] == '_' || text[i] == '-' || text[i] == '.'))
    ++i;
  return i > name && IsAsciiLetter(text[name]) && i < text.size() && text[i] == ';' ? i + 1 - at : 0;
}

// The document with lone '&'s escaped and HTML's named entities as
// character references, leaving comments and CDATA sections as they are.
std::string RepairReferences(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  size_t i = 0;
  while (i < text.size()) {
    const size_t next = text.find_first_of("&<", i);
    out.append(text.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i));
    if (next == std::string_view::npos) break;
    i = next;
    if (text[i] == '<') {
      std::string_view close = text.substr(i).starts_with("<![CDATA[") ? "]]>"
                               : text.substr(i).starts_with("<!--")    ? "-->"
                                                                       : "";
      const size_t end = close.empty() ? i + 1 : text.find(close, i);
      const size_t stop = end == std::string_view::npos ? text.size() : end + close.size();
      out.append(text.substr(i, stop - i));
      i = stop;
      continue;
    }
    const size_t length = ReferenceLength(text, i);
    if (length == 0) {
      out.append("&amp;");
      ++i;
      continue;
    }
    const std::string name(text.substr(i + 1, length - 2));
    const bool xml_own = name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
    const htmlEntityDesc* html = name[0] == '#' || xml_own ? nullptr : htmlEntityLookup(BAD_CAST name.c_str());
    if (html != nullptr) {
      out.append(fmt::format("&#{};", html->value));
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

Result<XmlPtr<xmlDoc>> XmlFeedReader::Parse(std::string_view bytes) {
  // UTF-16 and other encodings libxml2 detects from the first bytes are
  // left to it; only text that is, or says it is, UTF-8 is repaired.
  const bool ascii_start = !bytes.empty() && static_cast<unsigned char>(bytes[0]) < 0x80 && bytes[0] != '\0' &&
                           (bytes.size() < 2 || bytes[1] != '\0');
  const bool utf8 = ascii_start && IsUtf8Name(DeclaredEncoding(bytes));
  std::string text(bytes);
  if (utf8 && FindInvalidUtf8(text)) {
    Warn("not valid UTF-8 as it says; read the bytes that are not as Windows-1252 (Latin-1)");
    text = RepairUtf8(text);
  }
  if (ascii_start) text = RepairReferences(text);
  XmlPtr<xmlParserCtxt> ctxt(xmlNewParserCtxt());
  if (!ctxt) return Internal(fmt::format("{}: out of memory for the XML parser", file_));
  ctxt->_private = this;
  ctxt->sax->serror = &XmlFeedReader::OnError;
  // Not XML_PARSE_NOENT (entities stay references: no XXE), not
  // XML_PARSE_HUGE (libxml2's limits on depth and text sizes hold), no DTD
  // loading, nothing from the network.
  constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS;
  XmlPtr<xmlDoc> doc(xmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()), nullptr,
                                       utf8 ? "UTF-8" : nullptr, kOptions));
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr)
    return InvalidArgument(fmt::format("{}: not readable as XML ({}); expected an RSS or Atom feed", file_,
                                       last_error_.empty() ? "no element found" : last_error_));
  return doc;
}

Result<Feed> XmlFeedReader::Read(std::string_view bytes) {
  if (bytes.size() > kMaxFeedBytes)
    return InvalidArgument(fmt::format("{}: {} bytes is larger than any feed learnloop reads ({} MiB)", file_,
                                       bytes.size(), kMaxFeedBytes >> 20));
  LL_ASSIGN_OR_RETURN(XmlPtr<xmlDoc> doc, Parse(bytes));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  Feed feed;
  Dialect dialect;
  const xmlNode* channel = root;
  if (IsElement(root, "rss")) {
    dialect = Dialect::kRss;
    const std::string version = Attribute(root, "version");
    feed.kind = fmt::format("RSS {}", version.empty() ? "2.0" : version);
    if (const xmlNode* c = Child(root, "channel")) channel = c;
  } else if (IsElement(root, "RDF")) {
    dialect = Dialect::kRdf;
    if (const xmlNode* c = Child(root, "channel")) channel = c;
    // RSS 0.90 is RDF too, its elements in Netscape's namespace.
    const bool netscape =
        channel->ns != nullptr && Str(channel->ns->href).find("netscape.com") != std::string_view::npos;
    feed.kind = netscape ? "RSS 0.90" : "RSS 1.0";
  } else if (IsElement(root, "feed")) {
    dialect = Dialect::kAtom;
    feed.kind = Attribute(root, "version") == "0.3" ? "Atom 0.3" : "Atom 1.0";
  } else {
    return InvalidArgument(fmt::format("{}: the root element is <{}>; expected <rss>, <rdf:RDF> or <feed>", file_,
                                       Excerpt(Str(root->name))));
  }
  if (errors_ > 0)
    Warn(fmt::format("the XML is damaged ({} {}, the last at {}); read what could be recovered", errors_,
                     errors_ == 1 ? "problem" : "problems", last_error_));
  feed.title = PlainText(Child(channel, "title"), dialect != Dialect::kAtom);
  if (dialect == Dialect::kAtom) {
    feed.link = AtomLink(channel, "");
    feed.id = Trimmed(Child(channel, "id"));
  } else {
    feed.link = RssLink(channel, "");
    if (dialect == Dialect::kRdf) feed.id = Attribute(channel, "about");
  }
  // Items belong in the channel (RSS 0.9x/2.0) or beside it (RDF); broken
  // feeds put them in the other place, so both are read.
  const std::string_view item_name = dialect == Dialect::kAtom ? "entry" : "item";
  for (const xmlNode* parent : {channel, channel == root ? nullptr : root}) {
    if (parent == nullptr) continue;
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next)
      if (IsElement(c, item_name)) ReadItem(c, dialect, feed);
  }
  return feed;
}

void XmlFeedReader::ReadItem(const xmlNode* node, Dialect dialect, Feed& feed) {
  ++report_.records;
  FeedItem item;
  const bool atom = dialect == Dialect::kAtom;
  item.title = PlainText(Child(node, "title"), !atom);
  if (atom) {
    item.id = Trimmed(Child(node, "id"));
    item.link = AtomLink(node, feed.link);
    const xmlNode* body = Child(node, "content");
    if (body == nullptr || !Attribute(body, "src").empty()) body = Child(node, "summary");
    item.text = PlainText(body, false);
  } else {
    item.id = Trimmed(Child(node, "guid"));
    if (item.id.empty()) item.id = Attribute(node, "about");
    item.link = RssLink(node, feed.link);
    const xmlNode* body = Child(node, "encoded");  // content:encoded
    if (body == nullptr || Trimmed(body).empty()) body = Child(node, "description");
    item.text = PlainText(body, true);
  }
  item.tags = Categories(node);
  for (std::string_view name : {"published", "pubDate", "date", "issued", "created", "updated", "modified"}) {
    const xmlNode* date = Child(node, name);
    if (date == nullptr) continue;
    const std::string text = Trimmed(date);
    item.published = ParseFeedDate(text);
    if (!item.published)
      Warn(fmt::format("item {} ({}): <{}> '{}' is not a date learnloop can read; the item is kept without a time",
                       feed.items.size() + 1, Excerpt(item.id.empty() ? item.link : item.id), name, Excerpt(text)));
    break;
  }
  feed.items.push_back(std::move(item));
}

// What sniffing skips before the root element: whitespace, the XML
// declaration, processing instructions, comments and a DOCTYPE.
std::string_view SkipProlog(std::string_view head) {
  for (;;) {
    const size_t start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return {};
    head.remove_prefix(start);
    std::string_view close;
    if (head.starts_with("<?")) {
      close = "?>";
    } else if (head.starts_with("<!--")) {
      close = "-->";
    } else if (head.starts_with("<!DOCTYPE") || head.starts_with("<!doctype")) {
      // An internal subset ends with "]>", a DOCTYPE without one with ">".
      const size_t bracket = head.find('[');
      const size_t gt = head.find('>');
      close = bracket != std::string_view::npos && bracket < gt ? "]>" : ">";
    } else {
      return head;
    }
    const size_t end = head.find(close);
    if (end == std::string_view::npos) return {};
    head.remove_prefix(end + close.size());
  }
}

bool SniffXmlFeed(std::string_view head) {
  head = SkipProlog(head);
  if (!head.starts_with('<')) return false;
  const size_t end = head.find_first_of(" \t\r\n/>", 1);
  if (end == std::string_view::npos) return false;
  std::string_view name = head.substr(1, end - 1);
  if (size_t colon = name.find(':'); colon != std::string_view::npos) {
    // Only RDF and Atom come with a prefix ("rdf:RDF", "atom:feed").
    name.remove_prefix(colon + 1);
    return name == "RDF" || name == "feed";
  }
  return name == "rss" || name == "RDF" || name == "feed";
}

Status ReadFeed(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  LL_ASSIGN_OR_RETURN(std::string bytes, ReadRest(input, kMaxFeedBytes, "feed"));
  LL_ASSIGN_OR_RETURN(Feed feed, ReadXmlFeed(WithoutBom(bytes), context.file, report));
  return EmitFeedContents(feed, context, sink, report);
}

}  // namespace

Result<Feed> ReadXmlFeed(std::string_view bytes, std::string_view file, ReadReport& report) {
  xmlInitParser();
  return XmlFeedReader(file, report).Read(bytes);
}

Status EmitFeedContents(const Feed& feed, const PlatformContext& context, RecordSink& sink, ReadReport& report) {
  const std::string channel(context.ChannelOr("web"));
  for (size_t i = 0; i < feed.items.size(); ++i) {
    const FeedItem& item = feed.items[i];
    ContentItem content{channel, item.id.empty() ? item.link : item.id, item.published, item.text, item.tags};
    if (content.key.empty()) {
      report.Skip("an item without an id or link");
      report.Warn(fmt::format("{}: item {} ('{}'): no id, guid or link to know it by", context.file, i + 1,
                              Excerpt(item.title)));
      continue;
    }
    // The title is the text's first line, so a search finds it and a
    // changed title is a changed item.
    if (!item.title.empty()) content.text = item.text.empty() ? item.title : item.title + "\n\n" + item.text;
    LL_RETURN_IF_ERROR(sink.Content(content));
  }
  return Status::Ok();
}

const PlatformFormat kFeedFormat = {
    .name = "feed",
    .title = "RSS or Atom feed (a website's, blog's or podcast's posts)",
    .default_channel = "web",
    .sniff = SniffXmlFeed,
    .read = ReadFeed,
};

}  // namespace learnloop::ingest
