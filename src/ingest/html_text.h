// HTML as feeds and platforms carry it (a post's body, an RSS description)
// turned into plain text a person can read and a search can match: markup
// removed, entities decoded, scripts and styles dropped, block elements
// ending lines, whitespace collapsed, NFC-normalized. Uses libxml2's
// recovering HTML parser, which never loads anything.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace learnloop::ingest {

// The plain text of `html` (UTF-8; bytes that are not are read as
// Latin-1). Text without markup comes back with its whitespace collapsed
// and its entities decoded.
std::string HtmlToText(std::string_view html);

// `text` with runs of whitespace made one space and the ends trimmed.
std::string CollapseWhitespace(std::string_view text);

// A social post's plain text: its content warning (collapsed) first and a
// blank line, then its HTML as text; either alone when the other is empty.
std::string PostText(std::string_view html, std::string_view warning);

// `text` with every byte that is not part of valid UTF-8 read as
// Windows-1252 (Latin-1 with its printable 0x80-0x9F), the rest kept.
std::string RepairUtf8(std::string_view text);

// `text` in Unicode normalization form C; `text` itself when it is not
// valid UTF-8.
std::string NormalizeNfc(std::string_view text);
// True when `text` is valid UTF-8 of characters NFC leaves as they are
// wherever they stand, so it is in NFC already (false says nothing).
bool IsNfcQuick(std::string_view text);
// NormalizeNfc without that quick check: always through utf8proc.
std::string NormalizeNfcFully(std::string_view text);

// The two ways HtmlToText reads HTML, apart for tests and the fuzzer, which
// checks that they agree. SimpleHtmlToText reads the markup posts are
// written in (paragraphs, links, emphasis, lists, line breaks, the common
// entities), properly nested, without libxml2 and about ten times faster;
// nullopt for anything else: another element, a comment, a misnested or
// implied end, an entity or a character it does not know. LibxmlHtmlToText
// reads anything. Both take valid UTF-8 and return text not yet in NFC.
std::optional<std::string> SimpleHtmlToText(std::string_view html);
std::string LibxmlHtmlToText(std::string_view html);

}  // namespace learnloop::ingest
