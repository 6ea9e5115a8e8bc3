#include "engine/string_dictionary.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace learnloop::engine {
namespace {

constexpr size_t kArenaBlockBytes = size_t{1} << 20;
constexpr size_t kInitialSlots = 64;

}  // namespace

std::string_view StringArena::Copy(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > left_) {
    size_t block_bytes = std::max(kArenaBlockBytes, text.size());
    blocks_.push_back(std::make_unique<char[]>(block_bytes));
    next_ = blocks_.back().get();
    left_ = block_bytes;
    reserved_bytes_ += block_bytes;
  }
  std::memcpy(next_, text.data(), text.size());
  std::string_view copy(next_, text.size());
  next_ += text.size();
  left_ -= text.size();
  return copy;
}

std::optional<uint32_t> StringDictionary::Find(std::string_view text) const {
  auto it = std::find(values_.begin(), values_.end(), text);
  if (it == values_.end()) return std::nullopt;
  return static_cast<uint32_t>(it - values_.begin());
}

std::optional<uint32_t> StringInterner::Intern(std::string_view text, StringArena& arena) {
  if (last_id_ && values_[*last_id_] == text) return *last_id_;
  if (slots_.empty() || (values_.size() + 1) * 2 > slots_.size()) Grow();
  const auto hash = static_cast<uint32_t>(std::hash<std::string_view>{}(text));
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id == kEmptySlot) {
      if (values_.size() >= kEmptySlot || text.size() > UINT32_MAX) return std::nullopt;
      std::string_view copy = arena.Copy(text);
      slot = {copy.data(), static_cast<uint32_t>(copy.size()), static_cast<uint32_t>(values_.size()), hash};
      values_.push_back(copy);
      last_id_ = slot.id;
      return slot.id;
    }
    if (slot.hash == hash && std::string_view(slot.data, slot.size) == text) {
      last_id_ = slot.id;
      return slot.id;
    }
  }
}

void StringInterner::Grow() {
  // 32 hash bits index up to 2^32 slots, twice the most ids there can be.
  std::vector<Slot> slots(std::max(kInitialSlots, slots_.size() * 2), Slot{nullptr, 0, kEmptySlot, 0});
  const size_t mask = slots.size() - 1;
  for (const Slot& slot : slots_) {
    if (slot.id == kEmptySlot) continue;
    size_t i = slot.hash & mask;
    while (slots[i].id != kEmptySlot) i = (i + 1) & mask;
    slots[i] = slot;
  }
  slots_ = std::move(slots);
}

namespace {

uint32_t Hash32(std::string_view text) { return static_cast<uint32_t>(std::hash<std::string_view>{}(text)); }

}  // namespace

StringIndex::StringIndex(const StringDictionary& dictionary) : dictionary_(dictionary) {
  size_t size = kInitialSlots;
  while (size < dictionary.size() * 2) size *= 2;
  slots_.assign(size, 0);
  const size_t mask = size - 1;
  for (size_t id = 0; id < dictionary.size(); ++id) {
    const uint32_t hash = Hash32(dictionary[id]);
    size_t i = hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = (uint64_t{hash} << 32) | (id + 1);
  }
}

std::optional<uint32_t> StringIndex::Find(std::string_view text) const {
  const uint32_t hash = Hash32(text);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i] != 0; i = (i + 1) & mask) {
    if (static_cast<uint32_t>(slots_[i] >> 32) != hash) continue;
    const auto id = static_cast<uint32_t>(slots_[i] & 0xffffffffu) - 1;
    if (dictionary_[id] == text) return id;
  }
  return std::nullopt;
}

StringDictionary StringInterner::Freeze() && {
  values_.shrink_to_fit();
  return StringDictionary(std::move(values_));
}

}  // namespace learnloop::engine
