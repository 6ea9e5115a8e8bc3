#include "engine/snapshot.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <type_traits>
#include <vector>

#include "core/output_file.h"

namespace learnloop::engine {
namespace {

// Bump when the layout or the meaning of a column changes. Version 02
// keys by the store's events id and ends with a checksum.
constexpr char kMagic[8] = {'L', 'L', 's', 'n', 'a', 'p', '0', '2'};

// XXH3-64 of every byte before it, so that damage a structural check cannot
// see (a flipped bit in a day or a timestamp) is caught too.
class Checksum {
 public:
  Checksum() : state_(XXH3_createState()) { XXH3_64bits_reset(state_.get()); }
  void Update(const void* data, size_t size) { XXH3_64bits_update(state_.get(), data, size); }
  uint64_t Digest() const { return XXH3_64bits_digest(state_.get()); }

 private:
  struct Free {
    void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
  };
  std::unique_ptr<XXH3_state_t, Free> state_;
};

class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}

  void Bytes(const void* data, size_t size) {
    checksum_.Update(data, size);
    out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  // The checksum of what was written, itself not checksummed.
  void Finish() {
    const uint64_t digest = checksum_.Digest();
    out_.write(reinterpret_cast<const char*>(&digest), sizeof digest);
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
  std::ostream& out_;
  Checksum checksum_;
};

// Reads what Writer wrote; any short read or implausible size fails it.
class Reader {
 public:
  Reader(std::istream& in, uint64_t file_size) : in_(in), left_(file_size) {}

  bool Bytes(void* data, size_t size) {
    if (!ok_ || size > left_) return ok_ = false;
    in_.read(static_cast<char*>(data), static_cast<std::streamsize>(size));
    left_ -= size;
    checksum_.Update(data, size);
    return ok_ = static_cast<bool>(in_);
  }
  // Reads the trailing checksum: true when it matches what was read.
  bool Verify() {
    const uint64_t digest = checksum_.Digest();
    uint64_t stored = 0;
    if (!ok_ || left_ != sizeof stored) return false;
    in_.read(reinterpret_cast<char*>(&stored), sizeof stored);
    left_ = 0;
    return static_cast<bool>(in_) && stored == digest;
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

 private:
  std::istream& in_;
  uint64_t left_;
  bool ok_ = true;
  Checksum checksum_;
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
  // A cache: losing it to a crash costs a rebuild, so no fsync.
  LL_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(file, {.mode = 0644}));
  {
    Writer w(out.stream());
    w.Bytes(kMagic, sizeof kMagic);
    w.Text(key.events_version);
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
    w.Finish();
  }
  return out.Commit();
}

namespace {

std::optional<EventTable> ReadFrom(std::istream& in, uint64_t size, const SnapshotKey& key) {
  Reader r(in, size);
  char magic[sizeof kMagic];
  SnapshotKey stored;
  if (!r.Bytes(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0 ||
      !r.Text(stored.events_version) || !r.Text(stored.time_zone) || stored != key)
    return std::nullopt;
  EventTable table;
  bool ok = r.Text(table.time_zone);
  for (StringDictionary* d : {&table.persons, &table.channels, &table.kinds, &table.contents, &table.tag_lists})
    ok = ok && r.Dictionary(*d, table.arena);
  ok = ok && r.Column(table.person) && r.Column(table.ts) && r.Column(table.day) && r.Column(table.channel) &&
       r.Column(table.kind) && r.Column(table.content) && r.Column(table.value) && r.Column(table.tags) &&
       r.Column(table.person_offsets) && r.Verify();
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

void ResealSnapshotBytes(std::string& bytes) {
  if (bytes.size() < sizeof(uint64_t)) return;
  const size_t body = bytes.size() - sizeof(uint64_t);
  const uint64_t digest = XXH3_64bits(bytes.data(), body);
  std::memcpy(bytes.data() + body, &digest, sizeof digest);
}

std::optional<EventTable> ReadSnapshotBytes(std::string_view bytes, const SnapshotKey& key) {
  std::istringstream in{std::string(bytes), std::ios::binary};
  return ReadFrom(in, bytes.size(), key);
}

}  // namespace learnloop::engine
