#include "workspace/email_hash.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <optional>

#include "core/output_file.h"
#include "ingest/input_text.h"
#include "ingest/platform_text.h"
#include "store/checksum.h"

namespace learnloop {
namespace {

constexpr size_t kHashBytes = 16;  // 128 bits: no two addresses of one workspace collide
constexpr std::string_view kKeyIdMessage = "learnloop email key id";

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string KeyFileText(const EmailHasher::Key& key) { return Hex(key.data(), key.size()) + "\n"; }

}  // namespace

EmailHasher::EmailHasher(const Key& key) : key_(key) { store::InitSodium(); }

Result<EmailHasher> EmailHasher::Create(const std::filesystem::path& key_file) {
  store::InitSodium();
  Key key;
  crypto_generichash_keygen(key.data());
  LL_RETURN_IF_ERROR(CreateNewFile(key_file, KeyFileText(key), 0600));
  return EmailHasher(key);
}

Result<EmailHasher> EmailHasher::Load(const std::filesystem::path& key_file, std::string_view expected_id) {
  const std::string what =
      fmt::format("this workspace keeps emails as keyed hashes, and importing or looking up an email needs its key, {}",
                  key_file.string());
  std::error_code ec;
  if (!std::filesystem::exists(key_file, ec))
    return FailedPrecondition(fmt::format("{}, which is missing; restore it from a backup of the workspace", what));
  LL_ASSIGN_OR_RETURN(std::string text, ingest::ReadWholeFile(key_file, 1024));
  const std::string_view hex = ingest::TrimAscii(text);
  Key key;
  size_t length = 0;
  if (hex.size() != kKeyBytes * 2 ||
      sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, nullptr) != 0 ||
      length != kKeyBytes)
    return FailedPrecondition(
        fmt::format("{}, which is damaged: expected {} hexadecimal digits, as init wrote them", what, kKeyBytes * 2));
  EmailHasher hasher(key);
  if (hasher.KeyId() != expected_id)
    return FailedPrecondition(
        fmt::format("{}, which holds another workspace's key: its hashes would not match the stored ones; restore this "
                    "workspace's own {}",
                    what, key_file.filename().string()));
  return hasher;
}

std::string EmailHasher::KeyId() const {
  std::array<unsigned char, kHashBytes> id;
  crypto_generichash(id.data(), id.size(), reinterpret_cast<const unsigned char*>(kKeyIdMessage.data()),
                     kKeyIdMessage.size(), key_.data(), key_.size());
  return Hex(id.data(), id.size());
}

std::string EmailHasher::Stored(std::string_view person) const {
  if (IsHashedEmail(person)) return std::string(person);
  std::optional<std::string> email = ingest::EmailPerson(person);
  if (!email) return std::string(person);
  std::array<unsigned char, kHashBytes> digest;
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(email->data()), email->size(),
                     key_.data(), key_.size());
  return Hex(digest.data(), digest.size()).append(kHashedEmailDomain);
}

bool IsHashedEmail(std::string_view value) {
  if (value.size() != kHashBytes * 2 + kHashedEmailDomain.size() || !value.ends_with(kHashedEmailDomain)) return false;
  return std::all_of(value.begin(), value.begin() + kHashBytes * 2,
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Status EmailHashingSink::Add(const EventView& event) {
  const std::string person = hasher_.Stored(event.person);
  EventView hashed = event;
  hashed.person = person;
  return next_.Add(hashed);
}

Status EmailHashingSink::SetAttribute(const PersonAttribute& attribute) {
  return next_.SetAttribute(HashedAttribute(hasher_, attribute));
}

PersonAttribute HashedAttribute(const EmailHasher& hasher, const PersonAttribute& attribute) {
  return PersonAttribute{hasher.Stored(attribute.person), attribute.attribute, hasher.Stored(attribute.value)};
}

}  // namespace learnloop
