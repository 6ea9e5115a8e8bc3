#include "accounts/secrets.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>

#include "core/text.h"
#include "learnloop/accounts.h"
#include "store/checksum.h"

namespace learnloop::accounts {
namespace {

constexpr unsigned long long kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemory = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// A hash of a random password, made once, that VerifyNoPassword checks
// against.
const std::string& DecoyHash() {
  static const std::string kDecoy = [] {
    Result<std::string> made = HashPassword(NewSecret("decoy-"));
    return made.ok() ? *made : std::string();
  }();
  return kDecoy;
}

}  // namespace

Status CheckPassword(std::string_view password) {
  if (FindInvalidUtf8(password)) return InvalidArgument("the password is not valid UTF-8 text");
  if (password.size() > kMaxPasswordBytes)
    return InvalidArgument(fmt::format("the password is longer than {} bytes", kMaxPasswordBytes));
  size_t characters = 0;
  for (size_t i = 0; i < password.size(); i += Utf8SequenceLength(password, i)) ++characters;
  if (characters < kMinPasswordCharacters) {
    return InvalidArgument(
        fmt::format("the password has {} characters; expected at least {}", characters, kMinPasswordCharacters));
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  store::InitSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOps, kMemory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("hashing the password ran out of memory (Argon2id needs 64 MiB)");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  store::InitSodium();
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void VerifyNoPassword(std::string_view password) {
  const bool matched = VerifyPassword(DecoyHash(), password);
  static_cast<void>(matched);  // nobody knows the decoy's password
}

std::string NewSecret(std::string_view prefix) {
  store::InitSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(32, kVariant)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
  return std::string(prefix) + text.data();
}

std::string SecretDigest(std::string_view secret) {
  store::InitSodium();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

}  // namespace learnloop::accounts
