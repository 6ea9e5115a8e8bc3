// Emails kept as keyed hashes (`learnloop init --hash-emails`), for
// organizations that must not store supporters' addresses. Every email an
// import would store, as a person or as an attribute's value, is replaced
// by a keyed BLAKE2b hash of its trimmed, lower-case form, written
// "<32 hex digits>@hashed.invalid" so that it still reads as an email
// (.invalid is reserved: RFC 2606). The same address always gives the
// same hash in one workspace, so linking by email works; without the key
// nobody can tell which address a hash stands for, or test a guess.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "learnloop/status.h"
#include "store/store.h"

namespace learnloop {

inline constexpr std::string_view kHashedEmailDomain = "@hashed.invalid";

class EmailHasher {
 public:
  static constexpr size_t kKeyBytes = 32;
  using Key = std::array<unsigned char, kKeyBytes>;

  // A new random key, written to `key_file` (mode 0600, never over an
  // existing file or through a link).
  static Result<EmailHasher> Create(const std::filesystem::path& key_file);
  // The key `key_file` holds, checked against the id the store recorded
  // when it was made: FailedPrecondition, saying what to do, when the file
  // is missing, damaged or another workspace's.
  static Result<EmailHasher> Load(const std::filesystem::path& key_file, std::string_view expected_id);
  explicit EmailHasher(const Key& key);

  // Names the key without revealing it (hex), for the store's settings.
  std::string KeyId() const;
  // `person` as the workspace stores it: an email becomes its hash; a
  // hash, a handle or any other id is returned as it is.
  std::string Stored(std::string_view person) const;

 private:
  Key key_;
};

// True for a value Stored made from an email.
bool IsHashedEmail(std::string_view value);

// Hands what an import adds to `next` with every email hashed: the events'
// person, and the person and value of attributes.
class EmailHashingSink : public store::EventSink {
 public:
  EmailHashingSink(store::EventSink& next, const EmailHasher& hasher) : next_(next), hasher_(hasher) {}
  Status Add(const EventView& event) override;
  Status AddObservation(const Observation& observation) override { return next_.AddObservation(observation); }
  Status SetAttribute(const PersonAttribute& attribute) override;
  Status AddContent(const ContentItem& item) override { return next_.AddContent(item); }

 private:
  store::EventSink& next_;
  const EmailHasher& hasher_;
};

// `attribute` with its person and value hashed where they are emails.
PersonAttribute HashedAttribute(const EmailHasher& hasher, const PersonAttribute& attribute);

}  // namespace learnloop
