// Dictionary encoding for the columnar event table: strings are copied once
// into an arena and named by dense ids (0, 1, 2, ... in first-seen order).
// StringInterner assigns ids while a table is built; StringDictionary is the
// frozen id -> string map a built table keeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace learnloop::engine {

// Append-only string storage in heap blocks: a returned view stays valid for
// the arena's lifetime, also after the arena is moved.
class StringArena {
 public:
  std::string_view Copy(std::string_view text);
  // Bytes of all blocks, used or not.
  size_t MemoryBytes() const { return reserved_bytes_; }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t reserved_bytes_ = 0;
};

// id -> string for a built table; views point into the table's arena.
class StringDictionary {
 public:
  StringDictionary() = default;
  explicit StringDictionary(std::vector<std::string_view> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  // Precondition: id < size().
  std::string_view operator[](size_t id) const { return values_[id]; }
  // A linear scan: meant for small dictionaries (kinds, channels) and for
  // one-off lookups, not for per-event work.
  std::optional<uint32_t> Find(std::string_view text) const;
  size_t MemoryBytes() const { return values_.capacity() * sizeof(std::string_view); }

 private:
  std::vector<std::string_view> values_;
};

// Finds ids by string in a frozen dictionary, for lookups per row (e.g. a
// CRM file's people among a million): open addressing over 32-bit hashes,
// pointing at the dictionary's own strings. Must not outlive `dictionary`.
class StringIndex {
 public:
  explicit StringIndex(const StringDictionary& dictionary);
  std::optional<uint32_t> Find(std::string_view text) const;

 private:
  const StringDictionary& dictionary_;
  // (hash << 32) | (id + 1); 0 marks an empty slot. Power-of-two size.
  std::vector<uint64_t> slots_;
};

// Assigns dense ids to strings with an open-addressing hash table. The table
// is dropped by Freeze(), so a built event table pays only for its views.
class StringInterner {
 public:
  // The id of `text`, copying it into `arena` when it is new; nullopt when
  // ids or sizes would pass 32 bits (2^32 - 1 strings, or a 4 GiB string).
  std::optional<uint32_t> Intern(std::string_view text, StringArena& arena);
  size_t size() const { return values_.size(); }
  StringDictionary Freeze() &&;

 private:
  // A slot holds where its string's copy lives and 32 bits of its hash, so
  // a lookup touches one slot and one string, and growing touches neither:
  // with a million people these cache misses are most of the build time.
  struct Slot {
    const char* data;
    uint32_t size;
    uint32_t id;
    uint32_t hash;
  };
  static constexpr uint32_t kEmptySlot = UINT32_MAX;
  void Grow();

  std::vector<std::string_view> values_;
  std::vector<Slot> slots_;  // size is a power of two; empty slots have id kEmptySlot
  // Event files repeat the same channel, kind and content in runs.
  std::optional<uint32_t> last_id_;
};

}  // namespace learnloop::engine
