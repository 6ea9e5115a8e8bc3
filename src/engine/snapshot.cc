#include "engine/snapshot.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <type_traits>
#include <vector>

namespace learnloop::engine {
namespace {

// Bump when the layout or the meaning of a column changes.
constexpr char kMagic[8] = {'L', 'L', 's', 'n', 'a', 'p', '0', '1'};

class Writer {
 public:
  explicit Writer(std::ofstream& out) : out_(out) {}

  void Bytes(const void* data, size_t size) {
    out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  void U64(uint64_t n) { Bytes(&n, sizeof n); }
  void Text(std::string_view text) {
    U64(text.size());
    Bytes(text.data(), text.size());
  }
  template <typename T>
  void Column(const std::vector<T>& column) {
    static_assert(std::is_trivially_copyable_v<T>);
    U64(column.size());
    Bytes(column.data(), column.size() * sizeof(T));
  }
  // All strings' bytes in one run, then their lengths.
  void Dictionary(const StringDictionary& dictionary) {
    std::vector<uint32_t> sizes(dictionary.size());
    uint64_t bytes = 0;
    for (size_t i = 0; i < dictionary.size(); ++i) {
      sizes[i] = static_cast<uint32_t>(dictionary[i].size());
      bytes += sizes[i];
    }
    Column(sizes);
    U64(bytes);
    for (size_t i = 0; i < dictionary.size(); ++i) Bytes(dictionary[i].data(), dictionary[i].size());
  }

 private:
  std::ofstream& out_;
};

// Reads what Writer wrote; any short read or implausible size fails it.
class Reader {
 public:
  Reader(std::istream& in, uint64_t file_size) : in_(in), left_(file_size) {}

  bool Bytes(void* data, size_t size) {
    if (!ok_ || size > left_) return ok_ = false;
    in_.read(static_cast<char*>(data), static_cast<std::streamsize>(size));
    left_ -= size;
    return ok_ = static_cast<bool>(in_);
  }
  bool U64(uint64_t& n) { return Bytes(&n, sizeof n); }
  bool Text(std::string& text) {
    uint64_t size = 0;
    if (!U64(size) || size > left_) return ok_ = false;
    text.resize(size);
    return Bytes(text.data(), size);
  }
  template <typename T>
  bool Column(std::vector<T>& column) {
    uint64_t count = 0;
    if (!U64(count) || count > left_ / sizeof(T)) return ok_ = false;
    column.resize(count);
    return Bytes(column.data(), count * sizeof(T));
  }
  bool Dictionary(StringDictionary& dictionary, StringArena& arena) {
    std::vector<uint32_t> sizes;
    uint64_t bytes = 0;
    if (!Column(sizes) || !U64(bytes) || bytes > left_) return ok_ = false;
    std::string all(bytes, '\0');
    if (!Bytes(all.data(), bytes)) return false;
    std::vector<std::string_view> values;
    values.reserve(sizes.size());
    uint64_t at = 0;
    for (uint32_t size : sizes) {
      if (size > bytes - at) return ok_ = false;
      values.push_back(arena.Copy(std::string_view(all).substr(at, size)));
      at += size;
    }
    if (at != bytes) return ok_ = false;
    dictionary = StringDictionary(std::move(values));
    return true;
  }
  bool AtEnd() const { return ok_ && left_ == 0; }

 private:
  std::istream& in_;
  uint64_t left_;
  bool ok_ = true;
};

template <typename Id>
bool IdsBelow(const std::vector<Id>& ids, size_t limit) {
  return std::all_of(ids.begin(), ids.end(), [limit](Id id) { return static_cast<size_t>(id) < limit; });
}

// Everything a query relies on to index safely.
bool Consistent(const EventTable& t) {
  const size_t n = t.ts.size();
  // Ids are narrowed to these widths (FindKind, FindChannel).
  if (t.channels.size() > kMaxChannels || t.kinds.size() > kMaxKinds) return false;
  for (size_t size : {t.person.size(), t.day.size(), t.channel.size(), t.kind.size(), t.content.size(), t.value.size(),
                      t.tags.size()}) {
    if (size != n) return false;
  }
  if (t.person_offsets.size() != t.persons.size() + 1 || t.person_offsets.front() != 0 ||
      t.person_offsets.back() != n || !std::is_sorted(t.person_offsets.begin(), t.person_offsets.end()))
    return false;
  for (PersonId p = 0; p < t.persons.size(); ++p) {
    for (uint32_t i = t.person_offsets[p]; i < t.person_offsets[p + 1]; ++i) {
      if (t.person[i] != p) return false;
    }
  }
  return IdsBelow(t.channel, t.channels.size()) && IdsBelow(t.kind, t.kinds.size()) &&
         IdsBelow(t.content, t.contents.size()) && IdsBelow(t.tags, t.tag_lists.size());
}

}  // namespace

Status WriteSnapshot(const EventTable& table, const SnapshotKey& key, const std::filesystem::path& file) {
  const std::filesystem::path temp = file.string() + fmt::format(".{}.tmp", ::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(fmt::format("{}: cannot be written", temp.string()));
    Writer w(out);
    w.Bytes(kMagic, sizeof kMagic);
    w.U64(static_cast<uint64_t>(key.events_version));
    w.Text(key.time_zone);
    w.Text(table.time_zone);
    for (const StringDictionary* d : {&table.persons, &table.channels, &table.kinds, &table.contents, &table.tag_lists})
      w.Dictionary(*d);
    w.Column(table.person);
    w.Column(table.ts);
    w.Column(table.day);
    w.Column(table.channel);
    w.Column(table.kind);
    w.Column(table.content);
    w.Column(table.value);
    w.Column(table.tags);
    w.Column(table.person_offsets);
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      return IoError(fmt::format("{}: cannot be written (disk full?)", temp.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, file, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return IoError(fmt::format("{}: cannot be replaced", file.string()));
  }
  return Status::Ok();
}

namespace {

std::optional<EventTable> ReadFrom(std::istream& in, uint64_t size, const SnapshotKey& key) {
  Reader r(in, size);
  char magic[sizeof kMagic];
  uint64_t version = 0;
  std::string zone;
  if (!r.Bytes(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || !r.U64(version) ||
      !r.Text(zone) || SnapshotKey{static_cast<int64_t>(version), zone} != key)
    return std::nullopt;
  EventTable table;
  bool ok = r.Text(table.time_zone);
  for (StringDictionary* d : {&table.persons, &table.channels, &table.kinds, &table.contents, &table.tag_lists})
    ok = ok && r.Dictionary(*d, table.arena);
  ok = ok && r.Column(table.person) && r.Column(table.ts) && r.Column(table.day) && r.Column(table.channel) &&
       r.Column(table.kind) && r.Column(table.content) && r.Column(table.value) && r.Column(table.tags) &&
       r.Column(table.person_offsets) && r.AtEnd();
  if (!ok || !Consistent(table)) return std::nullopt;
  return table;
}

}  // namespace

std::optional<EventTable> ReadSnapshot(const std::filesystem::path& file, const SnapshotKey& key) {
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(file, ec);
  if (ec) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return ReadFrom(in, size, key);
}

std::optional<EventTable> ReadSnapshotBytes(std::string_view bytes, const SnapshotKey& key) {
  std::istringstream in{std::string(bytes), std::ios::binary};
  return ReadFrom(in, bytes.size(), key);
}

}  // namespace learnloop::engine
