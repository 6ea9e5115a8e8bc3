#include "ingest/csv_scanner.h"

#include <array>
#include <cstring>

#include "ingest/input_text.h"

namespace learnloop::ingest {
namespace {

// Bytes that end an unquoted field or need a closer look.
constexpr std::array<bool, 256> MakeSpecialTable() {
  std::array<bool, 256> table{};
  for (unsigned char c : {',', '\n', '\r', '"'}) table[c] = true;
  return table;
}
constexpr std::array<bool, 256> kSpecial = MakeSpecialTable();

}  // namespace

Status CsvScanner::ErrorAt(size_t offset, std::string_view problem, std::string_view expected) const {
  return InputError(LocationAt(text_, offset, file_), problem, expected);
}

void CsvScanner::SkipBlankLines() {
  size_t p = pos_;
  while (p < text_.size()) {
    char c = text_[p];
    if (c == '\n') {
      pos_ = ++p;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++p;
    } else {
      return;
    }
  }
  pos_ = p;
}

Result<bool> CsvScanner::Next() {
  fields_.clear();
  offsets_.clear();
  SkipBlankLines();
  if (pos_ >= text_.size()) return false;
  size_t p = pos_;
  while (true) {
    offsets_.push_back(p);
    Result<size_t> end = (p < text_.size() && text_[p] == '"') ? ScanQuoted(p) : ScanUnquoted(p);
    if (!end.ok()) return end.status();
    p = *end;
    if (p >= text_.size()) break;
    char c = text_[p++];
    if (c == '\n') break;
    if (c == '\r') {
      if (p < text_.size() && text_[p] == '\n') {
        ++p;
        break;
      }
      return ErrorAt(p - 1, "carriage return without a line feed", "lines ending in LF or CRLF");
    }
  }
  pos_ = p;
  return true;
}

Result<size_t> CsvScanner::ScanUnquoted(size_t begin) {
  const unsigned char* data = reinterpret_cast<const unsigned char*>(text_.data());
  size_t p = begin;
  size_t size = text_.size();
  while (p < size && !kSpecial[data[p]]) ++p;
  if (p < size && data[p] == '"')
    return ErrorAt(p, "quote inside an unquoted field", "the whole field in quotes, with inner quotes doubled (\"\")");
  fields_.push_back(text_.substr(begin, p - begin));
  return p;
}

Result<size_t> CsvScanner::ScanQuoted(size_t begin) {
  size_t p = begin + 1;
  bool doubled = false;
  while (true) {
    const void* found = std::memchr(text_.data() + p, '"', text_.size() - p);
    if (found == nullptr)
      return ErrorAt(begin, "quoted field is never closed (its quote opens here)", "a closing quote (\")");
    p = static_cast<const char*>(found) - text_.data();
    if (p + 1 < text_.size() && text_[p + 1] == '"') {
      doubled = true;
      p += 2;
      continue;
    }
    break;
  }
  std::string_view inner = text_.substr(begin + 1, p - begin - 1);
  ++p;
  if (p < text_.size() && text_[p] != ',' && text_[p] != '\n' && text_[p] != '\r')
    return ErrorAt(p, "text after a closing quote",
                   "a comma or the end of the line after a quoted field; a quote inside one is doubled (\"\")");
  if (!doubled) {
    fields_.push_back(inner);
    return p;
  }
  size_t index = fields_.size();
  if (unescaped_.size() <= index) unescaped_.resize(index + 1);
  std::string& out = unescaped_[index];
  out.clear();
  out.reserve(inner.size());
  // Copy up to and including each first quote of a pair, skip the second.
  while (!inner.empty()) {
    size_t quote = inner.find('"');
    size_t take = quote == std::string_view::npos ? inner.size() : quote + 1;
    out.append(inner.substr(0, take));
    inner.remove_prefix(quote == std::string_view::npos ? take : take + 1);
  }
  fields_.push_back(out);
  return p;
}

}  // namespace learnloop::ingest
