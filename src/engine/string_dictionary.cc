#include "engine/string_dictionary.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <stdexcept>

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

uint32_t StringInterner::Intern(std::string_view text, StringArena& arena) {
  if (last_id_ && values_[*last_id_] == text) return *last_id_;
  if (slots_.empty() || (values_.size() + 1) * 2 > slots_.size()) Grow();
  size_t hash = std::hash<std::string_view>{}(text);
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    uint32_t id = slots_[i];
    if (id == kEmptySlot) {
      // Ids are uint32 and kEmptySlot is reserved; more distinct strings than
      // that cannot fit in memory next to their events anyway.
      if (values_.size() >= kEmptySlot) throw std::length_error("string dictionary is full");
      id = static_cast<uint32_t>(values_.size());
      values_.push_back(arena.Copy(text));
      hashes_.push_back(hash);
      slots_[i] = id;
      last_id_ = id;
      return id;
    }
    if (hashes_[id] == hash && values_[id] == text) {
      last_id_ = id;
      return id;
    }
  }
}

void StringInterner::Grow() {
  std::vector<uint32_t> slots(std::max(kInitialSlots, slots_.size() * 2), kEmptySlot);
  size_t mask = slots.size() - 1;
  for (uint32_t id = 0; id < values_.size(); ++id) {
    size_t i = hashes_[id] & mask;
    while (slots[i] != kEmptySlot) i = (i + 1) & mask;
    slots[i] = id;
  }
  slots_ = std::move(slots);
}

StringDictionary StringInterner::Freeze() && {
  values_.shrink_to_fit();
  return StringDictionary(std::move(values_));
}

}  // namespace learnloop::engine
