#include "ingest/csv_scanner.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
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

// The offset of the first '"' in `text` from `from` on, or npos. Most
// quoted cells are short (counts, dates, names): their first bytes are
// searched a word at a time, which beats a call to memchr; longer ones go
// on with memchr.
size_t FindQuote(std::string_view text, size_t from) {
  constexpr size_t kWordBytes = 32;
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHighBits = 0x8080808080808080;
  size_t p = from;
  if constexpr (std::endian::native == std::endian::little) {
    const size_t words_end = std::min(text.size(), from + kWordBytes);
    for (; p + 8 <= words_end; p += 8) {
      uint64_t word = 0;
      std::memcpy(&word, text.data() + p, 8);
      const uint64_t x = word ^ (kOnes * '"');
      // The lowest byte of x that is zero, exactly: bytes above it may be
      // flagged falsely, below it never.
      if (const uint64_t zero = (x - kOnes) & ~x & kHighBits; zero != 0)
        return p + static_cast<size_t>(std::countr_zero(zero)) / 8;
    }
  }
  const void* found = std::memchr(text.data() + p, '"', text.size() - p);
  return found == nullptr ? std::string_view::npos : static_cast<size_t>(static_cast<const char*>(found) - text.data());
}

}  // namespace

Status CsvScanner::ErrorAt(size_t offset, std::string_view problem, std::string_view expected) const {
  return InputError(input_.LocationAt(offset), problem, expected);
}

Status CsvScanner::TooLong() const {
  // Name the field that crosses the limit, when the header names it.
  size_t field = 0;
  while (field + 1 < offsets_.size() && offsets_[field + 1] - pos_ <= kMaxRecordBytes) ++field;
  std::string_view name = field < header_.size() ? std::string_view(header_[field]) : std::string_view();
  InputLocation where = input_.LocationAt(name.empty() ? pos_ : offsets_[field], name);
  return InputError(where, fmt::format("record is longer than {} bytes", kMaxRecordBytes),
                    "shorter lines (is a quote left open?)");
}

Result<bool> CsvScanner::ReadMore() {
  LL_ASSIGN_OR_RETURN(bool more, input_.ReadMore(pos_));
  pos_ = 0;
  text_ = input_.window();
  return more;
}

Result<bool> CsvScanner::SkipBlankLines() {
  while (true) {
    size_t p = pos_;
    while (p < text_.size()) {
      char c = text_[p];
      if (c == '\n') {
        pos_ = ++p;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++p;
      } else {
        return true;
      }
    }
    if (Final()) {
      pos_ = p;
      return false;
    }
    if (p - pos_ > kMaxRecordBytes) return TooLong();
    LL_RETURN_IF_ERROR(ReadMore().status());
  }
}

Result<bool> CsvScanner::Next() {
  fields_.clear();
  offsets_.clear();
  LL_ASSIGN_OR_RETURN(bool found, SkipBlankLines());
  if (!found) return false;
  while (true) {
    LL_ASSIGN_OR_RETURN(size_t end, ScanRecord(pos_));
    if (end != kNeedMore) {
      if (end - pos_ > kMaxRecordBytes) return TooLong();
      LL_RETURN_IF_ERROR(CheckRecordText(input_, pos_, end));
      pos_ = end;
      if (header_.empty())
        for (std::string_view field : fields_) header_.emplace_back(TrimAscii(field));
      return true;
    }
    // The record goes on past the bytes read: read more and scan it again
    // (from its start, since reading moves the bytes).
    if (text_.size() - pos_ > kMaxRecordBytes) return TooLong();
    fields_.clear();
    offsets_.clear();
    LL_RETURN_IF_ERROR(ReadMore().status());
  }
}

Result<size_t> CsvScanner::ScanRecord(size_t begin) {
  const auto* data = reinterpret_cast<const unsigned char*>(text_.data());
  const size_t size = text_.size();
  size_t p = begin;
  while (true) {
    offsets_.push_back(p);
    if (p < size && data[p] == '"') {
      Result<size_t> end = ScanQuoted(p);
      if (!end.ok() || *end == kNeedMore) return end;
      p = *end;
    } else {
      // Unquoted, as most fields are: scanned here, with no Result per field.
      const size_t start = p;
      while (p < size && !kSpecial[data[p]]) ++p;
      if (p >= size && !Final()) return kNeedMore;
      if (p < size && data[p] == '"')
        return ErrorAt(p, "quote inside an unquoted field",
                       "the whole field in quotes, with inner quotes doubled (\"\")");
      fields_.push_back(text_.substr(start, p - start));
    }
    if (p >= text_.size()) return p;
    char c = text_[p++];
    if (c == '\n') return p;
    if (c == '\r') {
      if (p < text_.size() && text_[p] == '\n') return p + 1;
      if (p >= text_.size() && !Final()) return kNeedMore;
      return ErrorAt(p - 1, "carriage return without a line feed", "lines ending in LF or CRLF");
    }
  }
}

Result<size_t> CsvScanner::ScanQuoted(size_t begin) {
  size_t p = begin + 1;
  bool doubled = false;
  while (true) {
    p = FindQuote(text_, p);
    if (p == std::string_view::npos) {
      if (!Final()) return kNeedMore;
      return ErrorAt(begin, "quoted field is never closed (its quote opens here)", "a closing quote (\")");
    }
    // A quote at the end of what was read may be the first of a pair.
    if (p + 1 == text_.size() && !Final()) return kNeedMore;
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
