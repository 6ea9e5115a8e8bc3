// The events of one SQLite import: adds them inside the import's
// transaction through prepared statements, resolving channel, person and
// kind names to ids with in-memory caches. A new person value gets a new
// identity and a new person. Must not outlive the transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/sqlite/statement.h"
#include "store/store.h"

namespace learnloop::store::sqlite {

// The workspace's org in a one-workspace file.
inline constexpr int64_t kOrgId = 1;

class EventInserter final {
 public:
  // `created_at` (UTC micros) stamps the people this import creates.
  static Result<std::unique_ptr<EventInserter>> Create(Connection& db, int64_t import_id, int64_t created_at);

  Status Add(const EventView& event);

  int64_t added() const { return added_; }
  // Events stored before this import.
  int64_t duplicates() const { return duplicates_; }
  // Events an earlier row of this import added.
  int64_t repeated() const { return repeated_; }

 private:
  struct StringHash {
    using is_transparent = void;  // NOLINT(readability-identifier-naming): the name the standard looks up
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  // Names already resolved in this import, and how to resolve new ones.
  struct Dictionary {
    std::unordered_map<std::string, int64_t, StringHash, std::equal_to<>> ids;
    Statement select;     // ?1 org, ?2 name -> id [, has_events]
    Statement insert;     // ?1 org, ?2 name [, ?3 person id]
    bool creates_person;  // each new name gets a new person (identities)
  };

  // The identities this import added, as bits of a fixed-size table (a
  // Bloom filter with one hash): an ignored row whose bit is clear was
  // stored before this import, with no look-up. A set bit may be another
  // identity's, which costs only the look-up. 512 KiB whatever the file.
  class AddedFilter {
   public:
    void Add(uint64_t hash) { bits_[Slot(hash) / 64] |= Bit(hash); }
    bool MayContain(uint64_t hash) const { return (bits_[Slot(hash) / 64] & Bit(hash)) != 0; }

   private:
    static constexpr size_t kBits = size_t{1} << 22;
    static size_t Slot(uint64_t hash) { return static_cast<size_t>(hash % kBits); }
    static uint64_t Bit(uint64_t hash) { return uint64_t{1} << (Slot(hash) % 64); }
    std::vector<uint64_t> bits_ = std::vector<uint64_t>(kBits / 64);
  };

  struct Statements {
    Statement insert_person;
    Statement mark_has_events;
    Statement insert_event;
    Statement stored_by;
  };

  EventInserter(Connection& db, int64_t import_id, int64_t created_at, Dictionary channels, Dictionary identities,
                Dictionary kinds, Statements statements);
  static Result<Dictionary> PrepareDictionary(Connection& db, std::string_view select_sql, std::string_view insert_sql,
                                              bool creates_person);
  Result<int64_t> Resolve(Dictionary& dictionary, std::string_view name);
  Result<int64_t> InsertName(Dictionary& dictionary, std::string_view name);
  // A hash of an event's identity (the events table's key).
  static uint64_t IdentityHash(Timestamp ts, int64_t channel_id, int64_t identity_id, int64_t kind_id,
                               std::string_view content);
  // The import that stored the event with this identity.
  Result<int64_t> StoredBy(Timestamp ts, int64_t channel_id, int64_t identity_id, int64_t kind_id,
                           std::string_view content);

  Connection& db_;
  int64_t import_id_;
  int64_t created_at_;
  Dictionary channels_;
  Dictionary identities_;
  Dictionary kinds_;
  Statement insert_person_;
  Statement mark_has_events_;  // ?1 identity id
  Statement insert_event_;
  Statement stored_by_;  // ?1 org, ?2 ts, ?3 channel, ?4 identity, ?5 kind, ?6 content -> import id
  AddedFilter added_filter_;
  int64_t added_ = 0;
  int64_t duplicates_ = 0;
  int64_t repeated_ = 0;
};

}  // namespace learnloop::store::sqlite
